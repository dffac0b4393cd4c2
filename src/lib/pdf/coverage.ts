// Glyph coverage: every character drawn must be in the face it is set in; a missing one stops generation.
import type { ContractRecord } from '../domain/contract';
import { readCmap } from './cmap';

export class MissingGlyphError extends Error {
	readonly char: string;
	readonly codePoint: number;
	readonly field: string;
	constructor(char: string, field: string) {
		const codePoint = char.codePointAt(0)!;
		const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
		super(`The contract font has no glyph for "${char}" (U+${hex}) in ${field}`);
		this.name = 'MissingGlyphError';
		this.char = char;
		this.codePoint = codePoint;
		this.field = field;
	}
}

/**
 * The complete face has the character, but its outline has not reached this device yet (only the core of a
 * split face is here, and the rest could not be fetched): it will work after the next connection.
 */
export class GlyphPendingError extends Error {
	readonly char: string;
	readonly codePoint: number;
	readonly field: string;
	constructor(char: string, field: string) {
		const codePoint = char.codePointAt(0)!;
		const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
		super(
			`The glyph for "${char}" (U+${hex}) in ${field} is not on this device yet: it comes with the next connection`
		);
		this.name = 'GlyphPendingError';
		this.char = char;
		this.codePoint = codePoint;
		this.field = field;
	}
}

const cache = new WeakMap<Uint8Array, Set<number>>();

/** The code points a font covers, parsed once per font buffer. */
export function fontCoverage(font: Uint8Array): Set<number> {
	let set = cache.get(font);
	if (!set) {
		set = readCmap(font);
		cache.set(font, set);
	}
	return set;
}

/** Throws MissingGlyphError for the first character of text the face lacks. */
export function assertCovered(text: string, coverage: Set<number>, field: string): void {
	for (const char of text) {
		if (!coverage.has(char.codePointAt(0)!)) throw new MissingGlyphError(char, field);
	}
}

/** Every string in the record with its path (partyA.name, orders[3].product, filing.sites[0].domains[1]). */
export function stringFields(value: unknown, path = ''): [path: string, text: string][] {
	if (typeof value === 'string') return [[path, value]];
	if (Array.isArray(value)) return value.flatMap((v, i) => stringFields(v, `${path}[${i}]`));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => stringFields(v, path ? `${path}.${k}` : k));
	}
	return [];
}

/**
 * Checks every string of the record against the regular face before any drawing starts,
 * so the error names the record field rather than a line on a page.
 */
export function checkRecordCoverage(record: ContractRecord, regular: Uint8Array, pending?: ReadonlySet<number>): void {
	const coverage = fontCoverage(regular);
	const fields = stringFields(record);
	for (const [field, text] of fields) assertCovered(text, coverage, field);
	// Only characters the complete face has can be pending: beyond it, MissingGlyphError above names them.
	if (!pending?.size) return;
	for (const [field, text] of fields) {
		for (const char of text) if (pending.has(char.codePointAt(0)!)) throw new GlyphPendingError(char, field);
	}
}
