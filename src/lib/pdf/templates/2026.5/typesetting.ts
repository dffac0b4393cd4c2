// Typesetting of template 2026.5: no text ends on one character, and a party's name on the execution page shrinks to fit or breaks at its brackets.
import type { CellLine, Typesetting } from '../2026.3/layout';
import { breakLines, weight } from './lineBreak';

/** 小五 (9 pt): the smallest size a party's name shrinks to; a longer name takes more lines at the body size. */
export const NAME_FLOOR = 9;
/** Sizes go in quarter points, as table cells shrink: the same sizes, and bytes, in every engine. */
const STEP = 0.25;

type MeasureAt = (text: string, size: number) => number;

/** The largest size, at most `size`, in quarter points, that sets `text` on one line of `width`. */
export function fitSize(text: string, width: number, size: number, measure: MeasureAt): number {
	const natural = measure(text, size);
	if (natural <= width) return size;
	let fitted = Math.floor((size * width) / natural / STEP) * STEP;
	while (fitted > STEP && measure(text, fitted) > width) fitted -= STEP;
	return fitted;
}

const BRACKET_OPEN = new Set(['（', '(']);
const BRACKET_CLOSE = new Set(['）', ')']);

/**
 * As many lines as the name needs at `size`, made as even as they can be: the narrowest width (binary search,
 * deterministic arithmetic) that still takes that many lines, so no line is left with a character or two.
 */
export function balancedLines(text: string, width: number, measure: (text: string) => number): string[] {
	const lines = breakLines(text, width, measure);
	if (lines.length < 2) return lines;
	let lo = 0;
	let hi = width;
	for (let i = 0; i < 20; i++) {
		const mid = (lo + hi) / 2;
		if (breakLines(text, mid, measure).length <= lines.length) hi = mid;
		else lo = mid;
	}
	return breakLines(text, hi, measure);
}

/** Where a name may break at its brackets: before an opening one, after a closing one. */
function bracketSplits(text: string): [string, string][] {
	const chars = [...text];
	const out: [string, string][] = [];
	for (let i = 1; i < chars.length; i++) {
		if (!BRACKET_OPEN.has(chars[i]!) && !BRACKET_CLOSE.has(chars[i - 1]!)) continue;
		const parts: [string, string] = [chars.slice(0, i).join(''), chars.slice(i).join('')];
		if (parts.every((p) => weight(p) >= 2)) out.push(parts);
	}
	return out;
}

/**
 * A party's name beside its label: one line, shrunk down to NAME_FLOOR; else two lines broken at its brackets at
 * the largest size both fit, down to NAME_FLOOR; else even lines at `size`, broken at its brackets too when that
 * takes no more lines.
 */
export function fitName(text: string, width: number, size: number, measure: MeasureAt): CellLine[] {
	const one = fitSize(text, width, size, measure);
	if (one >= NAME_FLOOR) return [{ text, size: one }];
	const splits = bracketSplits(text);
	let best: CellLine[] | undefined;
	for (const parts of splits) {
		const at = Math.min(...parts.map((p) => fitSize(p, width, size, measure)));
		if (at >= NAME_FLOOR && (best === undefined || at > best[0]!.size))
			best = parts.map((p) => ({ text: p, size: at }));
	}
	if (best) return best;
	const measureAt = (s: string) => measure(s, size);
	const even = balancedLines(text, width, measureAt);
	let atBracket: string[] | undefined;
	for (const parts of splits) {
		const lines = parts.flatMap((p) => balancedLines(p, width, measureAt));
		if (lines.length <= (atBracket ?? even).length && (atBracket === undefined || lines.length < atBracket.length))
			atBracket = lines;
	}
	return (atBracket ?? even).map((line) => ({ text: line, size }));
}

export const TYPESETTING_2026_5: Typesetting = {
	lines: (text, width, measure) => breakLines(text, width, measure),
	paragraph: (text, first, rest, measure) => breakLines(text, (line) => (line === 0 ? first : rest), measure),
	name: fitName,
	// A line that gave a character to the last one may fall short by that and by the segment that did not fit
	// (「则）。」: three ems): still justified. Clauses hold no runs long enough to be cut short by more.
	justifyBelow: 5
};
