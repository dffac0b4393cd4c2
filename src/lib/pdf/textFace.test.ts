// The print view's text face: every glyph maps back from one code point, the one real text uses.
import { describe, expect, it } from 'vitest';
import { readCmapGlyphs } from './cmap';
import { loadContractFontsNode } from './fonts-node';
import { unaliasedFace } from './textFace';

describe('unaliased text face', () => {
	it("keeps 生 and drops its Kangxi twin ⽣; every glyph has one code point; the rest of the map is the font's", async () => {
		const font = (await loadContractFontsNode('CD-FA-2026.3')).regular;
		const before = readCmapGlyphs(font);
		const after = readCmapGlyphs(unaliasedFace(font));
		expect(after.get(0x751f)).toBe(before.get(0x751f));
		expect(after.has(0x2f63)).toBe(false);
		expect(after.get(0x2013)).toBe(before.get(0x2013));
		expect(after.has(0x2012)).toBe(false);
		expect(after.get(0x2c62d)).toBe(before.get(0x2c62d));
		expect(new Set(after.values()).size).toBe(after.size);
		for (const [cp, glyph] of after) expect(before.get(cp)).toBe(glyph);
		expect(after.size).toBe(new Set(before.values()).size);
	});
});
