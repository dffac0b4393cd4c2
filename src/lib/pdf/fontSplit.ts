// A complete TrueType face shipped in two parts: a core (every table, and the outlines of the common glyphs) and the rest of the outlines.
import { readCmapGlyphs } from './cmap';

/*
 * Why this shape: jsPDF embeds a font's cmap, hmtx and loca whole but only the outlines of the glyphs a
 * document uses. A core that is the complete font minus some outlines therefore renders any document that
 * uses none of them to exactly the bytes the complete font gives — one font per template version, the same
 * PDF on a device that has only the core, on one that has both parts, and on the server.
 *
 * Core file: "CDFC", u32 version (1), u32 full length, u32 rest length, u32 n, 32-byte SHA-256 of the
 * complete font, n × (u32 first glyph, u32 end glyph, u32 offset, u32 length) of the runs of left-out outlines
 * (offset and length in the complete font), then the font's bytes without
 * those outlines. Rest file: the left-out outline bytes in order. All integers big-endian, like TrueType.
 */

const MAGIC = 0x43444643; // "CDFC"
const VERSION = 1;
const HEADER = 20 + 32;
const ENTRY = 16;

type Tables = Record<string, { offset: number; length: number }>;

function tables(font: Uint8Array): Tables {
	const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
	const out: Tables = {};
	for (let i = 0; i < view.getUint16(4); i++) {
		const rec = 12 + i * 16;
		const tag = String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!);
		out[tag] = { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) };
	}
	for (const tag of ['head', 'maxp', 'loca', 'glyf']) if (!out[tag]) throw new Error(`font has no ${tag} table`);
	return out;
}

/** The byte offset in the font of each glyph's outline, plus the end of the last one (numGlyphs + 1 values). */
function outlineOffsets(font: Uint8Array): number[] {
	const t = tables(font);
	const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
	const numGlyphs = view.getUint16(t.maxp!.offset + 4);
	const long = view.getInt16(t.head!.offset + 50) === 1;
	const glyf = t.glyf!.offset;
	const out: number[] = [];
	for (let g = 0; g <= numGlyphs; g++) {
		out.push(glyf + (long ? view.getUint32(t.loca!.offset + g * 4) : view.getUint16(t.loca!.offset + g * 2) * 2));
		if (g > 0 && out[g]! < out[g - 1]!) throw new Error('font outlines are not stored in glyph order');
	}
	return out;
}

/** Glyphs whose outlines are composites of others (the split would have to keep their components). */
export function compositeGlyphs(font: Uint8Array): number[] {
	const offsets = outlineOffsets(font);
	const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
	const out: number[] = [];
	for (let g = 0; g + 1 < offsets.length; g++)
		if (offsets[g + 1]! > offsets[g]! && view.getInt16(offsets[g]!) < 0) out.push(g);
	return out;
}

function u32(view: DataView, at: number, value?: number): number {
	if (value !== undefined) view.setUint32(at, value);
	return view.getUint32(at);
}

/** Splits a complete font: the core keeps the outlines of `keep` (and glyph 0), the rest holds all others. */
export function splitFont(
	font: Uint8Array,
	keep: ReadonlySet<number>,
	sha256: Uint8Array
): { core: Uint8Array; rest: Uint8Array } {
	if (compositeGlyphs(font).length) throw new Error('composite glyphs are not supported by the split');
	if (sha256.length !== 32) throw new Error('sha256 must be 32 bytes');
	const offsets = outlineOffsets(font);
	const runs: [number, number][] = [];
	for (let g = 1; g + 1 < offsets.length; g++) {
		if (keep.has(g)) continue;
		const last = runs[runs.length - 1];
		if (last && last[1] === g) last[1] = g + 1;
		else runs.push([g, g + 1]);
	}
	const restLength = runs.reduce((n, [a, b]) => n + offsets[b]! - offsets[a]!, 0);
	const rest = new Uint8Array(restLength);
	const core = new Uint8Array(HEADER + runs.length * ENTRY + font.length - restLength);
	const view = new DataView(core.buffer);
	u32(view, 0, MAGIC);
	u32(view, 4, VERSION);
	u32(view, 8, font.length);
	u32(view, 12, restLength);
	u32(view, 16, runs.length);
	core.set(sha256, 20);
	let from = 0;
	let to = HEADER + runs.length * ENTRY;
	let restAt = 0;
	runs.forEach(([a, b], i) => {
		const [start, end] = [offsets[a]!, offsets[b]!];
		for (const [k, v] of [a, b, start, end - start].entries()) u32(view, HEADER + i * ENTRY + k * 4, v);
		core.set(font.subarray(from, start), to);
		to += start - from;
		rest.set(font.subarray(start, end), restAt);
		restAt += end - start;
		from = end;
	});
	core.set(font.subarray(from), to);
	return { core, rest };
}

