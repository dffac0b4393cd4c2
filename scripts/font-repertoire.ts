// Writes src/lib/domain/fontRepertoire.ts: the code points of today's regular contract face, as ranges, for the form checks.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CURRENT_TEMPLATE_VERSION } from '../src/lib/domain/templateVersions';
import { readCmap } from '../src/lib/pdf/cmap';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';

/** Consecutive code points folded into [first, last] pairs, in order. */
export function toRanges(codePoints: Iterable<number>): [number, number][] {
	const ranges: [number, number][] = [];
	for (const cp of [...codePoints].sort((a, b) => a - b)) {
		const last = ranges[ranges.length - 1];
		if (last && last[1] === cp - 1) last[1] = cp;
		else ranges.push([cp, cp]);
	}
	return ranges;
}

const OUT = fileURLToPath(new URL('../src/lib/domain/fontRepertoire.ts', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
	const { regular, set } = await loadContractFontsNode(CURRENT_TEMPLATE_VERSION.framework);
	const ranges = toRanges(readCmap(regular));
	const hex = (n: number) => `0x${n.toString(16)}`;
	const lines = [];
	for (let i = 0; i < ranges.length; i += 6)
		lines.push(
			`\t${ranges
				.slice(i, i + 6)
				.map(([a, b]) => `${hex(a)}, ${hex(b)}`)
				.join(', ')}`
		);
	writeFileSync(
		OUT,
		`// Characters the contract's regular face (font set ${set}) can print: written by scripts/font-repertoire.ts, checked by fontRepertoire.test.ts.
// The forms refuse anything else where it is typed; the renderer's own check (src/lib/pdf/coverage.ts) stays the last word.

/** The font set the ranges were read from: fontRepertoire.test.ts holds it to today's. */
export const FONT_SET = '${set}';
/** [first, last] code point pairs, ascending, as one flat list. */
export const FONT_RANGES: readonly number[] = [
${lines.join(',\n')}
];
`
	);
	console.log(`${OUT}: ${ranges.length} ranges of font set ${set}`);
}
