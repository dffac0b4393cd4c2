// The 通用规范汉字表 list: read from Unihan's kTGH lines in the table's order, and the committed list is the whole table.
import { describe, expect, it } from 'vitest';
import { generalStandardCodePoints, parseTgh } from './general-standard-chars';

describe('general standard characters', () => {
	it('orders kTGH entries by their number in the table, ignoring other fields and comments', () => {
		const unihan = [
			'#\tkTGH',
			'U+5586\tkTGH\t2013:7294',
			'U+4E00\tkTGH\t2013:1',
			'U+4E00\tkGB0\t5027',
			'U+4E59\tkTGH\t2013:2'
		];
		expect(parseTgh(unihan.join('\n'))).toEqual(['一', '乙', '喆']);
	});

	it('the committed list holds 8,105 distinct characters, level 1 first', () => {
		const chars = generalStandardCodePoints().map((cp) => String.fromCodePoint(cp));
		expect(new Set(chars).size).toBe(8_105);
		expect(chars.slice(0, 3).join('')).toBe('一乙二');
		expect(chars.indexOf('喆')).toBe(7_293);
	});
});
