// The file names of each font set, apart from their texts: what the service worker needs to know to precache today's fonts.

/**
 * A regular face shipped in two files (src/lib/pdf/fontSplit.ts): the core, precached on first visit, holds
 * every table and the outlines of the characters of nearly all real text; the rest is fetched right after.
 */
export interface SplitFace {
	readonly core: string;
	readonly rest: string;
	/** The template folder whose characters the core must hold, beside GB 2312, ASCII and Latin-1. */
	readonly template: string;
}

/** Released sets are never edited (fontSets.ts says why); files under /fonts (static/fonts). */
export const FONT_FILES = {
	'serif-2026.1': { regular: 'contract-serif-regular.ttf', bold: 'contract-serif-bold.ttf' },
	'serif-2026.2': { regular: 'contract-serif-regular.ttf', bold: 'contract-serif-bold-2026.2.ttf' },
	'serif-2026.3': {
		regular: {
			core: 'contract-serif-regular-2026.3.core',
			rest: 'contract-serif-regular-2026.3.rest',
			template: '2026.3'
		},
		bold: 'contract-serif-bold-2026.3.ttf'
	}
} as const;

export type FontSetId = keyof typeof FONT_FILES;

/** The set every kind generates with today (fontSets.test.ts holds it to CURRENT_TEMPLATE_VERSION). */
export const CURRENT_FONT_SET: FontSetId = 'serif-2026.3';

/**
 * Today's fonts for the service worker: what a first visit precaches (the core and the bold face) and what
 * it fetches right after, in the background (the rest). Older sets are fetched only if a device ever needs them.
 */
export function currentFontUrls(): { precache: string[]; deferred: string[] } {
	const set = FONT_FILES[CURRENT_FONT_SET];
	const regular = set.regular as string | SplitFace;
	return typeof regular === 'string'
		? { precache: [`/fonts/${regular}`, `/fonts/${set.bold}`], deferred: [] }
		: { precache: [`/fonts/${regular.core}`, `/fonts/${set.bold}`], deferred: [`/fonts/${regular.rest}`] };
}
