// 2026.5's line breaking: a last line never holds one character alone (the clauses' 「…以订单为/准。」), 2026.3's rules otherwise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TYPESETTING_2026_3 } from '../2026.3/layout';
import { breakLines as breakLines2026_3 } from '../2026.3/lineBreak';
import { measure } from '../../../../../tests/support/lib/pdf/line-break';
import { breakLines, CLOSING, isLone, OPENING, weight } from './lineBreak';

describe('a lone character', () => {
	it('counts punctuation with the character before it', () => {
		expect(['准。', '效；', '司', '则）。', ' 准。 '].map(isLone)).toEqual([true, true, true, true, true]);
		expect(['为准。', '有效；', '公司', '（深圳）', '15号'].map(isLone)).toEqual([false, false, false, false, false]);
		expect(weight('「云服务」指')).toBe(4);
	});
});

describe('breakLines of 2026.5', () => {
	// Clause 2.1 at 43 characters a line, as 2026.4 set it: 「…以订单/为准。」 became 「…以订单为/准。」.
	const clause = '2.1 乙方按照订单及乙方公布的产品说明向甲方提供云服务；具体服务范围、规格与期限以订单为准。';

	it('pulls a character down when the last line would hold one: 「以订单为/准。」 becomes 「以订单/为准。」', () => {
		const width = measure(clause) - measure('准。');
		const before = breakLines2026_3(clause, width, measure);
		expect(before.at(-1)).toBe('准。');
		const after = breakLines(clause, width, measure);
		expect(after.at(-1)).toBe('为准。');
		expect(after.length).toBe(2);
		expect(after.join('')).toBe(clause);
		expect(after.every((l) => measure(l) <= width)).toBe(true);
	});

	it('「…继续有/效；」 ends 「…继续/有效；」 and 「（不含冲突法规/则）。」 ends 「…冲突法/规则）。」', () => {
		expect(breakLines('该义务在本协议终止后继续有效；', 13, measure)).toEqual(['该义务在本协议终止后继续', '有效；']);
		expect(breakLines('适用中华人民共和国法律（不含冲突法规则）。', 18, measure)).toEqual([
			'适用中华人民共和国法律（不含冲突法',
			'规则）。'
		]);
	});

	it('sets everything else as 2026.3 does', () => {
		for (const [text, width] of [
			[clause, 20],
			['甲乙双方（以下简称', 5],
			['订单号20260101123456已付款', 8],
			['地址Øresund Straße 5', 8],
			['', 5]
		] as const)
			expect(breakLines(text, width, measure)).toEqual(breakLines2026_3(text, width, measure));
	});

	it('never starts a line with a closing mark when it pulls down: the mark stays with its character', () => {
		const lines = breakLines('甲乙双方经友好协商一致，', 11, measure);
		expect(lines).toEqual(['甲乙双方经友好协商', '一致，']);
	});

	it('takes a Latin word down whole when it ends the line before (云数据库 RDS MySQL/版 → RDS/MySQL 版)', () => {
		expect(breakLines('云数据库 RDS MySQL 版', 9, measure)).toEqual(['云数据库 RDS ', 'MySQL 版']);
	});

	it('splits the last character off a run longer than a line (a URL) rather than leave one alone', () => {
		const url = 'https://contracts.example/verify/HT-20260315-5F0C7D2E8A414B6F#abcdef0';
		const width = (measure(url) - 0.5) / 2;
		const lines = breakLines(url, width, measure);
		expect(lines.join('')).toBe(url);
		expect(lines.every((l) => measure(l) <= width)).toBe(true);
		expect([...lines.at(-1)!].length).toBeGreaterThanOrEqual(2);
	});

	it('gives the first line its own width (an indented paragraph) and keeps the rule', () => {
		const text = '一二三四五六七八九十一二三四五六七八九';
		const widths = (i: number) => (i === 0 ? 8 : 10);
		// 2026.3's paragraph: 8 on the indented line, 10, and 「九」 alone.
		expect(TYPESETTING_2026_3.paragraph(text, 8, 10, measure)).toEqual([
			'一二三四五六七八',
			'九十一二三四五六七八',
			'九'
		]);
		expect(breakLines(text, widths, measure)).toEqual(['一二三四五六七八', '九十一二三四五六七', '八九']);
		expect(breakLines(text + '十', widths, measure)).toEqual(['一二三四五六七八', '九十一二三四五六七八', '九十']);
	});

	it('leaves a lone character when the line before has nothing to give', () => {
		expect(breakLines('甲乙。', 2, measure)).toEqual(['甲', '乙。']);
	});
});

// Chinese characters with single marks between them (no two marks in a row), at 10 units or wider: every
// segment is at most three units and holds one character, so the line before always has one to give.
const CHARS = [...'甲乙双方协议服务数据喆堃珺玥云计算订单为准效'];
const MARKS = [...CLOSING]
	.filter((c) => c.codePointAt(0)! > 0x2000)
	.concat([...OPENING].filter((c) => c.codePointAt(0)! > 0x2000));
const textArb = fc
	.array(fc.tuple(fc.constantFrom(...CHARS), fc.option(fc.constantFrom(...MARKS), { nil: '' })), {
		minLength: 1,
		maxLength: 90
	})
	.map((pairs) => pairs.map(([c, m]) => c + m).join(''));

describe('breakLines of 2026.5, properties', () => {
	it('gives the text back, keeps every line in its width and the marks where 禁则 wants them, and never ends on a lone character', () => {
		fc.assert(
			fc.property(textArb, fc.integer({ min: 10, max: 30 }), fc.integer({ min: 0, max: 4 }), (text, width, indent) => {
				const widthOf = (i: number) => (i === 0 ? width - indent : width);
				const lines = breakLines(text, widthOf, measure);
				expect(lines.join('')).toBe(text);
				lines.forEach((line, i) => {
					const chars = [...line];
					expect(measure(line)).toBeLessThanOrEqual(widthOf(i));
					if (i > 0) expect(CLOSING.has(chars[0]!)).toBe(false);
					if (i < lines.length - 1) expect(OPENING.has(chars.at(-1)!)).toBe(false);
				});
				if (lines.length > 1) expect(isLone(lines.at(-1)!), lines.join('|')).toBe(false);
			}),
			{ numRuns: 3000 }
		);
	});

	it('changes only the last two lines, and only when 2026.3 would end on a lone character', () => {
		fc.assert(
			fc.property(textArb, fc.integer({ min: 10, max: 30 }), (text, width) => {
				const before = breakLines2026_3(text, width, measure);
				const after = breakLines(text, width, measure);
				if (before.length < 2 || !isLone(before.at(-1)!)) expect(after).toEqual(before);
				else {
					expect(after.slice(0, -2)).toEqual(before.slice(0, -2));
					expect(after.length).toBe(before.length);
				}
			}),
			{ numRuns: 3000 }
		);
	});
});