type Hole = { first: number; end: number; offset: number; length: number };

export type CoreInfo = {
	fullLength: number;
	restLength: number;
	sha256: Uint8Array;
	holes: Hole[];
	payload: Uint8Array;
};

/** Reads a core file's header; throws for anything that is not one. */
export function readCore(core: Uint8Array): CoreInfo {
	const view = new DataView(core.buffer, core.byteOffset, core.byteLength);
	if (core.length < HEADER || u32(view, 0) !== MAGIC || u32(view, 4) !== VERSION)
		throw new Error('not a contract font core file');
	const n = u32(view, 16);
	const holes: Hole[] = [];
	for (let i = 0; i < n; i++) {
		const at = HEADER + i * ENTRY;
		holes.push({ first: u32(view, at), end: u32(view, at + 4), offset: u32(view, at + 8), length: u32(view, at + 12) });
	}
	return {
		fullLength: u32(view, 8),
		restLength: u32(view, 12),
		sha256: core.slice(20, 52),
		holes,
		payload: core.subarray(HEADER + n * ENTRY)
	};
}

export type AssembledFont = {
	/** The complete font's bytes; without the rest, its left-out outlines are zeros (never drawn: see pending). */
	font: Uint8Array;
	/** The SHA-256 the complete font has (checked by the loaders once the rest is in). */
	sha256: Uint8Array;
	/** Code points whose outlines are not in these bytes: empty once the rest is in. */
	pending: Set<number>;
};

/**
 * Puts the complete font back together. With the rest it is byte for byte the font that was split; without
 * it, the same length and tables, with the left-out outlines zeroed and their characters listed as pending.
 */
export function assembleFont(core: Uint8Array, rest?: Uint8Array): AssembledFont {
	const info = readCore(core);
	if (info.payload.length + info.restLength !== info.fullLength) throw new Error('font core is truncated');
	const font = new Uint8Array(info.fullLength);
	let from = 0;
	let to = 0;
	for (const hole of info.holes) {
		font.set(info.payload.subarray(from, from + hole.offset - to), to);
		from += hole.offset - to;
		to = hole.offset + hole.length;
	}
	font.set(info.payload.subarray(from), to);
	if (rest) writeRest(core, font, rest);
	const pending = new Set<number>();
	if (!rest && info.holes.length) {
		const missing = new Uint8Array(info.holes[info.holes.length - 1]!.end);
		for (const h of info.holes) missing.fill(1, h.first, h.end);
		for (const [cp, glyph] of readCmapGlyphs(font)) if (missing[glyph]) pending.add(cp);
	}
	return { font, sha256: info.sha256, pending };
}

/**
 * Writes the rest's outlines into a font assembled from `core` alone, in place (null: zeros again), so whatever
 * was derived from those bytes (a parsed face, its coverage) holds for the complete font: only outlines change.
 */
export function writeRest(core: Uint8Array, font: Uint8Array, rest: Uint8Array | null): void {
	const info = readCore(core);
	if (font.length !== info.fullLength)
		throw new Error(`font is ${font.length} bytes, its core makes ${info.fullLength}`);
	if (rest && rest.length !== info.restLength)
		throw new Error(`font rest is ${rest.length} bytes, expected ${info.restLength}`);
	let restAt = 0;
	for (const hole of info.holes) {
		if (rest) font.set(rest.subarray(restAt, restAt + hole.length), hole.offset);
		else font.fill(0, hole.offset, hole.offset + hole.length);
		restAt += hole.length;
	}
}
