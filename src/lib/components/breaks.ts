// Where long values may break: an e-mail address after `@` and dots only; a message's number parameters never.
import type { Params } from '#lib/i18n/index.svelte.ts';

/** The address cut after each `@` and dot: the pieces a line may end with. `a.b@c.cn` → `a.`, `b@`, `c.`, `cn`. */
export function emailPieces(value: string): string[] {
	return value.split(/(?<=[@.])/).filter((p) => p !== '');
}

export type Piece = { text: string; param?: string };

/** A message template (`{name}` placeholders) cut into its text and its filled parameters, in order. */
export function messagePieces(template: string, params: Params): Piece[] {
	const out: Piece[] = [];
	let last = 0;
	for (const m of template.matchAll(/\{(\w+)\}/g)) {
		if (m.index > last) out.push({ text: template.slice(last, m.index) });
		const name = m[1]!;
		out.push(name in params ? { text: String(params[name]), param: name } : { text: m[0] });
		last = m.index + m[0].length;
	}
	if (last < template.length) out.push({ text: template.slice(last) });
	return out;
}

const HAN = /\p{Script=Han}/u;

/**
 * A text cut where a number keeps its unit or suffix: `科苑路15号2楼` → `科苑路`, `15号` (kept), `2楼` (kept); `0755-86013388`
 * and `1,000 个` stay whole too. `keep` marks the pieces a line may not break inside; between pieces it breaks as usual.
 */
export function numberPieces(text: string): { text: string; keep: boolean }[] {
	const out: { text: string; keep: boolean }[] = [];
	let last = 0;
	for (const m of text.matchAll(/\d[\d.,:-]*\d(?:[ \u00a0]?\p{Script=Han})?|\d(?:[ \u00a0]?\p{Script=Han})?/gu)) {
		if (m.index > last) out.push({ text: text.slice(last, m.index), keep: false });
		out.push({ text: m[0], keep: m[0].length > 1 });
		last = m.index + m[0].length;
	}
	if (last < text.length) out.push({ text: text.slice(last), keep: false });
	return out;
}

/** The legal forms a Chinese company name ends with, longest first. */
const FORMS = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '公司'];

/**
 * A company name cut into the parts a line may end between: a leading place (`深圳市`), the trade name, a region in
 * brackets (`（深圳）`) and the legal form (`有限公司`) — 云栈科技（深圳）有限公司 → 云栈科技 / （深圳） / 有限公司. A name
 * without Chinese is one piece (it wraps at its spaces).
 */
export function companyPieces(name: string): string[] {
	if (!HAN.test(name)) return [name];
	const pieces: string[] = [];
	let rest = name;
	const form = FORMS.find((f) => rest.endsWith(f));
	let tail = '';
	if (form === rest) return [name];
	if (form) {
		tail = form;
		rest = rest.slice(0, -form.length);
	}
	const place = /^\p{Script=Han}{1,4}?[省市区县](?=\p{Script=Han}{2})/u.exec(rest);
	if (place) {
		pieces.push(place[0]);
		rest = rest.slice(place[0].length);
	}
	pieces.push(...rest.split(/(?=[（(])|(?<=[）)])/u).filter((p) => p !== ''));
	if (tail) pieces.push(tail);
	return pieces;
}
