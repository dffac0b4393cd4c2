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
