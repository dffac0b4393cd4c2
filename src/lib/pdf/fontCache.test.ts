// The font cache against jsPDF itself: its internals still have the shape the cache relies on, and cached documents are byte for byte jsPDF's own.
import { jsPDF } from 'jspdf';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCmapGlyphs } from './cmap';
import { exampleFiling, exampleFramework, exampleOrder } from './examples';
import {
	addContractFaces,
	cachedFaceView,
	type JsPdfApi,
	prepareContractFaces,
	type TtfFont,
	useFontCache
} from './fontCache';
import { loadContractFontsNode } from './fonts-node';
import { type ContractFonts, renderContractPdf } from './render';
import { standIns } from './templates/2026.3/nonBmp';
import type { ContractRecord } from '../domain/contract';

const api = jsPDF.API as unknown as JsPdfApi;
let complete: ContractFonts;
let gbk: ContractFonts;
let v1: ContractFonts;
beforeAll(async () => {
	complete = await loadContractFontsNode('CD-FA-2026.5');
	gbk = await loadContractFontsNode('CD-FA-2026.2');
	v1 = await loadContractFontsNode('CD-FA-2026.1');
});
afterEach(() => useFontCache(true));

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
	Buffer.from(a as Uint8Array).equals(Buffer.from(b as Uint8Array));

describe("jsPDF's internals the cache relies on (jspdf is pinned; a new version must pass these)", () => {
	it('a document carries jsPDF.API.TTFFont, and its addFont handler parses through TTFFont.open', () => {
		const doc = new jsPDF();
		expect((doc as unknown as JsPdfApi).TTFFont).toBe(api.TTFFont);
		let opened: Uint8Array | undefined;
		const open = api.TTFFont.open;
		api.TTFFont.open = (data) => ((opened = data), open.call(api.TTFFont, data));
		try {
			doc.addFileToVFS('f.ttf', String.fromCharCode(...gbk.bold));
			doc.addFont('f.ttf', 'F', 'normal', 'Identity-H');
		} finally {
			api.TTFFont.open = open;
		}
		expect(same(opened!, gbk.bold)).toBe(true);
		const metadata = (doc.getFont as unknown as (f: string, s: string) => { metadata: TtfFont }).call(
			doc,
			'F',
			'normal'
		).metadata;
		expect(metadata).toBeInstanceOf(api.TTFFont);
		expect(metadata.glyIdsUsed).toEqual([0]);
		expect(metadata.Unicode).toEqual({ encoding: {}, kerning: {}, widths: [] });
	});

	it("a parsed face has the tables, fields and methods the cache reads, with jsPDF's values", () => {
		const ttf = api.TTFFont.open(gbk.bold);
		for (const table of [ttf.cmap, ttf.hmtx, ttf.hhea, ttf.maxp, ttf.post, ttf.name, ttf.os2]) {
			expect(table.exists).toBe(true);
			expect(typeof table.raw).toBe('function');
		}
		expect(ttf.rawData).toBe(gbk.bold);
		expect(typeof ttf.directory.scalarType).toBe('number');
		expect(typeof ttf.head.encode).toBe('function');
		expect(typeof ttf.glyf.offset).toBe('number');
		expect(Array.isArray(ttf.loca.offsets)).toBe(true);
		expect(typeof ttf.subset.encode).toBe('function');
		expect(ttf.toUnicode).toEqual({});
		const glyphs = readCmapGlyphs(gbk.bold);
		for (const [code, glyph] of glyphs) expect(ttf.cmap.unicode.codeMap[code]).toBe(glyph);
	});

	it.each([
		['the GBK regular face', () => gbk.regular],
		['the complete regular face', () => complete.regular],
		['a bold cut', () => complete.bold]
	])("subsets %s to jsPDF's own bytes", (_, font) => {
		const bytes = font();
		const ttf = api.TTFFont.open(bytes);
		const view = cachedFaceView(api, bytes);
		const glyphs = [...new Set(readCmapGlyphs(bytes).values())];
		// Every 97th glyph of the cmap and the last one (these faces have no compound glyphs: subset-font's cut).
		const ids = glyphs.filter((_, i) => i % 97 === 0);
		ids.push(glyphs[glyphs.length - 1]!);
		const used = [0, ...ids, ...ids.slice(0, 10)];
		expect(same(view.subset.encode(used, 1), ttf.subset.encode(used, 1))).toBe(true);
		expect(same(view.subset.encode([0], 1), ttf.subset.encode([0], 1))).toBe(true);
	});
});

