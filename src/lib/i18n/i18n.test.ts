import { describe, expect, it } from 'vitest';
import { i18n, t } from './index.svelte';
import { registry } from './registry';

describe('messages', () => {
	it('has an English text for every zh-CN key, and no empty text', () => {
		const zh = registry.keys('zh-CN');
		expect(zh.length).toBeGreaterThan(50);
		expect(registry.keys('en').sort()).toEqual([...zh].sort());
		for (const key of zh) {
			expect(registry.lookup('zh-CN', key).trim(), key).not.toBe('');
			expect(registry.lookup('en', key).trim(), key).not.toBe('');
		}
	});

	it('switches language and fills parameters', () => {
		i18n.locale = 'zh-CN';
		expect(t('pageOf', { page: 2, pages: 5 })).toBe('第 2 页，共 5 页');
		i18n.locale = 'en';
		expect(t('pageOf', { page: 2, pages: 5 })).toBe('Page 2 of 5');
		i18n.locale = 'zh-CN';
	});
});
