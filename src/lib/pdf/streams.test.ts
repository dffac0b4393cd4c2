// The stream compression against jsPDF's own: the same bytes for every kind of stream, jsPDF still calling it, and font programs compressed once.
import { createRequire } from 'node:module';
import { zlibSync } from 'fflate';
import { jsPDF } from 'jspdf';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleFramework } from './examples';
import { cachedFaceView, type JsPdfApi } from './fontCache';
import { loadContractFontsNode } from './fonts-node';
import { renderContractPdf } from './render';
import {
	binaryOfBytes,
	bytesOfBinary,
	flateEncode,
	jsPdfFilters,
	keptFontPrograms,
	portable,
	useFastStreams
} from './streams';

type FilterApi = { processDataByFilters: (data: string, filters?: unknown) => { data: string; reverseChain: string } };
const api = jsPDF.API as unknown as FilterApi;

afterEach(() => useFastStreams(true));

function randomBinary(length: number, seed: number): string {
	const bytes = new Uint8Array(length);
	let x = seed;
	for (let i = 0; i < length; i++) {
		x = (x * 1103515245 + 12345) >>> 0;
		bytes[i] = x >>> 24;
	}
	return binaryOfBytes(bytes);
}

/** A TrueType subset as jsPDF embeds it: the complete face's glyphs for a few characters. */
async function fontProgram(text: string): Promise<string> {
	const fonts = await loadContractFontsNode();
	const view = cachedFaceView(jsPDF.API as unknown as JsPdfApi, fonts.regular);
	const ids = [...text].map((c) => view.cmap.unicode.codeMap[c.codePointAt(0)!]!);
	return binaryOfBytes(Uint8Array.from(view.subset.encode([0, ...ids], 1)));
}

describe("jsPDF's internals streams relies on (jspdf is pinned; a new version must pass these)", () => {
	it('jsPDF compresses with the fflate this module uses', () => {
		const fromJsPdf = createRequire(createRequire(import.meta.url).resolve('jspdf')).resolve('fflate');
		expect(fromJsPdf).toBe(createRequire(import.meta.url).resolve('fflate'));
	});

	it("jsPDF's FlateEncode is zlibSync with default options, its result as a binary string", () => {
		const data = randomBinary(70_000, 7) + 'BT /F1 12 Tf (text) Tj ET\n'.repeat(500);
		const own = jsPdfFilters.call(api, data, ['FlateEncode']);
		expect(own).toEqual({ data: binaryOfBytes(zlibSync(bytesOfBinary(data))), reverseChain: '/FlateDecode' });
	});

	it("a document's streams go through jsPDF.API.processDataByFilters, which is this module's", async () => {
		expect(api.processDataByFilters).not.toBe(jsPdfFilters);
		const seen: string[] = [];
		const installed = api.processDataByFilters;
		api.processDataByFilters = (data, filters) => (seen.push(data), installed.call(api, data, filters));
		try {
			const doc = new jsPDF({ compress: true });
			doc.text('hello', 10, 10);
			doc.output('arraybuffer');
		} finally {
			api.processDataByFilters = installed;
		}
		expect(seen.some((s) => s.includes('(hello) Tj'))).toBe(true);
	});
});

describe('stream compression', () => {
	it.each([
		['empty', ''],
		['page content', '0.2 w\n0 G\nBT\n/F1 10.5 Tf\n<00a1 0b2c> Tj\nET\n'.repeat(2000)],
		['random bytes', randomBinary(200_000, 3)],
		['every byte value', binaryOfBytes(Uint8Array.from({ length: 4096 }, (_, i) => i & 0xff))]
	])("compresses %s to jsPDF's own bytes", (_, data) => {
		const own = jsPdfFilters.call(api, data, ['FlateEncode']);
		expect(api.processDataByFilters(data, ['FlateEncode'])).toEqual(own);
		expect(api.processDataByFilters(data, 'FlateEncode')).toEqual(own);
		expect(flateEncode(data)).toBe(own.data);
	});

	it.each([
		["with Node's Buffer", { binaryOfBytes, bytesOfBinary }],
		['without it (browsers)', portable]
	])('converts binary strings and bytes both ways, %s', (_, convert) => {
		const bytes = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 31) & 0xff);
		const s = convert.binaryOfBytes(bytes);
		expect(s.length).toBe(bytes.length);
		expect([...s].map((c) => c.charCodeAt(0))).toEqual([...bytes]);
		expect(convert.bytesOfBinary(s)).toEqual(bytes);
		// A view into a larger buffer converts only its own bytes.
		expect(convert.binaryOfBytes(bytes.subarray(5, 9))).toBe(s.slice(5, 9));
	});

	it("leaves other filter chains to jsPDF's own", () => {
		const data = randomBinary(1000, 5);
		for (const chain of [['ASCIIHexEncode'], ['FlateEncode', 'ASCIIHexEncode'], []]) {
			expect(api.processDataByFilters(data, chain)).toEqual(jsPdfFilters.call(api, data, chain));
		}
	});

	it('compresses each distinct font program once, and never answers one with another of the same length', async () => {
		const a = await fontProgram('云栈甲方乙方');
		// Same glyph count, other glyphs: a program of (almost surely) another length or other bytes.
		const b = await fontProgram('合同订单编号');
		const before = keptFontPrograms();
		const first = api.processDataByFilters(a, ['FlateEncode']);
		expect(keptFontPrograms()).toBe(before + 1);
		expect(api.processDataByFilters(a, ['FlateEncode'])).toEqual(first);
		expect(keptFontPrograms()).toBe(before + 1);
		expect(first).toEqual(jsPdfFilters.call(api, a, ['FlateEncode']));

		// The same length, one byte different: its own compression.
		const c = a.slice(0, -1) + String.fromCharCode(a.charCodeAt(a.length - 1) ^ 1);
		expect(api.processDataByFilters(c, ['FlateEncode'])).toEqual(jsPdfFilters.call(api, c, ['FlateEncode']));
		expect(api.processDataByFilters(b, ['FlateEncode'])).toEqual(jsPdfFilters.call(api, b, ['FlateEncode']));
	});

	it('keeps at most 16 M characters of font programs (in Node: a server)', () => {
		const big = (seed: number) => '\x00\x01\x00\x00' + randomBinary(4 * 1024 * 1024, seed);
		for (let seed = 1; seed <= 6; seed++) api.processDataByFilters(big(seed), ['FlateEncode']);
		expect(keptFontPrograms()).toBeLessThanOrEqual(3);
		// The newest is still kept and still right.
		const last = big(6);
		expect(api.processDataByFilters(last, ['FlateEncode'])).toEqual(jsPdfFilters.call(api, last, ['FlateEncode']));
	});

	it("renders a document to the bytes of jsPDF's own compression", async () => {
		const fonts = await loadContractFontsNode();
		const fast = await renderContractPdf(exampleFramework(), fonts);
		useFastStreams(false);
		const own = await renderContractPdf(exampleFramework(), fonts);
		expect(Buffer.from(fast).equals(Buffer.from(own))).toBe(true);
	}, 60_000);
});
