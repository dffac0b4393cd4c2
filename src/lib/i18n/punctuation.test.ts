// Chinese set as Chinese: no zh-CN message, and no text of a PDF template after 2026.4, puts a half-width mark beside Chinese.
import { describe, expect, it } from 'vitest';
import { registry } from './registry';
import { halfWidthBesideChinese } from './punctuation';
import { formatMessage } from './format';
import './index.svelte';

// Every message file, the lazily registered ones included (as i18n.test.ts loads them).
import.meta.glob(['../**/i18n.ts', '../**/i18n/*.ts', '!./**'], { eager: true });

// Each template version's text module: a version newer than the last one released before this rule is checked.
const TEXTS = import.meta.glob<Record<string, unknown>>('../pdf/templates/*/text.ts', { eager: true });
const CHECKED_AFTER = [2026, 4];
const KINDS = ['framework', 'filing', 'order'] as const;

const newer = (version: string) => {
	const [y = 0, n = 0] = version.split('.').map(Number);
	return y > CHECKED_AFTER[0]! || (y === CHECKED_AFTER[0] && n > CHECKED_AFTER[1]!);
};

/** A message as shown, its placeholders (user data, numbers) filled with a neutral `0`, for one and for many. */
function shown(template: string): string[] {
	const params = Object.fromEntries([...template.matchAll(/\{\s*(\w+)/g)].map((m) => [m[1]!, 0]));
	return [
		formatMessage(template, params, 'zh-CN'),
		formatMessage(template, { ...params, ...count(params, 2) }, 'zh-CN')
	];
}
const count = (params: Record<string, number>, n: number) => Object.fromEntries(Object.keys(params).map((k) => [k, n]));

/**
 * Every fixed string a template text module can print: its labels (functions given a neutral `0` for their data, or a
 * contract kind), columns, headings and each kind's clauses, whatever the version names its exports.
 */
function printed(module: Record<string, unknown>): string[] {
	const out: string[] = [];
	const seen = new Set<unknown>();
	const walk = (v: unknown): void => {
		if (typeof v === 'string') out.push(v);
		else if (typeof v === 'function') {
			for (const args of [['0', '0', '0'], ...KINDS.map((k) => [k])]) {
				try {
					walk((v as (...a: string[]) => unknown)(...args));
				} catch {
					// A function of another argument (a kind, not data): the other call covers it.
				}
			}
		} else if (v && typeof v === 'object' && !seen.has(v)) {
			seen.add(v);
			Object.values(v).forEach(walk);
		}
	};
	walk(module);
	return [...new Set(out)];
}

const offences = (texts: string[]) =>
	texts.flatMap((s) => halfWidthBesideChinese(s).map((pair) => `「${pair}」 in 「${s}」`));

describe('Chinese punctuation', () => {
	it('every zh-CN message uses full-width marks beside Chinese', () => {
		const keys = registry.keys('zh-CN');
		expect(keys.length).toBeGreaterThan(300);
		const found = keys.flatMap((key) => offences(shown(registry.lookup('zh-CN', key))).map((o) => `${key}: ${o}`));
		expect(found, found.join('\n')).toEqual([]);
	});

	it('the text of every PDF template after 2026.4 uses full-width marks beside Chinese', () => {
		const versions = Object.keys(TEXTS).map((path) => path.split('/').at(-2)!);
		expect(versions).toContain('2026.4');
		for (const [path, module] of Object.entries(TEXTS)) {
			const version = path.split('/').at(-2)!;
			if (!newer(version)) continue;
			const texts = printed(module);
			// The clauses are there: a module whose text the walk cannot reach would pass without being read.
			expect(texts.join('').length, version).toBeGreaterThan(2000);
			expect(offences(texts), version).toEqual([]);
		}
	});

	it('picks template versions by number, so the next one is checked without editing this test', () => {
		expect(['2026.1', '2026.4', '2026.5', '2026.10', '2027.1'].filter(newer)).toEqual(['2026.5', '2026.10', '2027.1']);
		// The walk reaches labels, label functions and each kind's clauses of a released text.
		const texts = printed(TEXTS['../pdf/templates/2026.4/text.ts']!);
		expect(texts.some((s) => s.includes('包年包月（预付费）'))).toBe(true);
		expect(texts.length).toBeGreaterThan(100);
		const bad = {
			LABELS: { createdAt: '生成时间:' },
			articles: () => [{ heading: '第一条 (定义)', paragraphs: ['以订单为准,'] }]
		};
		expect(offences(printed(bad))).toEqual([
			'「间:」 in 「生成时间:」',
			'「(定」 in 「第一条 (定义)」',
			'「义)」 in 「第一条 (定义)」',
			'「准,」 in 「以订单为准,」'
		]);
	});

	it('catches each half-width mark beside Chinese and lets numbers, times, Latin text, URLs and data pass', () => {
		for (const bad of [
			'生成时间: 0',
			'附件:',
			'是否继续?',
			'完成!',
			'甲方;乙方',
			'甲方,乙方',
			'站点(0)',
			'点击“确定”',
			'合同 (草稿)'
		])
			expect(halfWidthBesideChinese(bad), bad).not.toEqual([]);
		for (const good of [
			'生成时间：10:30',
			'共 1,000 个订单（合计 ¥1,234.50）',
			'请访问 https://example.cn/verify?a=b,c 查看',
			'合同 HT-20261201-0001 (draft) 已生成',
			'粤ICP备2024003141号-1',
			'「实际大小」'
		])
			expect(halfWidthBesideChinese(good), good).toEqual([]);
		// A placeholder is data: what the template writes around it still counts.
		expect(offences(shown('截止:{date}'))).not.toEqual([]);
		expect(offences(shown('{count} 个订单，合计 ¥{amount}'))).toEqual([]);
	});
});
