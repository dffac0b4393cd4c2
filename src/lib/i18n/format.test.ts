// Message templates: placeholders filled, plural branches chosen by the language's rules.
import { describe, expect, it } from 'vitest';
import { formatMessage } from './format';

const ORDERS = '{count, plural, one {# order} other {# orders}}, total ¥{amount}';

describe('formatMessage', () => {
	it('fills placeholders and keeps unknown ones as written', () => {
		expect(formatMessage('{a} 与 {b}', { a: '甲' }, 'zh-CN')).toBe('甲 与 {b}');
	});

	it('picks the English singular for 1 and the plural otherwise', () => {
		expect(formatMessage(ORDERS, { count: 1, amount: '9.00' }, 'en')).toBe('1 order, total ¥9.00');
		expect(formatMessage(ORDERS, { count: 0, amount: '0.00' }, 'en')).toBe('0 orders, total ¥0.00');
		expect(formatMessage(ORDERS, { count: 21, amount: '1.00' }, 'en')).toBe('21 orders, total ¥1.00');
	});

	it('reads a count formatted for display and prints it as given', () => {
		expect(formatMessage('{n, plural, one {# page} other {# pages}}', { n: '1,001' }, 'en')).toBe('1,001 pages');
		expect(formatMessage('{n, plural, one {# page} other {# pages}}', { n: '1' }, 'en')).toBe('1 page');
	});

	it('prefers an exact branch and allows several plural groups and placeholders inside a branch', () => {
		const s = '{n, plural, =0 {none} one {# of {who}} other {# of {who}}}; {n, plural, one {it} other {them}}';
		expect(formatMessage(s, { n: 0, who: 'us' }, 'en')).toBe('none; them');
		expect(formatMessage(s, { n: 1, who: 'us' }, 'en')).toBe('1 of us; it');
	});

	it('uses the language of the text: Chinese has one form', () => {
		expect(formatMessage('{n, plural, other {# 个订单}}', { n: 1 }, 'zh-CN')).toBe('1 个订单');
	});
});
