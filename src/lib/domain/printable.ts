// Which characters a contract can print: the regular face's repertoire, looked up without the font file.
// Its own module, apart from text.ts: only the schemas of printed fields carry the range table into a chunk.
import { FONT_RANGES } from './fontRepertoire';
import { text, textProblem } from './text';

/** Whether the contract font has a glyph for this code point (binary search over the range pairs). */
export function isPrintable(codePoint: number): boolean {
	let lo = 0;
	let hi = FONT_RANGES.length / 2 - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (codePoint < FONT_RANGES[mid * 2]!) hi = mid - 1;
		else if (codePoint > FONT_RANGES[mid * 2 + 1]!) lo = mid + 1;
		else return true;
	}
	return false;
}

/**
 * The distinct characters of `s` the font lacks, in the order they first appear: what the form names to the user
 * (「😀」), so they know what to remove. Whole characters, astral ones included, never half a surrogate pair.
 */
export function unprintableChars(s: string): string[] {
	const out = new Set<string>();
	for (const char of s) if (!isPrintable(char.codePointAt(0)!)) out.add(char);
	return [...out];
}

/**
 * Text the contract prints (or the provider prints on an envelope): `text()`, and every character must be in the
 * contract font. An emoji in 联系人 is refused where it is typed, not by the renderer after 确认并生成合同.
 * Malformed text keeps its own, more precise message.
 */
export const printable = (max: number, min = 1) =>
	text(max, min).check((ctx) => {
		if (textProblem(ctx.value) || unprintableChars(ctx.value).length === 0) return;
		ctx.issues.push({ code: 'custom', message: 'notInFont', input: ctx.value });
	});
