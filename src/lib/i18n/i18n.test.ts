import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage, i18n, t } from './index.svelte';
import { registry } from './registry';

// Message files registered lazily by the pages that need them: loaded here so the checks below cover them too.
const lazy = import.meta.glob(['../**/i18n.ts', '../**/i18n/*.ts', '!./**'], { eager: true });

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? sources(join(dir, e.name))
			: /\.(ts|svelte)$/.test(e.name) && !e.name.includes('.test.')
				? [join(dir, e.name)]
				: []
	);
}

describe('messages', () => {
	it('checks every lazily registered message file', () => {
		const lib = join(__dirname, '..');
		const registering = sources(lib)
			.filter((f) => !f.startsWith(__dirname) && readFileSync(f, 'utf8').includes('registry.add('))
			.map((f) => '../' + relative(lib, f).replaceAll('\\', '/'));
		expect(registering.length).toBeGreaterThan(0);
		expect(Object.keys(lazy).sort()).toEqual(registering.sort());
	});

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

	it('types every message file: keys.ts names each catalog, so its keys are MessageKeys', () => {
		const lib = join(__dirname, '..');
		const keysSource = readFileSync(join(__dirname, 'keys.ts'), 'utf8');
		const catalogs = sources(lib).filter(
			(f) => /defineMessages\(/.test(readFileSync(f, 'utf8')) && !f.endsWith('define.ts')
		);
		expect(catalogs.length).toBeGreaterThan(5);
		for (const file of catalogs) {
			const from = relative(__dirname, file).replaceAll('\\', '/').replace(/\.ts$/, '');
			expect(keysSource, file).toContain(`from '${from.startsWith('.') ? from : './' + from}'`);
		}
	});

	it('a misspelt key does not compile; keys made from data go through hasMessage', () => {
		// @ts-expect-error 'signInTitel' is no message key (svelte-check fails if this line ever compiles)
		expect(t('signInTitel')).toBe('signInTitel');
		expect(hasMessage('signInTitle')).toBe(true);
		expect(hasMessage('signInTitel')).toBe(false);
		const key = ['sign', 'In', 'Title'].join('');
		if (!hasMessage(key)) throw new Error('guard');
		expect(t(key)).toBe('登录合同台');
	});
});
