// One vocabulary: no message of the app or the FAQ, and no PDF template from 2026.4 on, uses a word the glossary replaces.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AVOID, GLOSSARY, glossaryMessages, TERMS } from '../pwa/i18n/glossary';
import type { TemplateText } from '../pdf/templates/2026.3/text';
import { registry } from './registry';
import './index.svelte';

// Every message file, the lazily registered ones included (as i18n.test.ts loads them).
import.meta.glob(['../**/i18n.ts', '../**/i18n/*.ts', '!./**'], { eager: true });

/**
 * Template versions released before the glossary, frozen byte for byte by their golden tests: they keep 预付费 /
 * 后付费 (the glossary's definitions tell their readers). 2026.4 took the glossary's words; every later one must.
 */
const FROZEN_TEMPLATES = ['2026.1', '2026.2', '2026.3'];
const TEMPLATES = join(__dirname, '../pdf/templates');

// Each template version's text module: what its documents print besides the record's data.
const TEXTS = import.meta.glob<{ TEXT?: TemplateText }>('../pdf/templates/*/text.ts', { eager: true });

/** Every fixed string a template text can print: labels (functions given sample arguments), columns, clauses per kind. */
function printed(t: TemplateText): string[] {
	const out: string[] = [];
	const walk = (v: unknown): void => {
		if (typeof v === 'string') out.push(v);
		else if (typeof v === 'function') out.push(String((v as (...a: string[]) => unknown)('甲', '乙')));
		else if (v && typeof v === 'object') Object.values(v).forEach(walk);
	};
	const { articles, ...rest } = t;
	walk(rest);
	for (const kind of ['framework', 'filing', 'order'] as const)
		for (const a of articles(kind)) out.push(a.heading, ...a.paragraphs);
	return out;
}

/** Where a template text uses a word the glossary replaces. */
function replacedWords(t: TemplateText): string[] {
	return printed(t).flatMap((s) =>
		AVOID.filter((a) => a.locale === 'zh-CN' && !a.appOnly && a.variant.test(s)).map(
			(a) => `"${s.match(a.variant)![0]}" → ${a.use} in 「${s}」`
		)
	);
}

