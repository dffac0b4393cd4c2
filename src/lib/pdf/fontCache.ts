// Each contract face parsed by jsPDF once per process or worker, and a fresh view of it per document: the bytes jsPDF's own addFont gives, without 14 MB re-read per document.
import { jsPDF } from 'jspdf';
import { binaryString } from './binary';
import { fontCoverage } from './coverage';
// Importing streams installs the stream compression every document made with these faces uses.
import { binaryOfBytes, useFastStreams } from './streams';
// Likewise the text passes over jsPDF's Arabic shaping and bidi reordering where they change nothing.
import { useTextShortcuts } from './textPasses';

/*
 * jsPDF's addFont converts the face from its virtual file system back to bytes and parses all of it for every
 * document (parallax/jsPDF#3083): ~100 ms for the complete face. Here the parsed TTFFont is kept per face (keyed
 * by the font's Uint8Array, which the font loaders keep), and each document gets a view (Object.create) whose own
 * properties hold what a document changes: toUnicode, Unicode (with its widths), glyIdsUsed (set by jsPDF's
 * addFont handler), the cmap's code map (its own copy when stand-ins are added) and the subsetter. Everything
 * read through the prototype (tables, metrics, the font bytes) is never written by jsPDF's Identity-H path.
 *
 * The subsetter replaces jsPDF's Subset#encode (Array#concat per table and glyph, a byte-array copy of every
 * table per document): the tables a subset copies whole are read once per face, and glyf, loca and the table
 * directory are written as jsPDF writes them (same order, padding, checksums and head adjustment).
 * jsPDF's Identity-H putFont handler then turns the subset into the stream's binary string one `+=` per byte:
 * for the complete face's 416 KB program, 416 K string pieces (~13 MB of garbage, then a flattening), the largest
 * single cost of a warm render after deflate. For a view of this cache the handler runs with a subsetter that
 * hands it no bytes to append, and the putStream it is given (jsPDF passes it in the event's arguments) writes
 * the program converted in bulk instead: the same stream, Length1 included.
 *
 * fontCache.test.ts pins the internals this relies on and compares cached documents with jsPDF's own bytes.
 */

type Codes = Record<number, number>;
type RawTable = { exists: boolean; raw(): number[] | null };

/** The parts of jsPDF's TTFFont used here (jspdf is pinned exactly; fontCache.test.ts fails if they change). */
export interface TtfFont {
	rawData: Uint8Array;
	directory: { scalarType: number };
	cmap: RawTable & { unicode: { codeMap: Codes } };
	head: { checkSumAdjustment: number; encode(indexToLocFormat: number): number[] };
	loca: { offsets: number[] };
	glyf: { exists: boolean; offset: number };
	hmtx: RawTable;
	hhea: RawTable;
	maxp: RawTable;
	post: RawTable;
	name: RawTable;
	os2: RawTable;
	subset: { encode(glyphIds: readonly number[], indexToLocFormat: number): ArrayLike<number> };
	toUnicode: Codes;
	Unicode?: { encoding: object; kerning: object; widths: unknown[] };
	glyIdsUsed?: number[];
}

export type JsPdfApi = { TTFFont: { open(bytes: Uint8Array): TtfFont } };

/** The jsPDF font object a document keeps per face (jsPDF's getFont(family, style)). */
type DocFont = { metadata: unknown };

let enabled = true;
let bulk = true;

/** Off: jsPDF's putFont appends the font program itself (the benchmark's same-run comparison). */
export function useBulkPrograms(on: boolean): void {
	bulk = on;
}

/**
 * For the tests that compare cached documents with jsPDF's own path (parse per document, jsPDF's subsetter,
 * jsPDF's stream compression, its text passes on every string).
 */
export function useFontCache(on: boolean): void {
	enabled = on;
	useFastStreams(on);
	useTextShortcuts(on);
}

const BE = (bytes: ArrayLike<number>) => Uint8Array.from(bytes);

/** The TrueType table checksum (ISO/IEC 14496-22 5.2): the sum of the big-endian words, zero-padded, mod 2³². */
function checksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
	let sum = 0;
	let i = from;
	for (; i + 4 <= to; i += 4)
		sum = (sum + ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!)) >>> 0;
	if (i < to) {
		let last = 0;
		for (let k = 0; k < 4; k++) last = (last << 8) | (i + k < to ? bytes[i + k]! : 0);
		sum = (sum + (last >>> 0)) >>> 0;
	}
	return sum;
}

