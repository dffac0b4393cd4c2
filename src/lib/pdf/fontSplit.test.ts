// The split face: core + rest put back together give the font byte for byte; the core alone names what it lacks.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generalStandardCodePoints } from '../../../scripts/general-standard-chars';
import { readCmap } from './cmap';
import { FONT_SETS, type SplitFace } from './fontSets';
import { assembleFont, readCore } from './fontSplit';
import { FONT_DIR } from './fonts-node';

const face = FONT_SETS['serif-2026.3'].regular as SplitFace;
const core = new Uint8Array(readFileSync(join(FONT_DIR, face.core)));
const rest = new Uint8Array(readFileSync(join(FONT_DIR, face.rest)));

describe('split regular face', () => {
	it('core + rest make the complete font, whose SHA-256 the core carries', () => {
		const { font, sha256, pending } = assembleFont(core, rest);
		expect(createHash('sha256').update(font).digest().equals(Buffer.from(sha256))).toBe(true);
		expect(pending.size).toBe(0);
		expect(readCmap(font).size).toBe(30_928);
	});

	it('the core alone keeps every table, GB 2312 and 通用规范汉字表, and lists the rest of the characters as pending', () => {
		const info = readCore(core);
		expect(info.payload.length + rest.length).toBe(info.fullLength);
		const { font, pending } = assembleFont(core);
		expect(font.length).toBe(info.fullLength);
		expect(readCmap(font).size).toBe(30_928);
		const gbk = new TextDecoder('gbk');
		let gb2312 = 0;
		for (let lead = 0xb0; lead <= 0xf7; lead++) {
			for (let trail = 0xa1; trail <= 0xfe; trail++) {
				const cp = gbk.decode(new Uint8Array([lead, trail])).codePointAt(0)!;
				if (cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff)) continue;
				gb2312++;
				expect(pending.has(cp), String.fromCodePoint(cp)).toBe(false);
			}
		}
		expect(gb2312).toBeGreaterThan(6_700);
		// The names and places GB 2312 lacks (喆, 堃, 𫖯, level 3 of the table) are in the core as well.
		const general = generalStandardCodePoints();
		expect(general).toHaveLength(8_105);
		for (const cp of general) expect(pending.has(cp), String.fromCodePoint(cp)).toBe(false);
		for (const c of ['喆', '堃', '𫖯']) expect(general).toContain(c.codePointAt(0)!);
		for (const c of ['暐', '琍', '煐', '㐀']) expect(pending.has(c.codePointAt(0)!), c).toBe(true);
	});

	it('refuses a rest of the wrong length and a file that is not a core', () => {
		expect(() => assembleFont(core, rest.subarray(1))).toThrow(/expected/);
		expect(() => assembleFont(rest)).toThrow(/not a contract font core/);
	});
});
