// One title pattern: the page's parts, most specific first, then the app's name, in either language.
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, pageTitle, withColon } from './index.svelte';

afterEach(() => {
	i18n.locale = 'zh-CN';
});

describe('pageTitle', () => {
	it('ends every title with the app name alone, and leaves a missing part out', () => {
		i18n.locale = 'zh-CN';
		expect(pageTitle('HT-20261201-0001', '打印合同')).toBe('HT-20261201-0001 · 打印合同 · 合同台');
		expect(pageTitle(undefined, '打印合同')).toBe('打印合同 · 合同台');
		i18n.locale = 'en';
		expect(pageTitle('Contracts')).toBe('Contracts · Contract Desk');
		expect(pageTitle(null, 'Verify')).toBe('Verify · Contract Desk');
	});
});

describe('withColon', () => {
	it('gives a label the colon of the language: full-width in Chinese, a colon and space in English', () => {
		i18n.locale = 'zh-CN';
		expect(withColon('生成时间')).toBe('生成时间：');
		i18n.locale = 'en';
		expect(withColon('Created')).toBe('Created: ');
	});
});
