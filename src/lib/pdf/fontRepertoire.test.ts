// The forms' repertoire table is exactly today's regular face: a new font set without a new table fails here.
import { describe, expect, it } from 'vitest';
import { FONT_RANGES, FONT_SET } from '../domain/fontRepertoire';
import { isPrintable, unprintableChars } from '../domain/printable';
import { CURRENT_TEMPLATE_VERSION } from '../domain/templateVersions';
import { readCmap } from './cmap';
import { checkRecordCoverage, MissingGlyphError } from './coverage';
import { exampleFramework } from './examples';
import { loadContractFontsNode } from './fonts-node';
import { fontSetOf } from './fontSets';

describe('fontRepertoire (run `npx tsx scripts/font-repertoire.ts` after a font change)', () => {
	it('is read from the font set every kind generates with today', () => {
		for (const version of Object.values(CURRENT_TEMPLATE_VERSION)) expect(fontSetOf(version)).toBe(FONT_SET);
	});

	it('holds exactly the code points of that set’s regular face', async () => {
		const { regular } = await loadContractFontsNode(CURRENT_TEMPLATE_VERSION.framework);
		const have = readCmap(regular);
		const table = new Set<number>();
		for (let i = 0; i < FONT_RANGES.length; i += 2)
			for (let cp = FONT_RANGES[i]!; cp <= FONT_RANGES[i + 1]!; cp++) table.add(cp);
		expect(table.size).toBe(have.size);
		for (const cp of have) expect(table.has(cp), `U+${cp.toString(16)}`).toBe(true);
		// isPrintable answers as the face does on both sides of every range boundary.
		for (let i = 0; i < FONT_RANGES.length; i += 2) {
			for (const cp of [FONT_RANGES[i]! - 1, FONT_RANGES[i]!, FONT_RANGES[i + 1]!, FONT_RANGES[i + 1]! + 1])
				expect(isPrintable(cp), `U+${cp.toString(16)}`).toBe(have.has(cp));
		}
	});

	it('refuses what the renderer refuses and passes what it prints', async () => {
		const { regular } = await loadContractFontsNode(CURRENT_TEMPLATE_VERSION.framework);
		for (const person of ['张喆😀', '王✈', '李\u{1F1E8}\u{1F1F3}', '张喆', '𬘭 Müller', '赵（经理）']) {
			const record = { ...exampleFramework(), contact: { ...exampleFramework().contact, person } };
			let refused = false;
			try {
				checkRecordCoverage(record, regular);
			} catch (e) {
				refused = e instanceof MissingGlyphError;
			}
			expect(refused, person).toBe(unprintableChars(person).length > 0);
		}
	});
});
