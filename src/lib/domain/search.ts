// Search by any part of a number as people read it off paper: normalisation, index keys, highlighted segments.

/** Shortest part of a number that searches inside it; shorter input only matches from a number's start. */
export const MIN_PART = 4;

/**
 * What is compared: full-width forms folded (NFKC), lower case, and only letters and digits, so
 * `20261202-51BFE982`, `2026 1202 51bfe982` and `２０２６１２０２５１ＢＦＥ９８２` are the same query.
 */
export function normalizeSearch(value: string): string {
	return value
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The index keys of these numbers: every suffix of each normalised number at least MIN_PART long
 * (a shorter number is kept whole). Any part of a number is then the prefix of one of its suffixes,
 * so a multi-entry index answers "contains" with one prefix range, never a scan.
 */
export function searchPartsOf(numbers: readonly string[]): string[] {
	const parts = new Set<string>();
	for (const n of numbers) {
		const s = normalizeSearch(n);
		if (s.length < MIN_PART) {
			if (s) parts.add(s);
			continue;
		}
		// Code points, not UTF-16 units: a suffix never starts inside a surrogate pair.
		const chars = [...s];
		for (let i = 0; i + MIN_PART <= chars.length; i++) parts.add(chars.slice(i).join(''));
	}
	return [...parts];
}

/** A piece of a shown value, `match` where it is part of what was searched for. */
export type Segment = { text: string; match: boolean };

/**
 * Splits `value` around the first place its normalised form contains the normalised `query`,
 * keeping the value's own separators (a hyphen inside the match is marked with it). No match:
 * the whole value, unmarked.
 */
export function highlightSegments(value: string, query: string): Segment[] {
	const q = normalizeSearch(query);
	if (!q) return [{ text: value, match: false }];
	// Each kept character of the normalised value, with the code-unit range of the original it came from.
	const kept: { norm: string; start: number; end: number }[] = [];
	let offset = 0;
	for (const ch of value) {
		const norm = normalizeSearch(ch);
		if (norm) kept.push({ norm, start: offset, end: offset + ch.length });
		offset += ch.length;
	}
	const joined = kept.map((k) => k.norm).join('');
	const at = joined.indexOf(q);
	if (at < 0) return [{ text: value, match: false }];
	// Map the normalised range back to characters (one original character may fold to several).
	let pos = 0;
	let first = -1;
	let last = -1;
	for (let i = 0; i < kept.length; i++) {
		const from = pos;
		pos += kept[i]!.norm.length;
		if (first < 0 && pos > at) first = i;
		if (from < at + q.length) last = i;
	}
	const start = kept[first]!.start;
	const end = kept[last]!.end;
	return [
		{ text: value.slice(0, start), match: false },
		{ text: value.slice(start, end), match: true },
		{ text: value.slice(end), match: false }
	].filter((s) => s.text !== '');
}

/** Whether `value` contains the searched part (normalised on both sides). */
export function containsSearch(value: string, query: string): boolean {
	const q = normalizeSearch(query);
	return q !== '' && normalizeSearch(value).includes(q);
}