describe('documents through the cache', () => {
	const withWide = (r: ContractRecord): ContractRecord => ({
		...r,
		partyA: { ...r.partyA, name: '杭州𬘭𫖯网络科技有限公司' }
	});
	const cases: [string, () => ContractRecord[], () => ContractFonts][] = [
		[
			'2026.5 (the complete face, stand-ins for characters outside the BMP)',
			() => [withWide(exampleOrder('CD-OR-2026.5')), exampleFramework('CD-FA-2026.5'), exampleFiling('CD-FL-2026.5')],
			() => complete
		],
		['2026.2 (the GBK face)', () => [exampleOrder('CD-OR-2026.2'), exampleFramework('CD-FA-2026.2')], () => gbk],
		['2026.1', () => [exampleFiling('CD-FA-2026.1'), exampleOrder('CD-FA-2026.1')], () => v1]
	];

	it.each(cases)(
		'render one after another to the bytes of jsPDF parsing the faces itself: %s',
		async (_, records, fonts) => {
			const rs = records();
			const f = fonts();
			const first = await renderContractPdf(rs[0]!, f);
			const cached: Uint8Array[] = [];
			for (const r of rs) cached.push(await renderContractPdf(r, f));
			useFontCache(false);
			const own: Uint8Array[] = [];
			for (const r of rs) own.push(await renderContractPdf(r, f));
			for (const [i, pdf] of cached.entries()) expect(same(pdf, own[i]!), rs[i]!.templateVersion).toBe(true);
			// The first document again, after the others drew other characters with the same faces.
			expect(same(first, own[0]!)).toBe(true);
		},
		120_000
	);

	it('writes font programs and compressed streams in bulk: no character-at-a-time conversion at output', () => {
		const charsAtOutput = () => {
			const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true, putOnlyUsedFonts: true });
			addContractFaces(doc, 'F', complete);
			doc.setFont('F', 'normal');
			doc.text('云栈合同 framework', 10, 10);
			const fromCharCode = String.fromCharCode;
			let calls = 0;
			String.fromCharCode = (...codes: number[]) => (calls++, fromCharCode(...codes));
			try {
				doc.output('arraybuffer');
			} finally {
				String.fromCharCode = fromCharCode;
			}
			return calls;
		};
		// jsPDF's own path: one call per byte of the font program and of each compressed stream.
		useFontCache(false);
		expect(charsAtOutput()).toBeGreaterThan(100_000);
		useFontCache(true);
		expect(charsAtOutput()).toBeLessThan(100);
	});

	it('parses each face once: later documents never call TTFFont.open', async () => {
		await renderContractPdf(exampleFramework('CD-FA-2026.5'), complete);
		let opened = 0;
		const open = api.TTFFont.open;
		api.TTFFont.open = (data) => (opened++, open.call(api.TTFFont, data));
		try {
			await renderContractPdf(exampleOrder('CD-OR-2026.5'), complete);
			await renderContractPdf(exampleFramework('CD-FA-2026.5'), complete);
		} finally {
			api.TTFFont.open = open;
		}
		expect(opened).toBe(0);
	});

	it('prepares a font set ahead: the first document after it parses nothing', async () => {
		// Copies of the bytes are faces the cache has not seen.
		const fresh = (): ContractFonts => ({ ...v1, regular: v1.regular.slice(), bold: v1.bold.slice() });
		const opens = async (fonts: ContractFonts) => {
			let opened = 0;
			const open = api.TTFFont.open;
			api.TTFFont.open = (data) => (opened++, open.call(api.TTFFont, data));
			try {
				await renderContractPdf(exampleFramework('CD-FA-2026.1'), fonts);
			} finally {
				api.TTFFont.open = open;
			}
			return opened;
		};
		expect(await opens(fresh())).toBe(2);
		const prepared = fresh();
		await prepareContractFaces(prepared);
		expect(await opens(prepared)).toBe(0);
	});

	it("leaves the shared face as jsPDF parsed it: each document's glyphs, widths and stand-ins are its own", async () => {
		const wide = standIns(complete.regular);
		const a = new jsPDF();
		const b = new jsPDF();
		addContractFaces(a, 'F', complete, wide.glyphs);
		addContractFaces(b, 'F', complete);
		const meta = (doc: jsPDF) =>
			(doc.getFont as unknown as (f: string, s: string) => { metadata: TtfFont }).call(doc, 'F', 'normal').metadata;
		a.setFont('F', 'normal');
		a.text('云栈合同', 10, 10);
		expect(meta(a).glyIdsUsed!.length).toBeGreaterThan(1);
		expect(meta(b).glyIdsUsed).toEqual([0]);
		expect(meta(b).Unicode!.widths).toHaveLength(0);
		expect(meta(b).toUnicode).toEqual({});
		const [pua, glyph] = [...wide.glyphs][0]!;
		expect(meta(a).cmap.unicode.codeMap[pua]).toBe(glyph);
		expect(meta(b).cmap.unicode.codeMap[pua]).toBeUndefined();
		const shared = Object.getPrototypeOf(meta(a)) as TtfFont;
		expect(shared).toBe(Object.getPrototypeOf(meta(b)));
		expect(Object.hasOwn(shared, 'glyIdsUsed')).toBe(false);
		expect(Object.hasOwn(shared, 'Unicode')).toBe(false);
		expect(shared.cmap.unicode.codeMap[pua]).toBeUndefined();
	});
});
