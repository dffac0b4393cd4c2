// Browser font loading: fetch a version's faces once, lazily, when a document is made (served from the service worker's caches offline).
import { hex, sha256Hex } from '../domain/canonical';
import { CURRENT_TEMPLATE_VERSION } from '../domain/templateVersions';
import { FONT_SETS, type FontSet, type FontSetId, fontSetOf, type SplitFace } from './fontSets';
import { assembleFont, writeRest } from './fontSplit';
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

/**
 * A split face as this device has it: one buffer for the whole life of the page or worker, assembled from the core
 * with the left-out outlines zeroed, then completed in place when the rest arrives, so the face parsed from it (and
 * the code warmed on it) stays. `pending` shrinks to empty at that moment; until then no document draws those glyphs.
 */
type DeviceFace = { font: Uint8Array; sha256: string; pending: Set<number> };

/** Per core bytes (kept by `parts`): the same font object lets the font cache keep its parsed face. */
const faces = new WeakMap<Uint8Array, DeviceFace>();
/** Rests being fetched and put in: a failure is not kept, the next document tries again (the connection may be back). */
const completing = new Map<FontSetId, Promise<void>>();
/** Sets whose split face is complete on this device. */
const completed = new Set<FontSetId>();

function deviceFace(core: Uint8Array): DeviceFace {
	let face = faces.get(core);
	if (!face) {
		const { font, sha256, pending } = assembleFont(core);
		face = { font, sha256: hex(sha256), pending };
		faces.set(core, face);
	}
	return face;
}

/**
 * Fetches the rest of a split face (beside its core when both are asked for at once) and puts it in; rejects when it
 * cannot be fetched (offline, not cached yet).
 */
function completeFace(id: FontSetId, split: SplitFace, core: Promise<Uint8Array>): Promise<void> {
	if (completed.has(id)) return Promise.resolve();
	let p = completing.get(id);
	if (!p) {
		p = Promise.all([core, fetchFont(fontUrl(split.rest))])
			.then(async ([core, rest]) => {
				const face = deviceFace(core);
				writeRest(core, face.font, rest);
				if ((await sha256Hex(face.font)) !== face.sha256) {
					writeRest(core, face.font, null);
					throw new Error(`font ${split.rest} does not complete ${split.core}`);
				}
				completed.add(id);
				face.pending.clear();
			})
			.finally(() => completing.delete(id));
		completing.set(id, p);
	}
	return p;
}

/**
 * The faces a record of `templateVersion` renders with (by default today's framework version). A split face
 * comes complete when its rest can be had (service worker cache or network); otherwise as the core alone, with
 * the characters it lacks in `pending`, so a record needing none of them renders to the very same bytes.
 * `withRest: false`: the core alone, the rest not even fetched (it holds characters few records use, and on a
 * phone its megabytes cost the first contract CPU); a later call without it completes the very same buffer, and
 * `pending` empties itself then.
 */
export async function loadContractFonts(
	templateVersion: string = CURRENT_TEMPLATE_VERSION.framework,
	{ withRest = true }: { withRest?: boolean } = {}
): Promise<ContractFonts> {
	const id = fontSetOf(templateVersion);
	const set: FontSet = FONT_SETS[id];
	const parts = fetchParts(id, set);
	const rest =
		typeof set.regular === 'string' || !withRest
			? null
			: completeFace(
					id,
					set.regular,
					parts.then((p) => p.core!)
				).catch(() => undefined);
	const got = await parts;
	if (!got.core) return { regular: got.regular!, bold: got.bold, set: id };
	const face = deviceFace(got.core);
	await rest;
	return completed.has(id)
		? { regular: face.font, bold: got.bold, set: id }
		: { regular: face.font, bold: got.bold, set: id, pending: face.pending };
}
