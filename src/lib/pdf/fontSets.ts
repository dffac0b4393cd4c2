// The font files each template version renders with: part of a released version, like its text and layout.
import type { TemplateVersion } from '../domain/templateVersions';
import { FONT_FILES, type FontSetId, type SplitFace } from './fontFiles';
import { BOLD_TEXTS as BOLD_2026_1 } from './templates/2026.1/text';
import { BOLD_TEXTS as BOLD_2026_2 } from './templates/2026.2/text';
import { BOLD_TEXTS as BOLD_2026_3 } from './templates/2026.3/text';

export type { FontSetId, SplitFace } from './fontFiles';

export interface FontSet {
	/** File names under /fonts (static/fonts): up to 2026.2 the GBK cut of Noto Serif SC; from 2026.3 the complete face, split. */
	readonly regular: string | SplitFace;
	/** The bold face, cut to exactly the strings the version sets in bold. */
	readonly bold: string;
	readonly boldTexts: readonly string[];
}

/**
 * A PDF embeds its fonts' cmap and metrics tables whole, so any change to a font file changes the
 * bytes of every document rendered with it: a released set is never edited, a new one gets new files.
 */
export const FONT_SETS = {
	'serif-2026.1': { ...FONT_FILES['serif-2026.1'], boldTexts: BOLD_2026_1 },
	'serif-2026.2': { ...FONT_FILES['serif-2026.2'], boldTexts: BOLD_2026_2 },
	'serif-2026.3': { ...FONT_FILES['serif-2026.3'], boldTexts: BOLD_2026_3 }
} as const satisfies Record<FontSetId, FontSet>;

/**
 * The font set of each template version (the registry's renderers declare the same; registry.test.ts
 * holds them together). Here so font loading does not pull every renderer into its chunk.
 */
export const FONT_SET_OF: Record<TemplateVersion, FontSetId> = {
	'CD-FA-2026.1': 'serif-2026.1',
	'CD-FA-2026.2': 'serif-2026.2',
	'CD-FL-2026.2': 'serif-2026.2',
	'CD-OR-2026.2': 'serif-2026.2',
	'CD-FA-2026.3': 'serif-2026.3',
	'CD-FL-2026.3': 'serif-2026.3',
	'CD-OR-2026.3': 'serif-2026.3',
	// 2026.4 changes words of the regular text only: its bold strings are 2026.3's and every character is in the
	// complete face (and in its core), so it renders with the same files and a device downloads no new font.
	'CD-FA-2026.4': 'serif-2026.3',
	'CD-FL-2026.4': 'serif-2026.3',
	'CD-OR-2026.4': 'serif-2026.3',
	// 2026.5 changes how lines are set and a few words: every character of its regular text is in the core, and of
	// its bold strings in 2026.3's bold cut (its one new heading adds only a space), so again no new font.
	'CD-FA-2026.5': 'serif-2026.3',
	'CD-FL-2026.5': 'serif-2026.3',
	'CD-OR-2026.5': 'serif-2026.3'
};

/** The font set a record of this version renders with; throws for a version nobody released. */
export function fontSetOf(templateVersion: string): FontSetId {
	if (!Object.hasOwn(FONT_SET_OF, templateVersion))
		throw new Error(`No font set for template version "${templateVersion}"`);
	return FONT_SET_OF[templateVersion as TemplateVersion];
}

/** The file names of a regular face: one file, or the core and the rest of a split face. */
export function regularFiles(regular: string | SplitFace): string[] {
	return typeof regular === 'string' ? [regular] : [regular.core, regular.rest];
}

/** Every distinct file of every set (the server and the font build need them all). */
export function fontFiles(): string[] {
	return [
		...new Set(Object.values(FONT_SETS as Record<string, FontSet>).flatMap((s) => [...regularFiles(s.regular), s.bold]))
	];
}
