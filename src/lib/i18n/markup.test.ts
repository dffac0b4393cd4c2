// No words or punctuation typed into a component's markup: text comes from the catalogs, titles from pageTitle().
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '../..');

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []
	);
}

/** A Chinese character, or a mark that is punctuation in a sentence (a label's colon, a list's comma, brackets, quotes). */
const FORBIDDEN = /[\p{Script=Han}:：,，;；?？!！()（）「」“”"、。]/u;
/** Attributes a person reads or hears: their fixed text is text too. */
const READ = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-placeholder']);

type Node = { type: string; start: number; data?: string; name?: string; value?: unknown; [k: string]: unknown };

/** The string literals of an expression (template literals' fixed parts included). */
function literals(expression: unknown): string[] {
	const out: string[] = [];
	const walk = (v: unknown): void => {
		if (Array.isArray(v)) return v.forEach(walk);
		if (!v || typeof v !== 'object') return;
		const n = v as { type?: string; value?: unknown };
		if (n.type === 'Literal' && typeof n.value === 'string' && n.value.trim()) out.push(n.value.trim());
		if (n.type === 'TemplateElement') {
			const cooked = (n.value as { cooked?: string }).cooked?.trim();
			if (cooked) out.push(cooked);
		}
		Object.values(v).forEach(walk);
	};
	walk(expression);
	return out;
}

/** Typed text of a component's markup (text nodes, and the fixed part of read attributes), with its line. */
function typedText(source: string): { line: number; text: string }[] {
	const out: { line: number; text: string }[] = [];
	const at = (n: Node) => source.slice(0, n.start).split('\n').length;
	const visit = (v: unknown): void => {
		if (Array.isArray(v)) return v.forEach(visit);
		if (!v || typeof v !== 'object') return;
		const n = v as Node;
		if (n.type === 'Text' && (n.data ?? '').trim()) out.push({ line: at(n), text: n.data!.trim() });
		// A string written inside a {…} of the markup (`{i > 0 ? '，' : ''}`) is typed text too.
		if (n.type === 'ExpressionTag') out.push(...literals(n.expression).map((text) => ({ line: at(n), text })));
		for (const [key, child] of Object.entries(n)) {
			if (key === 'type' || !child || typeof child !== 'object') continue;
			// An attribute's text is a value (a class, a URL, a test id) unless a person reads it.
			if (key === 'attributes') {
				for (const a of child as Node[])
					if (a.type === 'Attribute' && READ.has(a.name ?? '') && typeof a.value === 'object') visit(a.value);
				continue;
			}
			visit(child);
		}
	};
	visit(parse(source, { modern: true }).fragment);
	return out;
}

/** Where a component types words or sentence punctuation into its markup. */
function typed(source: string): string[] {
	return typedText(source)
		.filter((x) => FORBIDDEN.test(x.text))
		.map((x) => `line ${x.line}: ${JSON.stringify(x.text)}`);
}

/** The `<title>` elements that are not one `{pageTitle(…)}`. */
function titles(source: string): string[] {
	const out: string[] = [];
	const visit = (v: unknown): void => {
		if (Array.isArray(v)) return v.forEach(visit);
		if (!v || typeof v !== 'object') return;
		const n = v as Node & { fragment?: { nodes: Node[] } };
		if (n.type === 'TitleElement') {
			const nodes = n.fragment?.nodes ?? [];
			const only = nodes.length === 1 && nodes[0]!.type === 'ExpressionTag' ? nodes[0]! : undefined;
			const call = only?.expression as { type: string; callee?: { name?: string } } | undefined;
			if (call?.type !== 'CallExpression' || call.callee?.name !== 'pageTitle')
				out.push(source.slice(n.start, (n as unknown as { end: number }).end));
		}
		for (const [key, child] of Object.entries(n))
			if (key !== 'type' && child && typeof child === 'object') visit(child);
	};
	visit(parse(source, { modern: true }).fragment);
	return out;
}

describe('component markup', () => {
	const files = svelteFiles(SRC);

	it('types no Chinese and no sentence punctuation outside comments: text and colons come from the catalogs', () => {
		expect(files.length).toBeGreaterThan(40);
		const found = files.flatMap((f) => typed(readFileSync(f, 'utf8')).map((p) => `${relative(SRC, f)} ${p}`));
		expect(found, found.join('\n')).toEqual([]);
	});

	it('sets every page title through pageTitle(), one pattern', () => {
		const found = files.flatMap((f) => titles(readFileSync(f, 'utf8')).map((p) => `${relative(SRC, f)}: ${p}`));
		expect(found, found.join('\n')).toEqual([]);
		expect(files.filter((f) => readFileSync(f, 'utf8').includes('<title>')).length).toBeGreaterThan(8);
	});

	it('would catch a typed label colon, a Chinese word, brackets, a read attribute and a title of its own', () => {
		expect(typed(`<p>{t('contractCreatedAt')}: <time>{x}</time></p>`)).toEqual(['line 1: ":"']);
		expect(typed(`<p>\n{t('a')}：{b}</p>`)).toEqual(['line 2: "："']);
		expect(typed(`<span>{s.name} <span class="muted">({s.number})</span></span>`)).toEqual([
			'line 1: "("',
			'line 1: ")"'
		]);
		expect(typed(`<button aria-label="关闭">×</button>`)).toEqual(['line 1: "关闭"']);
		expect(typed(`<p>合同已生效</p>`)).toEqual(['line 1: "合同已生效"']);
		expect(typed(`<p>{#each xs as x, i}{i > 0 ? '，' : ''}{x}{/each}</p>`)).toEqual(['line 1: "，"']);
		expect(typed(`<p>{xs.join(', ')}</p>`)).toEqual(['line 1: ","']);
		// Comments, scripts, styles, values of attributes and separators that are no sentence punctuation pass.
		expect(
			typed(
				`<!-- 注释：可以 --><script>const a = '甲：';</script><a href="/x?a=1" class="a:b">{t('x')} · {n} / {m} →</a><style>a::after{content:'：'}</style>`
			)
		).toEqual([]);
		expect(titles(`<svelte:head><title>{t('a')} · {t('appName')}</title></svelte:head>`)).toHaveLength(1);
		expect(titles(`<svelte:head><title>{pageTitle(t('a'))}</title></svelte:head>`)).toEqual([]);
	});
});
