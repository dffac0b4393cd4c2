// Chinese line breaking (禁则): fill lines to the width, keep closing marks off line starts and opening marks off line ends.

/** Marks that must not begin a line. */
export const CLOSING = new Set([...'。，、；：？！）」』】》〉〕〗’”…‥·%,.;:?!)]}>']);
/** Marks that must not end a line. */
export const OPENING = new Set([...'（「『【《〈〔〖‘“([{<']);

// Runs of these stay whole: numbers (1,234.56), words, domains, e-mails, order ids, filing numbers' digits.
// A later version may widen what a run is (2026.3 takes every Latin, Greek and Cyrillic letter): `run` below.
const RUN = /[A-Za-z0-9._@\-/:%+#&=~,'*$]/;
const SPACE = /\s/;

export type Measure = (text: string) => number;

export type Segment = { text: string; width: number; space: boolean };

function atoms(text: string, run: RegExp): string[] {
	const chars = [...text];
	const out: string[] = [];
	for (let i = 0; i < chars.length; ) {
		const c = chars[i]!;
		if (run.test(c) && !CLOSING.has(c)) {
			let j = i + 1;
			while (j < chars.length && run.test(chars[j]!)) j++;
			// A run keeps its inner punctuation but hands a trailing closing mark (e.g. "com.") back to the rules below.
			while (j > i + 1 && CLOSING.has(chars[j - 1]!)) j--;
			out.push(chars.slice(i, j).join(''));
			i = j;
		} else {
			out.push(c);
			i++;
		}
	}
	return out;
}

/** Glues closing marks to what precedes them and opening marks to what follows, giving unbreakable segments. */
export function segments(text: string, measure: Measure, run: RegExp = RUN): Segment[] {
	const out: string[] = [];
	let carry = '';
	for (const atom of atoms(text, run)) {
		const first = [...atom][0]!;
		if (OPENING.has(first) && [...atom].length === 1) {
			carry += atom;
			continue;
		}
		if (carry === '' && CLOSING.has(first) && out.length > 0) {
			out[out.length - 1] += atom;
			continue;
		}
		out.push(carry + atom);
		carry = '';
	}
	if (carry) {
		// Opening marks at the very end have nothing to hold on to; keep them with the previous segment.
		if (out.length > 0) out[out.length - 1] += carry;
		else out.push(carry);
	}
	return out.map((s) => ({
		text: s,
		width: measure(s),
		space: SPACE.test(s) && s.trim() === ''
	}));
}

/** Splits one over-long segment into pieces that each fit (a single run longer than a line). */
export function splitLong(seg: Segment, maxWidth: number, measure: Measure): string[] {
	const out: string[] = [];
	let line = '';
	for (const c of seg.text) {
		if (line !== '' && measure(line + c) > maxWidth) {
			const chars = [...line, c];
			// Take characters along to the next line until neither line breaks a punctuation rule.
			const ok = (k: number) => !CLOSING.has(chars[k]!) && !OPENING.has(chars[k - 1]!);
			let keep = chars.length - 1;
			while (keep > 1 && !ok(keep)) keep--;
			const good = ok(keep);
			chars.pop();
			// No break point keeps the rules (a pile of marks): let the line run long rather than break one.
			if (good) {
				out.push(chars.slice(0, keep).join(''));
				line = chars.slice(keep).join('');
			}
		}
		line += c;
	}
	if (line) out.push(line);
	return out;
}

/**
 * Breaks text into lines no wider than maxWidth (trailing spaces hang in the margin).
 * Joining the lines gives the text back exactly.
 */
export function breakLines(text: string, maxWidth: number, measure: Measure, run: RegExp = RUN): string[] {
	if (text === '') return [''];
	const lines: string[] = [];
	let line = '';
	let width = 0;
	for (const seg of segments(text, measure, run)) {
		if (seg.space) {
			line += seg.text;
			width += seg.width;
			continue;
		}
		if (line !== '' && width + seg.width > maxWidth) {
			lines.push(line);
			line = '';
			width = 0;
		}
		if (line === '' && seg.width > maxWidth) {
			const pieces = splitLong(seg, maxWidth, measure);
			lines.push(...pieces.slice(0, -1));
			line = pieces[pieces.length - 1] ?? '';
			width = measure(line);
			continue;
		}
		line += seg.text;
		width += seg.width;
	}
	if (line !== '' || lines.length === 0) lines.push(line);
	return lines;
}
