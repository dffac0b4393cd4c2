// Capital amounts: the official examples and edge cases, plus a read-back property over random amounts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capitalAmount, parseCapitalAmount } from './capitalAmount';

const TABLE: [number, string][] = [
	[0, '零元整'],
	[1, '壹分'],
	[10, '壹角'],
	[11, '壹角壹分'],
	[100, '壹元整'],
	[101, '壹元零壹分'],
	[110, '壹元壹角'],
	[1000, '壹拾元整'],
	[1050, '壹拾元伍角'],
	[10000, '壹佰元整'],
	[10100, '壹佰零壹元整'],
	[100100, '壹仟零壹元整'],
	[101000, '壹仟零壹拾元整'],
	[1234567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
	[1000001, '壹万元零壹分'],
	[1000500, '壹万零伍元整'],
	[1005000, '壹万零伍拾元整'],
	[1050000, '壹万零伍佰元整'],
	[1500000, '壹万伍仟元整'],
	[10010000, '壹拾万零壹佰元整'],
	[10000000, '壹拾万元整'],
	[100000000, '壹佰万元整'],
	[168032, '壹仟陆佰捌拾元叁角贰分'],
	[10700053, '壹拾万柒仟元伍角叁分'],
	[600700000, '陆佰万柒仟元整'],
	[10000000000, '壹亿元整'],
	[10000010000, '壹亿零壹佰元整'],
	[10100000000, '壹亿零壹佰万元整'],
	[11000000000, '壹亿壹仟万元整'],
	[100000000000000, '壹万亿元整'],
	[100000001000000, '壹万亿零壹万元整'],
	[123456789012345, '壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分']
];

describe('capitalAmount', () => {
	it.each(TABLE)('%i fen → %s', (fen, expected) => {
		expect(capitalAmount(fen)).toBe(expected);
		expect(parseCapitalAmount(expected)).toBe(fen);
	});

	it('every amount up to 100 yuan reads back', () => {
		for (let fen = 0; fen <= 10000; fen++) expect(parseCapitalAmount(capitalAmount(fen))).toBe(fen);
	});

	it('refuses negative and fractional amounts', () => {
		expect(() => capitalAmount(-1)).toThrow(RangeError);
		expect(() => capitalAmount(1.5)).toThrow(RangeError);
	});

	it('round-trips random amounts up to 10^14 fen', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e14 }), (fen) => parseCapitalAmount(capitalAmount(fen)) === fen),
			{ numRuns: 5000 }
		);
	});

	it('never has two 零 in a row, never ends in 零, and 整 only without 角分', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
				const s = capitalAmount(fen);
				if (fen === 0) return;
				expect(s).not.toMatch(/零零|零[元万亿角]|零$|^零/);
				expect(s.endsWith('整')).toBe(fen % 100 === 0);
			}),
			{ numRuns: 3000 }
		);
	});
});
