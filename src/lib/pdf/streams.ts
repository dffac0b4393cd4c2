// jsPDF's stream compression without its per-byte string conversions, and a font program compressed once per distinct subset.
import { zlibSync } from 'fflate';
import { jsPDF } from 'jspdf';

/*
 * jsPDF's FlateEncode turns each stream (a binary string) into bytes one charCodeAt at a time, compresses them
 * with fflate's zlibSync (default options) and turns the result back into a string with a reduce that
 * concatenates one character per byte: for a framework agreement's 416 KB font program that conversion, and
 * the garbage it leaves, cost about as much as a third of the deflate itself. Here the same zlibSync (the
 * fflate jsPDF resolves to; package.json pins the same version) runs on bytes converted in bulk, so the
 * compressed bytes are jsPDF's own.
 *
 * A font program (an embedded TrueType subset) is the same bytes whenever a document uses the same glyphs: the
 * bold face's headings in every document of a template, and the regular face when a record is rendered again
 * (the server's check, its registered copy) or the same parties' contracts follow one another. Its compressed
 * form is kept, keyed by the program itself: V8 hashes a long string by its length alone, so a look-up costs a
 * comparison with the programs of the same length, never a deflate. Page contents are never the same twice
 * (each page prints the record's fingerprint) and are not kept.
 *
 * streams.test.ts holds this to jsPDF's own FlateEncode; fontCache.test.ts compares whole documents.
 */

type FilterResult = { data: string; reverseChain: string };
type Filters = (data: string, filterChain?: unknown) => FilterResult;
type FilterApi = { processDataByFilters: Filters };

const api = jsPDF.API as unknown as FilterApi;
/** jsPDF's own implementation, for every other filter chain and for the tests. */
export const jsPdfFilters: Filters = api.processDataByFilters;

type NodeBuffer = {
	from(s: string, encoding: 'latin1'): Uint8Array;
	from(b: ArrayBuffer, offset: number, length: number): { toString(encoding: 'latin1'): string };
};
/** Node's Buffer converts latin1 natively; browsers have no decoder for it (TextDecoder's latin1 is windows-1252). */
const NodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/** The conversions without Node's Buffer (browsers; exported for the tests, which run in Node). */
export const portable = {
	bytesOfBinary(s: string): Uint8Array {
		const out = new Uint8Array(s.length);
		for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
		return out;
	},
	binaryOfBytes(bytes: Uint8Array): string {
		const parts: string[] = [];
		// apply over chunks: one call per 8 KB, under every engine's argument limit.
		for (let i = 0; i < bytes.length; i += 0x2000) {
			parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x2000) as unknown as number[]));
		}
		return parts.join('');
	}
};

/** A binary string (one byte per UTF-16 code unit) as bytes. */
export function bytesOfBinary(s: string): Uint8Array {
	if (!NodeBuffer) return portable.bytesOfBinary(s);
	const b = NodeBuffer.from(s, 'latin1');
	return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Bytes as a binary string. */
export function binaryOfBytes(bytes: Uint8Array): string {
	if (!NodeBuffer) return portable.binaryOfBytes(bytes);
	return NodeBuffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** What jsPDF's FlateEncode returns for `data`. */
export function flateEncode(data: string): string {
	return binaryOfBytes(zlibSync(bytesOfBinary(data)));
}

/** TrueType's scalar type 0x00010000: what jsPDF's subsetter writes first. */
const TRUETYPE = '\x00\x01\x00\x00';
/**
 * The compressed font programs kept, in use order, up to this many characters of programs (a complete-face
 * program is ~416 K; kept with its compressed form, ~1.4 bytes a character). A server renders many customers'
 * contracts, each drawing its own characters: 16 M keeps ~40 of them (~22 MB); a device, 4 M (~6 MB).
 */
const KEPT_CHARS = (NodeBuffer ? 16 : 4) * 1024 * 1024;
const kept = new Map<string, string>();
let keptChars = 0;

function compressedFontProgram(data: string): string {
	const known = kept.get(data);
	if (known !== undefined) {
		// Most recently used last.
		kept.delete(data);
		kept.set(data, known);
		return known;
	}
	const out = flateEncode(data);
	if (data.length <= KEPT_CHARS) {
		kept.set(data, out);
		keptChars += data.length;
		for (const [old] of kept) {
			if (keptChars <= KEPT_CHARS) break;
			kept.delete(old);
			keptChars -= old.length;
		}
	}
	return out;
}

/** How many font programs are kept compressed (for the tests). */
export function keptFontPrograms(): number {
	return kept.size;
}

let enabled = true;

/** Off: jsPDF's own FlateEncode for every stream (the tests that compare with jsPDF's own path). */
export function useFastStreams(on: boolean): void {
	enabled = on;
}

const onlyFlate = (chain: unknown): boolean =>
	chain === 'FlateEncode' ||
	chain === '/FlateEncode' ||
	(Array.isArray(chain) && chain.length === 1 && (chain[0] === 'FlateEncode' || chain[0] === '/FlateEncode'));

function processDataByFilters(this: unknown, origData: string, filterChain?: unknown): FilterResult {
	if (!enabled || !onlyFlate(filterChain)) return jsPdfFilters.call(this, origData, filterChain);
	const data = origData || '';
	const out = data.startsWith(TRUETYPE) ? compressedFontProgram(data) : flateEncode(data);
	return { data: out, reverseChain: '/FlateDecode' };
}

// jsPDF's putStream calls jsPDF.API.processDataByFilters at output time: every document uses this one.
api.processDataByFilters = processDataByFilters;
