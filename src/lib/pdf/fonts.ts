// Browser font loading: fetch a version's faces once, lazily, when a document is made (served from the service worker's caches offline).
import { sha256Hex } from '../domain/canonical';
import { CURRENT_TEMPLATE_VERSION } from '../domain/templateVersions';
import { FONT_SETS, type FontSet, type FontSetId, fontSetOf, type SplitFace } from './fontSets';
import { assembleFont } from './fontSplit';
import type { ContractFonts } from './types';

/** The URL of a file under static/fonts. */
export const fontUrl = (file: string): string => `/fonts/${file}`;

async function fetchFont(url: string): Promise<Uint8Array> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`font ${url}: HTTP ${res.status}`);
	return new Uint8Array(await res.arrayBuffer());
}

type Parts = { core: Uint8Array | null; regular: Uint8Array | null; bold: Uint8Array };

/** What was fetched per font set: a whole regular face, or the core of a split one (its rest comes on demand). */
const parts = new Map<FontSetId, Promise<Parts>>();
/** Split faces completed with their rest: from then on the complete font is used. */
const complete = new Map<FontSetId, Promise<Uint8Array>>();

function fetchParts(id: FontSetId, set: FontSet): Promise<Parts> {
	let p = parts.get(id);
	if (!p) {
		const regular = typeof set.regular === 'string' ? set.regular : set.regular.core;
		p = Promise.all([fetchFont(fontUrl(regular)), fetchFont(fontUrl(set.bold))]).then(
			([bytes, bold]) =>
				typeof set.regular === 'string' ? { core: null, regular: bytes, bold } : { core: bytes, regular: null, bold },
			(error: unknown) => {
				parts.delete(id);
				throw error;
			}
		);
		parts.set(id, p);
	}
	return p;
}

/** The rest of a split face, put in and checked; rejects when it cannot be fetched (offline, not cached yet). */
function completeFace(id: FontSetId, face: SplitFace, core: Uint8Array): Promise<Uint8Array> {
	let p = complete.get(id);
	if (!p) {
		p = fetchFont(fontUrl(face.rest)).then(async (rest) => {
			const { font, sha256 } = assembleFont(core, rest);
			const want = Array.from(sha256, (b) => b.toString(16).padStart(2, '0')).join('');
			if ((await sha256Hex(font)) !== want) throw new Error(`font ${face.rest} does not complete ${face.core}`);
			return font;
		});
		// A failure is not kept: the next document tries again (the connection may be back).
		p.catch(() => complete.delete(id));
		complete.set(id, p);
	}
	return p;
}

/**
 * The faces a record of `templateVersion` renders with (by default today's framework version). A split face
 * comes complete when its rest can be had (service worker cache or network); otherwise as the core alone, with
 * the characters it lacks in `pending`, so a record needing none of them renders to the very same bytes.
 */
export async function loadContractFonts(
	templateVersion: string = CURRENT_TEMPLATE_VERSION.framework
): Promise<ContractFonts> {
	const id = fontSetOf(templateVersion);
	const set: FontSet = FONT_SETS[id];
	const got = await fetchParts(id, set);
	if (typeof set.regular === 'string' || !got.core) return { regular: got.regular!, bold: got.bold, set: id };
	try {
		return { regular: await completeFace(id, set.regular, got.core), bold: got.bold, set: id };
	} catch {
		const { font, pending } = coreFace(got.core);
		return { regular: font, bold: got.bold, set: id, pending };
	}
}

/** A core put together alone, once per core: the same bytes object lets the font cache keep its parsed face. */
const cores = new WeakMap<Uint8Array, { font: Uint8Array; pending: ReadonlySet<number> }>();

function coreFace(core: Uint8Array): { font: Uint8Array; pending: ReadonlySet<number> } {
	let face = cores.get(core);
	if (!face) {
		const { font, pending } = assembleFont(core);
		face = { font, pending };
		cores.set(core, face);
	}
	return face;
}
