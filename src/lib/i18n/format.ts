// Fills a message template: `{name}` placeholders, and `{count, plural, one {…} other {…}}` chosen by Intl.PluralRules.
import type { Locale } from './registry';

export type Params = Record<string, string | number>;

const rules = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
	let r = rules.get(locale);
	if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
	return r;
}

/** The `{…}` group opening at `open`: its end (index after the closing brace), braces inside counted. */
function groupEnd(s: string, open: number): number {
	let depth = 0;
	for (let i = open; i < s.length; i++) {
		if (s[i] === '{') depth++;
		else if (s[i] === '}' && --depth === 0) return i + 1;
	}
	return -1;
}

/**
 * The branch of `{name, plural, one {…} other {…}}` for the count (`=0`-style exact ones first); `#` is the count as
 * given (a number already formatted for the locale, `1,234`, stays so).
 */
function plural(body: string, value: string | number, locale: Locale): string | undefined {
	const count = typeof value === 'number' ? value : Number(value.replace(/[\s,\u00a0\u202f]/g, ''));
	if (!Number.isFinite(count)) return undefined;
	const branches = new Map<string, string>();
	const re = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
	let at = 0;
	for (let m = re.exec(body); m; m = re.exec(body)) {
		const open = re.lastIndex - 1;
		const end = groupEnd(body, open);
		if (end < 0) return undefined;
		branches.set(m[1]!, body.slice(open + 1, end - 1));
		re.lastIndex = at = end;
	}
	if (body.slice(at).trim() !== '') return undefined;
	const branch = branches.get(`=${count}`) ?? branches.get(pluralRules(locale).select(count)) ?? branches.get('other');
	return branch?.replaceAll('#', String(value));
}

/** The template with its parameters filled in; an unknown placeholder stays as written. */
export function formatMessage(template: string, params: Params, locale: Locale): string {
	let out = '';
	let last = 0;
	for (let i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i)) {
		const end = groupEnd(template, i);
		if (end < 0) break;
		const inner = template.slice(i + 1, end - 1);
		const m = /^\s*(\w+)\s*(?:,\s*plural\s*,([\s\S]*))?$/.exec(inner);
		let text: string | undefined;
		if (m && m[2] === undefined && params[m[1]!] !== undefined) text = String(params[m[1]!]);
		else if (m && m[2] !== undefined && params[m[1]!] !== undefined) {
			const branch = plural(m[2], params[m[1]!]!, locale);
			if (branch !== undefined) text = formatMessage(branch, params, locale);
		}
		if (text === undefined) {
			i = end;
			continue;
		}
		out += template.slice(last, i) + text;
		last = i = end;
	}
	return out + template.slice(last);
}
