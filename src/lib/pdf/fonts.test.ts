// The browser's font loader: the core of a split face renders at once, its rest is put into the same buffer when it arrives (checked by SHA-256).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GlyphPendingError } from './coverage';
import { exampleFramework, withoutPending } from './examples';
import { FONT_SETS, type SplitFace } from './fontSets';
import { assembleFont } from './fontSplit';
import { FONT_DIR, loadContractFontsNode } from './fonts-node';
import { renderContractPdf } from './render';

const split = FONT_SETS['serif-2026.3'].regular as SplitFace;
const v = exampleFramework().templateVersion;
/** A contact whose name has a character outside every core (暐: GBK, not in 通用规范汉字表). */
const rare = () => ({ ...exampleFramework(), contact: { ...exampleFramework().contact, person: '李暐' } });

/** The rest's response, held until the test lets it go; `corrupt` flips one byte of it. */
let restGate: { release: () => void; corrupt: boolean; fetched: number };

beforeEach(() => {
	vi.resetModules();
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	restGate = { release, corrupt: false, fetched: 0 };
	vi.stubGlobal('fetch', async (url: string) => {
		const bytes = new Uint8Array(readFileSync(join(FONT_DIR, url.replace('/fonts/', ''))));
		if (url.endsWith(split.rest)) {
			restGate.fetched++;
			await held;
			if (restGate.corrupt) bytes[1000] = bytes[1000]! ^ 0xff;
		}
		return new Response(bytes);
	});
});

afterEach(() => {
	restGate.release();
	vi.unstubAllGlobals();
});

describe('loadContractFonts (browser)', () => {
	it('the core alone renders what it covers to the complete font bytes; asked with its rest, it becomes complete in place', async () => {
		const { loadContractFonts } = await import('./fonts');
		const complete = await loadContractFontsNode(v);
		const early = await loadContractFonts(v, { withRest: false });
		// The core alone: the rest is not even fetched until a record (or the page's hint) needs it.
		expect(restGate.fetched).toBe(0);
		expect(early.pending?.has('暐'.codePointAt(0)!)).toBe(true);
		// Without the rest, a record with 暐 is refused, one without it comes out as from the complete font.
		await expect(renderContractPdf(rare(), early)).rejects.toBeInstanceOf(GlyphPendingError);
		const common = withoutPending(rare(), early.pending);
		expect(common.contact.person).toBe('李文');
		expect(await renderContractPdf(common, early)).toEqual(await renderContractPdf(common, complete));

		const completing = loadContractFonts(v);
		await vi.waitFor(() => expect(restGate.fetched).toBe(1));
		expect(early.pending?.size).toBeGreaterThan(0);
		restGate.release();
		const later = await completing;
		// The very buffer the core was assembled in, now the complete font; the pending set the first answer holds is empty.
		expect(later.regular).toBe(early.regular);
		expect(later.pending).toBeUndefined();
		expect(early.pending?.size).toBe(0);
		expect(Buffer.from(later.regular).equals(Buffer.from(complete.regular))).toBe(true);
		expect(await renderContractPdf(rare(), early)).toEqual(await renderContractPdf(rare(), complete));
		expect(restGate.fetched).toBe(1);
	});

	it('a rest that does not complete the core leaves the core as it was, and the next load fetches it again', async () => {
		const { loadContractFonts } = await import('./fonts');
		restGate.corrupt = true;
		restGate.release();
		const got = await loadContractFonts(v);
		expect(got.pending?.has('暐'.codePointAt(0)!)).toBe(true);
		await expect(renderContractPdf(rare(), got)).rejects.toBeInstanceOf(GlyphPendingError);
		// The outlines written in were zeroed again.
		const core = new Uint8Array(readFileSync(join(FONT_DIR, split.core)));
		expect(Buffer.from(got.regular).equals(Buffer.from(assembleFont(core).font))).toBe(true);
		restGate.corrupt = false;
		const again = await loadContractFonts(v);
		expect(restGate.fetched).toBe(2);
		expect(again.regular).toBe(got.regular);
		expect(again.pending).toBeUndefined();
	});
});
