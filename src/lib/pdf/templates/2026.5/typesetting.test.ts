// A party's name on 2026.5's execution page: shrunk to fit down to 小五, else broken at its brackets, else even lines, never one character alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LONG_NAMES } from '../../examples';
import { TYPESETTING_2026_3 } from '../2026.3/layout';
import { isLone } from './lineBreak';
import { balancedLines, fitName, fitSize, NAME_FLOOR, TYPESETTING_2026_5 } from './typesetting';

// A 1 em face: CJK one em, ASCII half; the name's box of the real page (column less 「甲方（盖章）：」) is 156 pt.
const units = (s: string) => [...s].reduce((w, c) => w + (c.codePointAt(0)! < 0x2000 ? 0.5 : 1), 0);
const measure = (s: string, size: number) => units(s) * size;
const BOX = 156.14;
const BODY = 10.5;

describe('fitName', () => {
	it('sets a name that fits at the body size as it is', () => {
		expect(fitName('云栈数据科技（深圳）有限公司', BOX, BODY, measure)).toEqual([
			{ text: '云栈数据科技（深圳）有限公司', size: BODY }
		]);
	});

	it('shrinks 深圳市喆堃珺玥网络科技有限公司 onto one line, where 2026.3 left 「司」 alone', () => {
		const name = LONG_NAMES.justOver;
		expect(TYPESETTING_2026_3.name(name, BOX, BODY, measure).map((l) => l.text)).toEqual([name.slice(0, -1), '司']);
		const [line, ...more] = fitName(name, BOX, BODY, measure);
		expect(more).toEqual([]);
		expect(line).toEqual({ text: name, size: 10.25 });
		expect(measure(name, line!.size)).toBeLessThanOrEqual(BOX);
	});

	it('shrinks no further than 小五: a name of 18 characters still fits on one line, at 8.5 pt it would not be allowed', () => {
		expect(fitName('一'.repeat(17), BOX, BODY, measure)).toEqual([{ text: '一'.repeat(17), size: 9 }]);
		expect(fitSize('一'.repeat(18), BOX, BODY, measure)).toBeLessThan(NAME_FLOOR);
		expect(fitName('一'.repeat(18), BOX, BODY, measure).length).toBe(2);
	});

	it('breaks a bracketed name before its bracket, both lines at one size', () => {
		expect(fitName(LONG_NAMES.bracketed, BOX, BODY, measure)).toEqual([
			{ text: '云栈数据科技集团股份有限公司', size: BODY },
			{ text: '（深圳前海分公司）', size: BODY }
		]);
		// After the closing bracket too, shrinking both lines as little as it takes.
		const name = '喆堃珺玥（深圳前海）云计算科技股份有限公司第一分公司';
		const lines = fitName(name, BOX, BODY, measure);
		expect(lines.map((l) => l.text)).toEqual(['喆堃珺玥（深圳前海）', '云计算科技股份有限公司第一分公司']);
		expect(lines[0]!.size).toBe(lines[1]!.size);
		expect(lines[0]!.size).toBe(9.75);
	});

	it('sets a name too long for any size in even lines at the body size (37 characters: 13 + 13 + 11)', () => {
		const lines = fitName(LONG_NAMES.unbroken, BOX, BODY, measure);
		expect(lines.every((l) => l.size === BODY)).toBe(true);
		expect(lines.length).toBe(3);
		// Greedy lines would be 14 + 14 + 9; even ones are no longer than a third of the name.
		expect(lines.map((l) => [...l.text].length)).toEqual([13, 13, 11]);
		expect(lines.map((l) => l.text).join('')).toBe(LONG_NAMES.unbroken);
	});

	it('keeps a bracketed name that needs more than two lines even, at its brackets only when that costs no line', () => {
		const lines = fitName(LONG_NAMES.longBracketed, BOX, BODY, measure).map((l) => l.text);
		expect(lines.join('')).toBe(LONG_NAMES.longBracketed);
		expect(lines.length).toBe(2);
		expect(lines.every((l) => !isLone(l))).toBe(true);
	});

	it('never leaves one character alone on a line, and never overflows its box, for any name up to 100 characters', () => {
		const chars = [...'深圳市喆堃珺玥网络科技有限公司云栈数据集团股份分'];
		const nameArb = fc
			.array(
				fc.oneof(
					{ weight: 12, arbitrary: fc.constantFrom(...chars) },
					{ weight: 1, arbitrary: fc.constantFrom('（', '）') }
				),
				{
					minLength: 2,
					maxLength: 100
				}
			)
			.map((a) => a.join(''));
		fc.assert(
			fc.property(nameArb, fc.integer({ min: 80, max: 240 }), (name, box) => {
				const lines = fitName(name, box, BODY, measure);
				expect(lines.map((l) => l.text).join('')).toBe(name);
				for (const l of lines) {
					expect(measure(l.text, l.size)).toBeLessThanOrEqual(box);
					expect(l.size).toBeGreaterThanOrEqual(NAME_FLOOR);
					if (lines.length > 1) expect(isLone(l.text), lines.map((x) => x.text).join('|')).toBe(false);
				}
			}),
			{ numRuns: 1500 }
		);
	});
});

describe('balancedLines', () => {
	it('takes as many lines as greedy filling, made even', () => {
		const text = '一'.repeat(25);
		expect(balancedLines(text, 15, units)).toEqual(['一'.repeat(13), '一'.repeat(12)]);
	});
});

describe('TYPESETTING_2026_5', () => {
	it('breaks a paragraph with its indented first line and no lone character at the end', () => {
		const text = '一二三四五六七八九十一二三四五六七八九';
		expect(TYPESETTING_2026_5.paragraph(text, 8, 10, units)).toEqual([
			'一二三四五六七八',
			'九十一二三四五六七',
			'八九'
		]);
		expect(TYPESETTING_2026_5.lines('该义务在本协议终止后继续有效；', 13, units)).toEqual([
			'该义务在本协议终止后继续',
			'有效；'
		]);
	});
});
