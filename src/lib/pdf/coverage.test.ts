// Font coverage: the regular cut holds GBK, the bold cut holds the template headings, and field paths are exact.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { gbkCodePoints } from '../../../scripts/build-font';
import { assertCovered, fontCoverage, MissingGlyphError, stringFields } from './coverage';
import { exampleFiling } from './examples';
import { loadContractFontsNode } from './fonts-node';
import type { ContractFonts } from './render';
import { BOLD_TEXTS } from './templates/2026.1/text';

// Characters GBK encodes that Noto Serif SC does not draw; a record holding one is refused by name.
const ABSENT_FROM_SOURCE = [0x2252];

let fonts: ContractFonts;
beforeAll(async () => {
	// The GBK cut and 2026.1's bold face, which BOLD_TEXTS belongs to. (Today's complete face has 442 characters
	// outside the BMP: with it the astral property below failed whenever it drew one of them.)
	fonts = await loadContractFontsNode('CD-FA-2026.1');
});

describe('font coverage', () => {
	it('the regular face covers every GBK character the source font has', () => {
		const regular = fontCoverage(fonts.regular);
		const gbk = gbkCodePoints();
		expect(gbk.length).toBeGreaterThan(21_000);
		const missing = gbk.filter((cp) => !regular.has(cp));
		expect(missing).toEqual(ABSENT_FROM_SOURCE);
		for (const c of '喆堃珺玥、。，；：？！（）「」『』【】《》“”‘’—…·￥')
			expect(regular.has(c.codePointAt(0)!)).toBe(true);
		for (let cp = 0x20; cp < 0x7f; cp++) expect(regular.has(cp)).toBe(true);
	});

	it('the bold face covers the template headings but no user text', () => {
		const bold = fontCoverage(fonts.bold);
		for (const text of BOLD_TEXTS) assertCovered(text, bold, 'template');
		expect(bold.has('喆'.codePointAt(0)!)).toBe(false);
	});

	it('refuses any astral character the font lacks, naming it', () => {
		const regular = fontCoverage(fonts.regular);
		fc.assert(
			fc.property(fc.integer({ min: 0x20000, max: 0x2fa1f }), (cp) => {
				const char = String.fromCodePoint(cp);
				expect(() => assertCovered(`甲${char}乙`, regular, 'partyA.name')).toThrow(MissingGlyphError);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('stringFields', () => {
	it('names nested fields with record paths', () => {
		const paths = stringFields(exampleFiling()).map(([path]) => path);
		expect(paths).toContain('partyA.name');
		expect(paths).toContain('contact.mailingAddress');
		expect(paths).toContain('filing.sites[1].name');
		expect(paths).toContain('filing.sites[0].domains[1]');
	});
});
