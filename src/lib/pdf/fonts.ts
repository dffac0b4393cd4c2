// Browser font loading: fetch a version's two faces once, lazily, when a document is made (served from the precache offline).
import { CURRENT_TEMPLATE_VERSION } from '../domain/templateVersions';
import { FONT_SETS, type FontSetId, fontSetOf } from './fontSets';
import type { ContractFonts } from './types';

/** Today's faces (the framework version's set), e.g. for a text layer over a rendered page. */
export const FONT_URLS = {
	regular: `/fonts/${FONT_SETS[fontSetOf(CURRENT_TEMPLATE_VERSION.framework)].regular}`,
	bold: `/fonts/${FONT_SETS[fontSetOf(CURRENT_TEMPLATE_VERSION.framework)].bold}`
} as const;

const loading = new Map<FontSetId, Promise<ContractFonts>>();

async function fetchFont(url: string): Promise<Uint8Array> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`font ${url}: HTTP ${res.status}`);
	return new Uint8Array(await res.arrayBuffer());
}

/**
 * The faces a record of `templateVersion` renders with (by default today's framework version). The
 * promise is shared per font set, and dropped on failure so a later call can retry.
 */
export function loadContractFonts(templateVersion: string = CURRENT_TEMPLATE_VERSION.framework): Promise<ContractFonts> {
	const set = fontSetOf(templateVersion);
	let fonts = loading.get(set);
	if (!fonts) {
		const files = FONT_SETS[set];
		fonts = Promise.all([fetchFont(`/fonts/${files.regular}`), fetchFont(`/fonts/${files.bold}`)]).then(
			([regular, bold]) => ({ regular, bold, set }),
			(error: unknown) => {
				loading.delete(set);
				throw error;
			}
		);
		loading.set(set, fonts);
	}
	return fonts;
}