describe('glossary', () => {
	it('defines each term with its explanation in both languages', () => {
		for (const term of TERMS) {
			for (const locale of ['zh-CN', 'en'] as const) {
				expect(glossaryMessages[locale][`term_${term}`], `${locale} term_${term}`).toBeTruthy();
				expect(glossaryMessages[locale][`term_${term}Def`], `${locale} term_${term}Def`).toBeTruthy();
			}
		}
		// The app's labels are the glossary's terms.
		expect(registry.lookup('zh-CN', 'billing_prepaid')).toBe(glossaryMessages['zh-CN'].term_prepaid);
		expect(registry.lookup('zh-CN', 'billing_postpaid')).toBe(glossaryMessages['zh-CN'].term_postpaid);
		expect(registry.lookup('en', 'billing_prepaid')).toBe(glossaryMessages.en.term_prepaid);
		expect(registry.lookup('en', 'billing_postpaid')).toBe(glossaryMessages.en.term_postpaid);
		// Readers of the frozen PDFs learn their words: the note names the last template that prints them.
		const last = FROZEN_TEMPLATES.at(-1)!;
		for (const term of ['prepaid', 'postpaid'] as const) {
			expect(glossaryMessages['zh-CN'][`term_${term}Def`]).toContain(`模板 ${last} 及以前`);
			expect(glossaryMessages.en[`term_${term}Def`]).toContain(`template ${last} and before`);
		}
	});

	it('no message uses a replaced word (the glossary itself names them, for readers of older PDFs)', () => {
		const own = new Set(Object.keys(glossaryMessages['zh-CN']));
		const found: string[] = [];
		for (const { locale, variant, use } of AVOID) {
			for (const key of registry.keys(locale)) {
				if (own.has(key)) continue;
				const text = registry.lookup(locale, key);
				if (variant.test(text)) found.push(`${locale} ${key}: "${text.match(variant)![0]}" → ${use}`);
			}
		}
		expect(found).toEqual([]);
	});

	it('catches a replaced word where it appears', () => {
		const zh = (s: string) => AVOID.filter((a) => a.locale === 'zh-CN' && a.variant.test(s)).map((a) => a.use);
		expect(zh('请填写寄回地址')).toEqual(['回寄地址']);
		expect(zh('办理商业性备案')).toEqual(['经营性备案']);
		expect(zh('计费方式：预付费')).toEqual(['包年包月']);
		expect(zh('包年包月（预付费）和按量计费（后付费）')).toEqual([]);
		expect(zh('盖章后寄回给您')).toEqual([]);
		expect(zh('申请纸质盖章')).toEqual(['线下盖章申请 / 纸质合同']);
		expect(zh('线下盖章申请')).toEqual([]);
		expect(zh('申请带备案附件的合同')).toEqual(['备案信息附件']);
		expect(zh('申请带订单信息附件的合同')).toEqual([]);
		const en = (s: string) => AVOID.filter((a) => a.locale === 'en' && a.variant.test(s)).map((a) => a.use);
		expect(en('Request a stamped paper copy')).toEqual(['paper contract / stamping request']);
		expect(en('1 paper-copy request')).toEqual(['paper contract / stamping request']);
		expect(en('a contract with a filing attachment')).toEqual(['with filing/order attachment']);
		expect(en('Contract with order attachment')).toEqual([]);
	});

	it('has one row per concept: distinct ids and words, each with its FAQ entry', () => {
		for (const key of ['id', 'zh', 'en'] as const)
			expect(new Set(GLOSSARY.map((g) => g[key])).size, key).toBe(GLOSSARY.length);
		expect(TERMS).toEqual(GLOSSARY.map((g) => g.id));
		// No row's own word is a variant the glossary forbids.
		for (const g of GLOSSARY) {
			expect(
				AVOID.filter((a) => a.locale === 'zh-CN' && a.variant.test(g.zh)).map((a) => a.use),
				g.zh
			).toEqual([]);
			expect(
				AVOID.filter((a) => a.locale === 'en' && a.variant.test(g.en)).map((a) => a.use),
				g.en
			).toEqual([]);
		}
	});

	it('PDF templates after the frozen ones use the glossary terms', () => {
		const versions = readdirSync(TEMPLATES, { withFileTypes: true })
			.filter((e) => e.isDirectory())
			.map((e) => e.name);
		expect(versions).toEqual(expect.arrayContaining([...FROZEN_TEMPLATES, '2026.4']));
		const found: string[] = [];
		for (const version of versions.filter((v) => !FROZEN_TEMPLATES.includes(v))) {
			for (const file of readdirSync(join(TEMPLATES, version)).filter(
				(f) => f.endsWith('.ts') && !f.includes('.test.')
			)) {
				const source = readFileSync(join(TEMPLATES, version, file), 'utf8');
				for (const { locale, variant, use, appOnly } of AVOID) {
					if (locale === 'zh-CN' && !appOnly && variant.test(source))
						found.push(`${version}/${file}: "${source.match(variant)![0]}" → ${use}`);
				}
			}
		}
		expect(found).toEqual([]);
	});

	it('what the PDF templates after the frozen ones print uses the glossary terms (a reused older text included)', () => {
		const versions = Object.keys(TEXTS).map((path) => path.split('/').at(-2)!);
		expect(versions).toEqual(expect.arrayContaining([...FROZEN_TEMPLATES, '2026.4']));
		for (const [path, module] of Object.entries(TEXTS)) {
			const version = path.split('/').at(-2)!;
			if (FROZEN_TEMPLATES.includes(version)) continue;
			expect(module.TEXT, `${version}/text.ts exports its TEXT`).toBeDefined();
			expect(replacedWords(module.TEXT!), version).toEqual([]);
		}
	});

	it('would catch 预付费 in a template text, except as 包年包月（预付费）', () => {
		const latest = TEXTS['../pdf/templates/2026.4/text.ts']!.TEXT!;
		expect(printed(latest).some((s) => s.includes('包年包月（预付费）'))).toBe(true);
		expect(replacedWords({ ...latest, LABELS: { ...latest.LABELS, prepaid: '预付费' } })).toEqual([
			'"预付费" → 包年包月 in 「预付费」'
		]);
		const reverted: TemplateText = {
			...latest,
			articles: (kind) =>
				latest
					.articles(kind)
					.map((a) => ({ ...a, paragraphs: a.paragraphs.map((p) => p.replace('包年包月服务', '预付费服务')) }))
		};
		expect(replacedWords(reverted).length).toBe(3);
		// 2026.3 itself, were it not frozen, prints them: the frozen list is what lets it.
		expect(replacedWords(TEXTS['../pdf/templates/2026.3/text.ts']!.TEXT!).length).toBeGreaterThan(0);
	});
});
