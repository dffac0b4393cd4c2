// Minimal TrueType cmap reader: which Unicode code points a font maps to a glyph (formats 4 and 12).

/** The set of code points the font maps to a non-zero glyph. */
export function readCmap(font: Uint8Array): Set<number> {
	const out = new Set<number>();
	walkCmap(font, (c) => out.add(c));
	return out;
}

/** Code point → glyph id for every code point the font maps to a non-zero glyph. */
export function readCmapGlyphs(font: Uint8Array): Map<number, number> {
	const out = new Map<number, number>();
	walkCmap(font, (c, glyph) => out.set(c, glyph));
	return out;
}

type Visit = (codePoint: number, glyph: number) => void;

function walkCmap(font: Uint8Array, visit: Visit): void {
	const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
	const numTables = view.getUint16(4);
	let cmapOffset = -1;
	for (let i = 0; i < numTables; i++) {
		const rec = 12 + i * 16;
		const tag = String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!);
		if (tag === 'cmap') cmapOffset = view.getUint32(rec + 8);
	}
	if (cmapOffset < 0) throw new Error('font has no cmap table');

	const subtables = view.getUint16(cmapOffset + 2);
	let best = -1;
	let bestFormat = 0;
	for (let i = 0; i < subtables; i++) {
		const rec = cmapOffset + 4 + i * 8;
		const platform = view.getUint16(rec);
		const encoding = view.getUint16(rec + 2);
		const offset = cmapOffset + view.getUint32(rec + 4);
		const format = view.getUint16(offset);
		const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
		if (!unicode) continue;
		// A format 12 table is a superset of the BMP table; prefer it when present.
		if (format === 12 && bestFormat !== 12) [best, bestFormat] = [offset, 12];
		else if (format === 4 && bestFormat === 0) [best, bestFormat] = [offset, 4];
	}
	if (best < 0) throw new Error('font has no Unicode cmap subtable of format 4 or 12');
	if (bestFormat === 12) readFormat12(view, best, visit);
	else readFormat4(view, best, visit);
}

function readFormat4(view: DataView, offset: number, visit: Visit): void {
	const segX2 = view.getUint16(offset + 6);
	const ends = offset + 14;
	const starts = ends + segX2 + 2;
	const deltas = starts + segX2;
	const rangeOffsets = deltas + segX2;
	for (let s = 0; s < segX2; s += 2) {
		const end = view.getUint16(ends + s);
		const start = view.getUint16(starts + s);
		const delta = view.getInt16(deltas + s);
		const rangeOffset = view.getUint16(rangeOffsets + s);
		for (let c = start; c <= end && c !== 0xffff; c++) {
			let glyph: number;
			if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
			else {
				const at = rangeOffsets + s + rangeOffset + (c - start) * 2;
				glyph = view.getUint16(at);
				if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
			}
			if (glyph !== 0) visit(c, glyph);
		}
	}
}

function readFormat12(view: DataView, offset: number, visit: Visit): void {
	const groups = view.getUint32(offset + 12);
	for (let g = 0; g < groups; g++) {
		const rec = offset + 16 + g * 12;
		const start = view.getUint32(rec);
		const end = view.getUint32(rec + 4);
		const glyph = view.getUint32(rec + 8);
		for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) visit(c, glyph + (c - start));
	}
}
