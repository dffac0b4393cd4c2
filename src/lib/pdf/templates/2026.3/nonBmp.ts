// Characters outside the BMP (e.g. 𬘭 U+2C62D) for jsPDF, which reads text and cmaps as UTF-16 code units only.
import { readCmapGlyphs } from '../../cmap';

/*
 * Each such character of the regular face is drawn through a stand-in: a Private Use Area code point that
 * this document's copy of the face maps to the character's own glyph (jsPDF looks glyphs up in a map of its
 * own, filled here; the font bytes and the embedded cmap stay the font's). The ToUnicode map jsPDF writes then
 * names the stand-in, so it is rewritten to the character itself (UTF-16 surrogate pair) as it is written out:
 * text extraction, search and copy give the real character. The font has no code points of its own in the PUA
 * and the coverage check refuses any a record might carry, so a stand-in never means anything else.
 */

const PUA_FIRST = 0xe000;
const PUA_LAST = 0xf8ff;

export type StandIns = {
	/** Stand-in code point → the character it draws. */
	readonly fromPua: ReadonlyMap<number, number>;
	/** Text as jsPDF is to draw it. */
	drawn(text: string): string;
	/** The stand-ins' glyphs, to add to jsPDF's code map of the face. */
	readonly glyphs: ReadonlyMap<number, number>;
};

const cache = new WeakMap<Uint8Array, StandIns>();
const OUTSIDE_BMP = /[\u{10000}-\u{10ffff}]/u;

/** The stand-ins of a face: its characters outside the BMP in code point order, numbered from U+E000. */
export function standIns(font: Uint8Array): StandIns {
	let s = cache.get(font);
	if (s) return s;
	const glyphOf = readCmapGlyphs(font);
	const wide = [...glyphOf.keys()].filter((cp) => cp > 0xffff).sort((a, b) => a - b);
	if (wide.length > PUA_LAST - PUA_FIRST + 1) throw new Error('too many characters outside the BMP for the stand-in range');
	for (const cp of glyphOf.keys()) if (cp >= PUA_FIRST && cp <= PUA_LAST) throw new Error(`the face maps U+${cp.toString(16)} in the stand-in range`);
	const toPua = new Map(wide.map((cp, i) => [cp, PUA_FIRST + i]));
	const fromPua = new Map(wide.map((cp, i) => [PUA_FIRST + i, cp]));
	const glyphs = new Map(wide.map((cp, i) => [PUA_FIRST + i, glyphOf.get(cp)!]));
	const drawn = (text: string): string => {
		if (!OUTSIDE_BMP.test(text)) return text;
		let out = '';
		for (const c of text) {
			const pua = toPua.get(c.codePointAt(0)!);
			out += pua === undefined ? c : String.fromCharCode(pua);
		}
		return out;
	};
	s = { fromPua, drawn, glyphs };
	cache.set(font, s);
	return s;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** Rewrites a ToUnicode CMap's `<glyph><stand-in>` entries to `<glyph><surrogate pair>`; anything else stays. */
export function realUnicode(cmap: string, fromPua: ReadonlyMap<number, number>): string {
	return cmap.replace(/<([0-9a-f]{4})><([0-9a-f]{4})>/g, (whole, glyph: string, code: string) => {
		const cp = fromPua.get(parseInt(code, 16));
		if (cp === undefined) return whole;
		const v = cp - 0x10000;
		return `<${glyph}><${hex4(0xd800 + (v >> 10))}${hex4(0xdc00 + (v & 0x3ff))}>`;
	});
}

type FilterApi = { processDataByFilters: (data: string, filters: unknown) => unknown };

/**
 * Runs jsPDF's (synchronous) output with ToUnicode CMaps rewritten by realUnicode on their way into their
 * streams: jsPDF's own CMap writer keeps four hex digits per character. Restored before returning, so nothing
 * else ever runs with it.
 */
export function withRealUnicode<T>(api: FilterApi, fromPua: ReadonlyMap<number, number>, output: () => T): T {
	const original = api.processDataByFilters;
	api.processDataByFilters = (data, filters) =>
		original.call(api, data.startsWith('/CIDInit /ProcSet findresource begin') ? realUnicode(data, fromPua) : data, filters);
	try {
		return output();
	} finally {
		api.processDataByFilters = original;
	}
}