/** A table written whole into every subset, with its checksum. */
type Fixed = { bytes: Uint8Array; sum: number };

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * `widths` as jsPDF's pdfEscape16 builds it ([glyph, [width], glyph, [width], …]) with an indexOf that does not
 * scan the array for every character drawn: glyph ids are only ever pushed, so the first index of each is kept.
 */
class GlyphWidths extends Array<unknown> {
	#first = new Map<number, number>();
	override push(...items: unknown[]): number {
		for (const [k, item] of items.entries()) {
			if (typeof item === 'number' && !this.#first.has(item)) this.#first.set(item, this.length + k);
		}
		return super.push(...items);
	}
	override indexOf(item: unknown, from?: number): number {
		if (typeof item !== 'number' || from !== undefined) return super.indexOf(item, from);
		return this.#first.get(item) ?? -1;
	}
}

/** Every document's view of a cached face: the fonts whose program putFontInBulk writes. */
const views = new WeakSet<object>();

class Face {
	readonly ttf: TtfFont;
	readonly #bytes: Uint8Array;
	readonly #loca: Uint32Array;
	readonly #glyf: number;
	/** Code maps with stand-ins added (2026.3's characters outside the BMP), per stand-in map. */
	readonly #codeMaps = new WeakMap<ReadonlyMap<number, number>, Codes>();
	readonly #components = new Map<number, readonly number[]>();
	readonly #fixed = new Map<number, { before: Fixed[]; after: Fixed[] }>();

	constructor(api: JsPdfApi, bytes: Uint8Array) {
		this.ttf = api.TTFFont.open(bytes);
		this.#bytes = bytes;
		this.#loca = Uint32Array.from(this.ttf.loca.offsets);
		this.#glyf = this.ttf.glyf.offset;
	}

	/** Reads ahead what the first document would: the tables every subset copies whole. */
	prepare(): void {
		this.#tables(1);
	}

	/** A document's own view of the face. */
	view(standIns?: ReadonlyMap<number, number>): TtfFont {
		const ttf = this.ttf;
		const view = Object.create(ttf) as TtfFont;
		const unicode = Object.create(ttf.cmap.unicode) as TtfFont['cmap']['unicode'];
		unicode.codeMap = standIns?.size ? this.#codeMap(standIns) : ttf.cmap.unicode.codeMap;
		view.cmap = Object.create(ttf.cmap) as TtfFont['cmap'];
		view.cmap.unicode = unicode;
		view.toUnicode = {};
		view.Unicode = { encoding: {}, kerning: {}, widths: new GlyphWidths() };
		view.subset = { encode: (ids, format) => this.#encode(ids, format) };
		views.add(view);
		return view;
	}

	#codeMap(standIns: ReadonlyMap<number, number>): Codes {
		let codes = this.#codeMaps.get(standIns);
		if (!codes) {
			codes = { ...this.ttf.cmap.unicode.codeMap };
			for (const [code, glyph] of standIns) codes[code] = glyph;
			// Shared by every document with these stand-ins: a write would leak into the next one.
			Object.freeze(codes);
			this.#codeMaps.set(standIns, codes);
		}
		return codes;
	}

	#length(id: number): number {
		return this.#loca[id + 1]! - this.#loca[id]!;
	}

