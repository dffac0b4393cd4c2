// Template 2026.3 sets every character of the complete regular face: each code point renders and extracts (poppler) as itself.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readCmap, readCmapGlyphs } from '../../cmap';
import { GlyphPendingError, MissingGlyphError } from '../../coverage';
import { exampleFramework } from '../../examples';
import { FONT_SETS, type SplitFace } from '../../fontSets';
import { FONT_DIR, readSplitFace } from '../../fonts-node';
import { type ContractFonts, renderContractPdf } from '../../render';
import { pdfFiles } from '../../../../../tests/support/lib/pdf/render';
import { PAGE } from './layout';
import { fontedDocument } from './render';

const files = pdfFiles('CD-FA-2026.3');

function pdftotext(pdf: Uint8Array, layout = false): string {
	const path = files.file(pdf);
	return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
}

const PER_LINE = 40;
const DOC_CHARS = 4000;
const LINE = 14;
const WHITE = /\s/u;

describe('the complete regular face (2026.3)', () => {
	it('has every code point of Noto Serif SC regular, outside the BMP too', () => {
		const have = readCmap(files.fonts.regular);
		expect(have.size).toBe(30_928);
		for (const c of ['𬘭', '𫖯', '㐀', '䶵', 'Ø', 'ß', '喆', '堃']) expect(have.has(c.codePointAt(0)!), c).toBe(true);
		expect([...have].filter((cp) => cp > 0xffff).length).toBe(442);
	});

	it('draws every one of its code points so that the PDF text gives each back (40 a line, page by page)', async () => {
		// A PDF maps each glyph of a font back to one text: code points that share a glyph (① and ➀, 年 and its
		// compatibility twin U+F98E) go to separate documents, each printing every code point once.
		const byGlyph = new Map<number, number[]>();
		for (const [cp, glyph] of [...readCmapGlyphs(files.fonts.regular)].sort((a, b) => a[0] - b[0])) {
			if (!WHITE.test(String.fromCodePoint(cp))) byGlyph.set(glyph, [...(byGlyph.get(glyph) ?? []), cp]);
		}
		const rounds: number[][] = [];
		for (const group of byGlyph.values()) group.forEach((cp, k) => (rounds[k] ??= []).push(cp));
		expect(rounds.flat().length).toBeGreaterThan(30_900);
		const bad: string[] = [];
		// Documents of at most 4,000 characters: jsPDF's per-glyph width bookkeeping grows with the square of the glyphs used.
		for (const [k, round] of rounds.entries()) {
			round.sort((a, b) => a - b);
			for (let at = 0; at < round.length; at += DOC_CHARS) bad.push(...(await drawAndRead(round.slice(at, at + DOC_CHARS), `round-${k}-${at}`)));
		}
		expect(bad).toEqual([]);
	}, 600_000);
});

/** Draws the code points 40 a line with the renderer's own document and layout; what poppler reads differently, page by page. */
async function drawAndRead(all: number[], name: string): Promise<string[]> {
	const { doc, layout, output } = await fontedDocument(files.fonts);
	const perPage = Math.floor((PAGE.height - PAGE.bottom - PAGE.top) / LINE);
	const pages: string[] = [];
	for (let at = 0, row = 0; at < all.length; at += PER_LINE, row++) {
		if (row === perPage) {
			doc.addPage();
			row = 0;
		}
		if (row === 0) pages.push('');
		const text = String.fromCodePoint(...all.slice(at, at + PER_LINE));
		layout.draw(text, PAGE.left, PAGE.top + row * LINE, 'normal', 9, `line ${at / PER_LINE}`);
		pages[pages.length - 1] += text;
	}
	const got = pdftotext(output()).split('\f');
	const bad: string[] = [];
	pages.forEach((want, n) => {
		const have = [...(got[n] ?? '')].filter((c) => !WHITE.test(c));
		const expected = [...want];
		const seen = new Set(have);
		const missing = expected.filter((c) => !seen.has(c));
		if (have.length !== expected.length || missing.length) {
			bad.push(`${name} page ${n + 1}: ${have.length}/${expected.length}, missing ${missing.slice(0, 8).map((c) => `U+${c.codePointAt(0)!.toString(16)}`).join(' ')}`);
		}
	});
	return bad;
}

describe('the complete regular face (2026.3), in documents', () => {
	it('a contract naming 邱𬘭, with CJK Extension A and Latin-1 letters, renders and reads back whole', async () => {
		const base = exampleFramework('CD-FA-2026.3');
		const record = { ...base, contact: { ...base.contact, person: '邱𬘭', mailingAddress: '北京市海淀区㐀䶵路1号 Øresund Straße 5' } };
		const text = pdftotext(await renderContractPdf(record, files.fonts), true);
		expect(text).toMatch(/联系人\s+邱𬘭/);
		expect(text).toContain('㐀䶵路1号');
		expect(text).toContain('Øresund');
		expect(text).toContain('Straße');
	});

	it('refuses a character beyond the complete face, naming it and its field', async () => {
		const base = exampleFramework('CD-FA-2026.3');
		for (const [char, field] of [
			['≒', 'partyA.legalRepresentative'],
			['Ł', 'partyA.registeredAddress']
		] as const) {
			// The contact fields are refused before rendering (the schema's font check); identity data reaches the guard.
			const record = { ...base, partyA: { ...base.partyA, [field.split('.')[1]!]: `王${char}` } };
			const error = await renderContractPdf(record, files.fonts).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(MissingGlyphError);
			expect(error).toMatchObject({ char, field });
		}
	});

	it('with only the core on the device: a GB 2312 record renders to the same bytes, a rarer character waits for the rest', async () => {
		const face = FONT_SETS['serif-2026.3'].regular as SplitFace;
		const core = await readSplitFace(FONT_DIR, face, false);
		expect(core.pending.size).toBeGreaterThan(20_000);
		for (const c of ['邱', '王', '李', 'A', 'Ø', '，']) expect(core.pending.has(c.codePointAt(0)!), c).toBe(false);
		const coreOnly: ContractFonts = { ...files.fonts, regular: core.font, pending: core.pending };
		const base = exampleFramework('CD-FA-2026.3');
		const gb = (s: string) => s.replace(/[喆堃珺玥]/g, '云');
		const plain = {
			...base,
			partyA: { ...base.partyA, name: gb(base.partyA.name), legalRepresentative: gb(base.partyA.legalRepresentative), registeredAddress: gb(base.partyA.registeredAddress) },
			contact: { ...base.contact, person: '王云', mailingAddress: gb(base.contact.mailingAddress) }
		};
		expect(Buffer.from(await renderContractPdf(plain, coreOnly)).equals(Buffer.from(await renderContractPdf(plain, files.fonts)))).toBe(true);
		// 暐: in GBK, not in 通用规范汉字表, so not in the core.
		expect(core.pending.has(0x6690)).toBe(true);
		const rare = { ...plain, contact: { ...plain.contact, person: '王暐' } };
		const error = await renderContractPdf(rare, coreOnly).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(GlyphPendingError);
		expect(error).toMatchObject({ char: '暐', field: 'contact.person' });
		const beyond = await renderContractPdf({ ...rare, partyA: { ...rare.partyA, legalRepresentative: '邱≒' } }, coreOnly).catch((e: unknown) => e);
		expect(beyond).toBeInstanceOf(MissingGlyphError);
	});
});
