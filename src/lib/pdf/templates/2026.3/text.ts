// The fixed document text of template versions CD-FA/CD-FL/CD-OR-2026.3: 2026.2's words, gathered into one TemplateText that later versions vary; pure data, also read by the font build for the bold face.
import type { ContractKind } from '../../../domain/contractKinds';
import { type Article, articles, ATTACHMENT_NOTE, HEADINGS, LABELS, ORDER_COLUMNS, PREAMBLE, SELF, signaturePageNote, SITE_COLUMNS, TITLES } from '../2026.2/text';

export { type Article, articles, ATTACHMENT_NOTE, HEADINGS, LABELS, ORDER_COLUMNS, PREAMBLE, SELF, signaturePageNote, SITE_COLUMNS, TITLES };

/** A text of another version keeps this one's shape: strings stay strings, functions keep their parameters. */
type Widen<T> = T extends string
	? string
	: T extends (...args: infer A) => infer R
		? (...args: A) => Widen<R>
		: { readonly [K in keyof T]: Widen<T[K]> };

/**
 * Everything a contract of this template prints that is not the record's data. The renderer is made over it
 * (render.ts `templateRenderer`), so a later version that only changes words consists of its text.
 */
export type TemplateText = {
	readonly TITLES: Widen<typeof TITLES>;
	readonly SELF: Widen<typeof SELF>;
	readonly HEADINGS: Widen<typeof HEADINGS>;
	readonly LABELS: Widen<typeof LABELS>;
	readonly SITE_COLUMNS: Widen<typeof SITE_COLUMNS>;
	readonly ORDER_COLUMNS: Widen<typeof ORDER_COLUMNS>;
	readonly PREAMBLE: Widen<typeof PREAMBLE>;
	readonly ATTACHMENT_NOTE: Widen<typeof ATTACHMENT_NOTE>;
	readonly articles: (kind: ContractKind) => readonly Article[];
	readonly signaturePageNote: (title: string, number: string) => string;
};

export const TEXT: TemplateText = { TITLES, SELF, HEADINGS, LABELS, SITE_COLUMNS, ORDER_COLUMNS, PREAMBLE, ATTACHMENT_NOTE, articles, signaturePageNote };

/** Every string a template with this text may draw in the bold face; the font build cuts the bold face to these. */
export function boldTexts(t: TemplateText): readonly string[] {
	return [
		...Object.values(t.TITLES),
		...Object.values(t.HEADINGS),
		...t.ORDER_COLUMNS,
		...t.SITE_COLUMNS,
		t.LABELS.totalFigures,
		t.LABELS.totalCapital,
		t.LABELS.rmb,
		t.LABELS.yuanSign,
		...(['framework', 'filing', 'order'] as const).flatMap((k) => t.articles(k).map((a) => a.heading))
	];
}

/** Every string the renderer may draw in the bold face; the font build cuts the bold face to these. */
export const BOLD_TEXTS: readonly string[] = boldTexts(TEXT);
