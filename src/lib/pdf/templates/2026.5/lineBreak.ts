// Chinese line breaking of template 2026.5: 2026.3's segments (禁则) filled greedily, and no text ends with one character alone on its last line.
import { CLOSING, type Measure, OPENING, type Segment, segments, splitLong } from '../2026.3/lineBreak';

export { CLOSING, OPENING, type Measure } from '../2026.3/lineBreak';

/** The width of every line, or of line i (from 0): an indented paragraph's first line is narrower. */
export type Widths = number | ((line: number) => number);

/** Punctuation and spaces ride along with the character before them: they do not count on their own. */
const RIDES_ALONG = /[\s\p{P}]/u;

/** The characters of a line a reader counts: 「准。」 is one, 「有效；」 two. */
export function weight(line: string): number {
	let n = 0;
	for (const c of line) if (!RIDES_ALONG.test(c)) n++;
	return n;
}

/** A line a reader sees as one character left alone, as 「准。」 or 「司」. */
export function isLone(line: string): boolean {
	return weight(line) === 1;
}

type Line = Segment[];

const textOf = (line: Line) => line.map((s) => s.text).join('');

function piece(text: string, measure: Measure): Segment {
	return { text, width: measure(text), space: false };
}

/** 2026.3's greedy fill over its segments, each line at its own width. */
function fill(text: string, widthOf: (line: number) => number, measure: Measure): Line[] {
	const lines: Line[] = [];
	let line: Line = [];
	let width = 0;
	const close = () => {
		lines.push(line);
		line = [];
		width = 0;
	};
	for (const seg of segments(text, measure)) {
		if (seg.space) {
			// Spaces hang in the margin: they never push a line over.
			line.push(seg);
			width += seg.width;
			continue;
		}
		if (line.length > 0 && width + seg.width > widthOf(lines.length)) close();
		if (line.length > 0 || seg.width <= widthOf(lines.length)) {
			line.push(seg);
			width += seg.width;
			continue;
		}
		// A run longer than a whole line (a URL, a long id): cut it line by line, each at that line's width.
		let rest = seg;
		for (;;) {
			const [head = '', ...tail] = splitLong(rest, widthOf(lines.length), measure);
			line = [piece(head, measure)];
			width = line[0]!.width;
			if (tail.length === 0) break;
			close();
			rest = piece(tail.join(''), measure);
		}
	}
	if (line.length > 0 || lines.length === 0) lines.push(line);
	return lines;
}

/**
 * The typesetter's rule for a last line that would hold one character: the line before gives up its last
 * segment (a character with the marks glued to it, or a word), so two or more end the text. The line before
 * keeps at least two characters of its own and the new last line must fit; when the line before is one long
 * run (a URL), its last character comes down instead. Breaks stay where 2026.3's rules allow them: a segment
 * boundary never puts a closing mark at a line's start nor an opening mark at its end.
 */
function keepCompany(lines: Line[], widthOf: (line: number) => number, measure: Measure): void {
	const n = lines.length;
	if (n < 2 || !isLone(textOf(lines[n - 1]!))) return;
	const last = lines[n - 1]!;
	const prev = lines[n - 2]!;
	const fits = (line: Line) => measure(textOf(line)) <= widthOf(n - 1);
	let k = prev.length;
	while (k > 0 && prev[k - 1]!.space) k--;
	if (k === 0) return;
	const kept = prev.slice(0, k - 1);
	const down = [...prev.slice(k - 1), ...last];
	if (weight(textOf(kept)) >= 2 && fits(down)) {
		lines[n - 2] = kept;
		lines[n - 1] = down;
		return;
	}
	// One long run ends the line before, with no space after it: split off its last character.
	const chars = [...prev[k - 1]!.text];
	const c = chars.at(-1)!;
	if (k !== prev.length || chars.length < 3 || CLOSING.has(c) || OPENING.has(chars.at(-2)!)) return;
	const head = chars.slice(0, -1).join('');
	const split: Line = [piece(c, measure), ...last];
	if (weight(textOf([...kept, piece(head, measure)])) < 2 || !fits(split)) return;
	lines[n - 2] = [...kept, piece(head, measure)];
	lines[n - 1] = split;
}

/**
 * Breaks text into lines no wider than their width (trailing spaces hang in the margin), with 2026.3's
 * punctuation rules, and with at least two characters on the last line whenever the text takes more than
 * one (punctuation counted with the character before it). Joining the lines gives the text back exactly.
 */
export function breakLines(text: string, widths: Widths, measure: Measure): string[] {
	if (text === '') return [''];
	const widthOf = typeof widths === 'number' ? () => widths : widths;
	const lines = fill(text, widthOf, measure);
	keepCompany(lines, widthOf, measure);
	return lines.map(textOf);
}
