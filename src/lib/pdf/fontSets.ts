// The font files each template version renders with: part of a released version, like its text and layout.
import type { TemplateVersion } from '../domain/templateVersions';
import { BOLD_TEXTS as BOLD_2026_1 } from './templates/2026.1/text';
import { BOLD_TEXTS as BOLD_2026_2 } from './templates/2026.2/text';

export interface FontSet {
	/** File names under /fonts (static/fonts); the regular face is the GBK cut of Noto Serif SC. */
	readonly regular: string;
	/** The bold face, cut to exactly the strings the version sets in bold. */
	readonly bold: string;
	readonly boldTexts: readonly string[];
}

/**
 * A PDF embeds its fonts' cmap and metrics tables whole, so any change to a font file changes the
 * bytes of every document rendered with it: a released set is never edited, a new one gets new files.
 */
export const FONT_SETS = {
	'serif-2026.1': { regular: 'contract-serif-regular.ttf', bold: 'contract-serif-bold.ttf', boldTexts: BOLD_2026_1 },
	'serif-2026.2': { regular: 'contract-serif-regular.ttf', bold: 'contract-serif-bold-2026.2.ttf', boldTexts: BOLD_2026_2 }
} as const satisfies Record<string, FontSet>;

export type FontSetId = keyof typeof FONT_SETS;

/**
 * The font set of each template version (the registry's renderers declare the same; registry.test.ts
 * holds them together). Here so font loading does not pull every renderer into its chunk.
 */
export const FONT_SET_OF: Record<TemplateVersion, FontSetId> = {
	'CD-FA-2026.1': 'serif-2026.1',
	'CD-FA-2026.2': 'serif-2026.2',
	'CD-FL-2026.2': 'serif-2026.2',
	'CD-OR-2026.2': 'serif-2026.2'
};

/** The font set a record of this version renders with; throws for a version nobody released. */
export function fontSetOf(templateVersion: string): FontSetId {
	if (!Object.hasOwn(FONT_SET_OF, templateVersion)) throw new Error(`No font set for template version "${templateVersion}"`);
	return FONT_SET_OF[templateVersion as TemplateVersion];
}

/** Every distinct file of every set (the server and the font build need them all). */
export function fontFiles(): string[] {
	return [...new Set(Object.values(FONT_SETS).flatMap((s) => [s.regular, s.bold]))];
}