	/** The glyphs a compound glyph is made of, read as jsPDF's CompoundGlyph reads them. */
	#componentsOf(id: number): readonly number[] {
		const known = this.#components.get(id);
		if (known) return known;
		const out: number[] = [];
		const b = this.#bytes;
		const start = this.#glyf + this.#loca[id]!;
		if (this.#length(id) > 0 && ((b[start]! << 8) | b[start + 1]!) === 0xffff) {
			let pos = start + 10;
			for (;;) {
				const flags = (b[pos]! << 8) | b[pos + 1]!;
				out.push((b[pos + 2]! << 8) | b[pos + 3]!);
				pos += 4;
				if (!(flags & MORE_COMPONENTS)) break;
				pos += flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2;
				if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
				else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
				else if (flags & WE_HAVE_A_SCALE) pos += 2;
			}
		}
		this.#components.set(id, out);
		return out;
	}

	/** The tables before and after glyf and loca, in jsPDF's order, read once per face. */
	#tables(indexToLocFormat: number): { before: Fixed[]; after: Fixed[] } {
		let t = this.#fixed.get(indexToLocFormat);
		if (!t) {
			const f = this.ttf;
			const fixed = (data: ArrayLike<number>): Fixed => {
				const bytes = BE(data);
				return { bytes, sum: checksum(bytes) };
			};
			const raw = (table: RawTable) => fixed(table.raw()!);
			const after = [f.hmtx, f.hhea, f.maxp, f.post, f.name].map(raw);
			after.push(fixed(f.head.encode(indexToLocFormat)));
			if (f.os2.exists) after.push(raw(f.os2));
			t = { before: [raw(f.cmap)], after };
			this.#fixed.set(indexToLocFormat, t);
		}
		return t;
	}

	/** What jsPDF's Subset#encode(glyphIds, indexToLocFormat) returns, as bytes. */
	#encode(glyphIds: readonly number[], indexToLocFormat: number): Uint8Array {
		// The glyphs used and, transitively, the components of compound ones; 0 always (jsPDF's old2new has it).
		const used = new Set<number>();
		const todo = [0, ...glyphIds];
		for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
			if (used.has(id)) continue;
			used.add(id);
			for (const c of this.#componentsOf(id)) if (!used.has(c)) todo.push(c);
		}
		const ids = [...used].sort((a, b) => a - b);

		let glyfLength = 0;
		for (const id of ids) glyfLength += Math.max(0, this.#length(id));
		const glyf = new Uint8Array(glyfLength);
		const loca = new Uint8Array(this.#loca.length * 4);
		const locaView = new DataView(loca.buffer);
		let at = 0;
		let next = 0;
		for (let k = 0; k < this.#loca.length; k++) {
			locaView.setUint32(k * 4, at);
			if (next < ids.length && ids[next] === k) {
				next++;
				const length = this.#length(k);
				if (length > 0) {
					const from = this.#glyf + this.#loca[k]!;
					glyf.set(this.#bytes.subarray(from, from + length), at);
					at += length;
				}
			}
		}

		const { before, after } = this.#tables(indexToLocFormat);
		const tags = ['cmap', 'glyf', 'loca', 'hmtx', 'hhea', 'maxp', 'post', 'name', 'head'];
		if (after.length > 6) tags.push('OS/2');
		const tables: Fixed[] = [
			...before,
			{ bytes: glyf, sum: checksum(glyf) },
			{ bytes: loca, sum: checksum(loca) },
			...after
		];
		return directory(this.ttf.directory.scalarType, tags, tables);
	}
}

/** jsPDF's Directory#encode: the table directory, then each table padded to 4 bytes, then head's adjustment. */
function directory(scalarType: number, tags: string[], tables: Fixed[]): Uint8Array {
	const count = tags.length;
	// jsPDF's arithmetic, kept as it is (its searchRange is not the specification's).
	const log2 = Math.log(2);
	const searchRange = Math.floor(Math.log(count) / log2) * 16;
	const entrySelector = Math.floor(searchRange / log2);
	const rangeShift = count * 16 - searchRange;
	let size = 12 + count * 16;
	for (const t of tables) size += Math.ceil(t.bytes.length / 4) * 4;
	const out = new Uint8Array(size);
	const v = new DataView(out.buffer);
	v.setUint32(0, scalarType >>> 0);
	v.setUint16(4, count & 0xffff);
	v.setUint16(6, searchRange & 0xffff);
	v.setUint16(8, entrySelector & 0xffff);
	v.setUint16(10, rangeShift & 0xffff);
	let offset = 12 + count * 16;
	let headOffset = -1;
	for (const [i, tag] of tags.entries()) {
		const t = tables[i]!;
		const rec = 12 + i * 16;
		for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
		v.setUint32(rec + 4, t.sum);
		v.setUint32(rec + 8, offset);
		v.setUint32(rec + 12, t.bytes.length);
		out.set(t.bytes, offset);
		if (tag === 'head') headOffset = offset;
		offset += Math.ceil(t.bytes.length / 4) * 4;
	}
	v.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
	return out;
}

type PutStream = (options: { data: string }) => unknown;
type PutFontArgs = { font?: { metadata?: unknown }; putStream: PutStream };
type PutFont = (this: unknown, args: PutFontArgs) => unknown;

/** A putFont handler of jsPDF's, run for a cached view with the program written in bulk (see the top). */
function putFontInBulk(handler: PutFont): PutFont {
	return function (this: unknown, args: PutFontArgs) {
		const view = args?.font?.metadata;
		if (!enabled || !bulk || typeof view !== 'object' || view === null || !views.has(view))
			return handler.call(this, args);
		const ttf = view as TtfFont;
		const subset = ttf.subset;
		let program: Uint8Array | undefined;
		ttf.subset = {
			encode: (ids, format) => {
				program = subset.encode(ids, format) as Uint8Array;
				return [];
			}
		};
		const putStream: PutStream = (options) => {
			if (program === undefined) return args.putStream(options);
			// The first stream after the subset is made is its program, which jsPDF built from no bytes.
			if (options.data !== '') throw new Error("jsPDF's putFont wrote something else before the font program");
			const data = binaryOfBytes(program);
			program = undefined;
			return args.putStream({ ...options, data });
		};
		try {
			return handler.call(this, { ...args, putStream });
		} finally {
			ttf.subset = subset;
		}
	};
}

// Each document subscribes jsPDF.API's handlers when it is made: replaced once, before any document.
for (const entry of (jsPDF.API as unknown as { events: [string, unknown][] }).events) {
	if (entry[0] === 'putFont' && typeof entry[1] === 'function') entry[1] = putFontInBulk(entry[1] as PutFont);
}

const faces = new WeakMap<Uint8Array, Face>();

function faceOf(api: JsPdfApi, bytes: Uint8Array): Face {
	let face = faces.get(bytes);
	if (!face) {
		face = new Face(api, bytes);
		faces.set(bytes, face);
	}
	return face;
}

/** A document's view of the cached face of `bytes` (for the tests that hold it to jsPDF's own TTFFont). */
export function cachedFaceView(api: JsPdfApi, bytes: Uint8Array, standIns?: ReadonlyMap<number, number>): TtfFont {
	return faceOf(api, bytes).view(standIns);
}

/** What jsPDF's addFont recognises as raw TrueType in its file system: 4 bytes for it to convert, not 14 MB. */
const PLACEHOLDER = '\x00\x01\x00\x00';

const getFont = (doc: jsPDF, family: string, style: string): DocFont =>
	(doc.getFont as unknown as (family: string, style: string) => DocFont).call(doc, family, style);

/**
 * Adds a face to the document as `doc.addFileToVFS(file, binaryString(bytes)); doc.addFont(file, family, style,
 * 'Identity-H')` does, the parse done once per face. `standIns`: code → glyph entries this document's code map
 * gets besides the face's own (2026.3's characters outside the BMP).
 */
export function addFace(
	doc: jsPDF,
	file: string,
	bytes: Uint8Array,
	family: string,
	style: string,
	standIns?: ReadonlyMap<number, number>
): void {
	// A document carries jsPDF.API's plugins as its own properties: this is jsPDF.API.TTFFont, without importing jsPDF.
	const api = doc as unknown as JsPdfApi;
	if (!enabled) {
		doc.addFileToVFS(file, binaryString(bytes));
		doc.addFont(file, family, style, 'Identity-H');
		const codeMap = (getFont(doc, family, style).metadata as TtfFont).cmap.unicode.codeMap;
		for (const [code, glyph] of standIns ?? []) codeMap[code] = glyph;
		return;
	}
	const view = faceOf(api, bytes).view(standIns);
	const open = api.TTFFont.open;
	// jsPDF's addFont handler calls TTFFont.open with what it read from the file system; during this call only,
	// that is the placeholder, and it gets the view.
	api.TTFFont.open = (data) => (data.length === PLACEHOLDER.length ? view : open.call(api.TTFFont, data));
	try {
		doc.addFileToVFS(file, PLACEHOLDER);
		doc.addFont(file, family, style, 'Identity-H');
	} finally {
		api.TTFFont.open = open;
	}
	// jsPDF logs and swallows an error in its event handlers: check that the face arrived.
	if (getFont(doc, family, style).metadata !== view) throw new Error(`jsPDF did not take the cached face ${file}`);
}

/**
 * Parses a font set's faces ahead of the first document (a render worker at start, the browser's render worker
 * when the user heads to a contract), with what the subsetter reads whole and the glyph coverage: the first
 * document then costs what every later one does.
 */
export async function prepareContractFaces(fonts: { regular: Uint8Array; bold: Uint8Array }): Promise<void> {
	const { jsPDF } = await import('jspdf');
	const api = jsPDF.API as unknown as JsPdfApi;
	for (const bytes of [fonts.regular, fonts.bold]) {
		faceOf(api, bytes).prepare();
		fontCoverage(bytes);
	}
}

/** The contract faces every template version adds: the regular face (with stand-ins, if any) and the bold one. */
export function addContractFaces(
	doc: jsPDF,
	family: string,
	fonts: { regular: Uint8Array; bold: Uint8Array },
	standIns?: ReadonlyMap<number, number>
): void {
	addFace(doc, 'contract-serif-regular.ttf', fonts.regular, family, 'normal', standIns);
	addFace(doc, 'contract-serif-bold.ttf', fonts.bold, family, 'bold');
}
