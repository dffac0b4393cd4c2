// The line-breaking tests of the template versions: table cases for the punctuation rules and runs, and properties over random mixed text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOSING, type Measure, OPENING } from '../../../../src/lib/pdf/templates/2026.1/lineBreak';

/** CJK characters are one unit wide, ASCII half a unit: close to the real font and additive. */
export const measure: Measure = (s) => [...s].reduce((w, c) => w + (c.codePointAt(0)! < 0x2000 ? 0.5 : 1), 0);

/** Line breaking with 2026.1's rules (禁则, runs kept whole), as 2026.2 and 2026.3 set lines. */
export type BreakLines = (text: string, maxWidth: number, measure: Measure) => string[];

/** The cases every version that breaks lines greedily by 2026.1's rules passes; a version's own stay in its lineBreak.test.ts. */
export function describeLineBreak(version: string, breakLines: BreakLines): void {
	describe(`breakLines of ${version}: table`, () => {
		const cases: [string, number, string[]][] = [
			['甲乙双方经友好协商达成如下协议', 5, ['甲乙双方经', '友好协商达', '成如下协议']],
			// 。 would start line 2: 致 goes along with it.
			['甲乙双方协商一致。以资遵守', 7, ['甲乙双方协商一', '致。以资遵守']],
			['甲乙双方协商一致。以资遵守', 6, ['甲乙双方协商', '一致。以资遵', '守']],
			// An opening bracket never ends a line.
			['甲乙双方（以下简称', 5, ['甲乙双方', '（以下简称']],
			// Runs of digits/Latin stay whole.
			['订单号20260101123456已付', 8, ['订单号', '20260101123456已', '付']],
			['域名www.example.com备案', 9, ['域名', 'www.example.com备', '案']],
			['金额1,234.56元', 5, ['金额', '1,234.56元']],
			['', 5, ['']],
			// A run longer than a line is split by characters.
			['abcdefghijklmnopqrstuvwxyz', 4, ['abcdefgh', 'ijklmnop', 'qrstuvwx', 'yz']]
		];

		it.each(cases)('%s / %d', (text, width, expected) => {
			expect(breakLines(text, width, measure)).toEqual(expected);
		});

		it('keeps a comma off the next line by moving the last character with it', () => {
			const lines = breakLines('甲乙双方，协商', 4, measure);
			expect(lines.join('')).toBe('甲乙双方，协商');
			expect(lines.every((l, i) => i === 0 || !CLOSING.has([...l][0]!))).toBe(true);
		});

		it('fills lines to the margin', () => {
			const lines = breakLines('一二三四五六七八九十一二三四五六七八九十', 7, measure);
			expect(lines.slice(0, -1).every((l) => measure(l) === 7)).toBe(true);
		});

		it('treats rare and astral characters as single characters', () => {
			expect(breakLines('张喆𠀀堃珺玥', 2, measure)).toEqual(['张喆', '𠀀堃', '珺玥']);
		});
	});

	const alphabet = [...'甲乙双方协议服务数据喆堃珺玥云计算', ...CLOSING, ...OPENING, ...'abcXYZ0123456789.@-_ ', '𠀀'];
	const textArb = fc.array(fc.constantFrom(...alphabet), { maxLength: 120 }).map((a) => a.join(''));

	describe(`breakLines of ${version}: properties`, () => {
		it('joining the lines gives the input back', () => {
			fc.assert(
				fc.property(textArb, fc.integer({ min: 1, max: 30 }), (text, width) => {
					expect(breakLines(text, width, measure).join('')).toBe(text);
				}),
				{ numRuns: 2000 }
			);
		});

		it('no line is wider than the width unless it is one unbreakable piece', () => {
			fc.assert(
				fc.property(textArb, fc.integer({ min: 3, max: 30 }), (text, width) => {
					for (const line of breakLines(text, width, measure)) {
						if (measure(line.trimEnd()) <= width) continue;
						// Over-wide lines only come from glued marks around one character or run (at most 2 extra per side here).
						expect(line.trim()).not.toMatch(/[\u4e00-\u9fff].*[\u4e00-\u9fff]/u);
					}
				}),
				{ numRuns: 2000 }
			);
		});

		it('no line but the first starts with a closing mark, no line but the last ends with an opening mark', () => {
			fc.assert(
				fc.property(textArb, fc.integer({ min: 3, max: 30 }), (text, width) => {
					const lines = breakLines(text, width, measure);
					lines.forEach((line, i) => {
						const chars = [...line];
						if (i > 0) expect(CLOSING.has(chars[0]!)).toBe(false);
						if (i < lines.length - 1) expect(OPENING.has(chars[chars.length - 1]!)).toBe(false);
					});
				}),
				{ numRuns: 2000 }
			);
		});

		it('never splits a run of digits and letters shorter than a line', () => {
			fc.assert(
				fc.property(
					fc.stringMatching(/^[0-9a-z]{1,12}$/),
					fc.array(fc.constantFrom(...'甲乙双方协议'), { maxLength: 30 }).map((a) => a.join('')),
					fc.array(fc.constantFrom(...'服务数据'), { maxLength: 30 }).map((a) => a.join('')),
					fc.integer({ min: 7, max: 20 }),
					(run, before, after, width) => {
						const lines = breakLines(before + run + after, width, measure);
						expect(lines.some((l) => l.includes(run))).toBe(true);
					}
				),
				{ numRuns: 1000 }
			);
		});
	});
}
