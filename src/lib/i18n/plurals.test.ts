// English counts agree with their number: no "(s)", no "1 results"; every plural message reads right for 1 and for 2.
import { describe, expect, it } from 'vitest';
import { registry } from './registry';
import { formatMessage } from './format';
import './index.svelte';

import.meta.glob(['../**/i18n.ts', '../**/i18n/*.ts', '!./**'], { eager: true });

/** Where an English message puts a count straight before a plural noun or verb instead of choosing by the count. */
function unagreed(template: string): string[] {
	const out: string[] = [];
	if (template.includes('(s)')) out.push('"(s)"');
	for (const m of template.matchAll(/\{(count|n|total|done|left|added|skipped|kept|updated|refused)\} ([a-z]+)/g))
		if (/^[a-z]{2,}(?<!s)s$|^(are|have|were)$/.test(m[2]!)) out.push(`"${m[0]}"`);
	return out;
}

describe('English plurals', () => {
	it('no English message writes a count without agreeing with it', () => {
		const found = registry.keys('en').flatMap((key) => unagreed(registry.lookup('en', key)).map((u) => `${key}: ${u}`));
		expect(found, found.join('\n')).toEqual([]);
	});

	it('every plural message fills for one and for many, no group left unfilled', () => {
		const plural = registry.keys('en').filter((key) => registry.lookup('en', key).includes(', plural,'));
		expect(plural.length).toBeGreaterThan(15);
		for (const key of plural) {
			const template = registry.lookup('en', key);
			const params = Object.fromEntries([...template.matchAll(/\{\s*(\w+)/g)].map((m) => [m[1]!, 1]));
			for (const n of [1, 2]) {
				const text = formatMessage(template, Object.fromEntries(Object.keys(params).map((k) => [k, n])), 'en');
				expect(text, `${key} ${n}`).not.toMatch(/[{}#]/);
			}
		}
		const home = registry.lookup('en', 'homeNeeds_returned');
		expect(formatMessage(home, { count: 1 }, 'en')).toBe('1 stamped contract returned');
		expect(formatMessage(home, { count: 3 }, 'en')).toBe('3 stamped contracts returned');
		expect(formatMessage(registry.lookup('en', 'resultsCount'), { count: 1 }, 'en')).toBe('1 result');
	});

	it('would catch "(s)", "1 results" and "are" after a bare count', () => {
		expect(unagreed('{count} stamped contract(s) returned')).toEqual(['"(s)"']);
		expect(unagreed('{count} results')).toEqual(['"{count} results"']);
		expect(unagreed('{count} are selected')).toEqual(['"{count} are"']);
		expect(unagreed('{count} of them, {n} class')).toEqual([]);
		expect(unagreed('{n} s')).toEqual([]);
		expect(unagreed('{count} submissions are kept')).toEqual(['"{count} submissions"']);
		expect(unagreed('{count, plural, one {# result} other {# results}}')).toEqual([]);
	});
});
