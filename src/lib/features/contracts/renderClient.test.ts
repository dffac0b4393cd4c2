// The render client and the worker module together (the worker's global scope stood in for): same bytes, errors by class, a dead worker replaced by this thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../domain/canonical';
import type { ContractRecord } from '../../domain/contract';
import { MissingGlyphError } from '../../pdf/coverage';
import { exampleFramework, withoutPending } from '../../pdf/examples';
import { FONT_SETS, type SplitFace } from '../../pdf/fontSets';
import { assembleFont } from '../../pdf/fontSplit';
import { FONT_DIR, loadContractFontsNode } from '../../pdf/fonts-node';
import { renderContractPdf } from '../../pdf/render';

const split = FONT_SETS['serif-2026.3'].regular as SplitFace;
/** The font files as the browser's loader fetches them; the rest of the split face held back until released. */
let releaseRest!: () => void;
const restHeld = new Promise<void>((resolve) => (releaseRest = resolve));
let restFetches = 0;
async function fetchFont(url: string): Promise<Response> {
	const file = url.replace('/fonts/', '');
	if (file === split.rest) {
		restFetches++;
		await restHeld;
	}
	return new Response(new Uint8Array(readFileSync(join(FONT_DIR, file))));
}

type Message = { data: unknown };
/** The worker's side: what render.worker.ts sees as `self`. */
const scope: { onmessage?: (e: Message) => void; postMessage?: (msg: unknown, transfer?: Transferable[]) => void } = {};
const started: FakeWorker[] = [];

/** Messages go through structured cloning (with transfer), on a later task, as between threads. */
class FakeWorker {
	onmessage: ((e: Message) => void) | null = null;
	onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
	terminated = false;
	constructor(
		readonly url: URL,
		readonly options: WorkerOptions
	) {
		started.push(this);
		scope.postMessage = (msg, transfer = []) =>
			setTimeout(() => this.onmessage?.({ data: structuredClone(msg, { transfer }) }));
	}
	readonly posted: { type: string }[] = [];
	postMessage(msg: unknown): void {
		this.posted.push(msg as { type: string });
		setTimeout(() => scope.onmessage!({ data: structuredClone(msg) }));
	}
	terminate(): void {
		this.terminated = true;
	}
}

let client: typeof import('./renderClient');
let worker: typeof import('./render.worker');

beforeAll(async () => {
	vi.stubGlobal('fetch', fetchFont);
	vi.stubGlobal('self', scope);
	vi.stubGlobal('Worker', FakeWorker);
	worker = await import('./render.worker');
	client = await import('./renderClient');
});
afterAll(() => {
	releaseRest();
	vi.unstubAllGlobals();
});

describe('render client and worker', () => {
	it('a click during the warm-up gets its document next, without a throwaway one before it; the core renders while the rest is on its way', async () => {
		// The contact's 暐 is outside every core (GBK, not in 通用规范汉字表).
		const record = { ...exampleFramework(), contact: { ...exampleFramework().contact, person: '李暐' } };
		const core = new Uint8Array(readFileSync(join(FONT_DIR, split.core)));
		const common = withoutPending(record, assembleFont(core).pending);
		const warming = client.warm(record.templateVersion);
		const fonts = await client.loadFonts(record.templateVersion);
		// The rest of the face is held back: a record of characters the core has renders, to the complete font's bytes.
		const early = await client.renderPdf(common, fonts);
		const complete = await loadContractFontsNode(record.templateVersion);
		expect(Buffer.from(early).equals(Buffer.from(await renderContractPdf(common, complete)))).toBe(true);
		// Nothing fetched the rest so far. A hint of characters the core has fetches nothing; one with 暐 starts the
		// rest's download at once, with no render asked; each character is sent once.
		const hints = () => started[0]!.posted.filter((m) => m.type === 'characters');
		client.expectCharacters(record.templateVersion, 'Li 王文，深圳');
		await new Promise((r) => setTimeout(r, 50));
		expect(restFetches).toBe(0);
		client.expectCharacters(record.templateVersion, record.contact.person);
		await vi.waitFor(() => expect(restFetches).toBe(1));
		client.expectCharacters(record.templateVersion, `${record.contact.person} 王文`);
		expect(hints()).toEqual([
			{ type: 'characters', templateVersion: record.templateVersion, text: '王文，深圳' },
			{ type: 'characters', templateVersion: record.templateVersion, text: '李暐' }
		]);
		// One with 暐 waits for the rest (the page hears it, to show the font phase), then comes out as from the complete font.
		let done = false;
		const phases: string[] = [];
		const rendering = client.renderDocument(record, fonts, (p) => phases.push(p)).finally(() => (done = true));
		await warming;
		await new Promise((r) => setTimeout(r, 300));
		expect(done).toBe(false);
		expect(phases).toEqual(['fonts']);
		releaseRest();
		const doc = await rendering;
		expect(phases).toEqual(['fonts', 'rendering']);
		const pdf = new Uint8Array(await doc.blob.arrayBuffer());
		expect(Buffer.from(pdf).equals(Buffer.from(await renderContractPdf(record, complete)))).toBe(true);
		expect(performance.getEntriesByName('cd:worker:rest', 'measure').length).toBeGreaterThan(0);
		expect(started[0]!.posted.map((m) => m.type).filter((t) => t !== 'characters')).toEqual([
			'warm',
			'fonts',
			'render',
			'render'
		]);
		expect(restFetches).toBe(1);
		expect(performance.getEntriesByName('cd:worker:parse', 'measure').length).toBeGreaterThan(0);
		expect(performance.getEntriesByName('cd:worker:warm-render', 'measure')).toHaveLength(0);
	});

	it('renders in the worker, to the very bytes this thread would make, the fonts staying there', async () => {
		const record = exampleFramework();
		await client.warm(record.templateVersion);
		const fonts = await client.loadFonts(record.templateVersion);
		expect(fonts).toEqual({ inWorker: true, templateVersion: record.templateVersion, set: expect.any(String) });
		// The warm-up said the set is loaded: the click asks the worker once, to render, not for the fonts first.
		expect(started[0]!.posted.at(-1)!.type).toBe('warm');
		const pdf = await client.renderPdf(record, fonts);
		expect(started).toHaveLength(1);
		expect(started[0]!.options).toEqual({ type: 'module', name: 'contract-render' });
		expect(started[0]!.url.pathname).toMatch(/render\.worker\.ts$/);
		const here = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
		expect(Buffer.from(pdf).equals(Buffer.from(here))).toBe(true);
		// The worker's spans are on this thread's timeline.
		expect(performance.getEntriesByName('cd:worker:render', 'measure').length).toBeGreaterThan(0);
	});

	it('hands the page the stored form of a document made in the worker: a Blob of the same bytes, their SHA-256', async () => {
		const record = exampleFramework();
		const fonts = await client.loadFonts(record.templateVersion);
		const posted = started[0]!.posted.length;
		const doc = await client.renderDocument(record, fonts);
		expect(started[0]!.posted.slice(posted)).toEqual([expect.objectContaining({ type: 'render', as: 'document' })]);
		const here = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
		expect(Buffer.from(await doc.blob.arrayBuffer()).equals(Buffer.from(here))).toBe(true);
		expect(doc).toMatchObject({ sha256: await sha256Hex(here), size: here.byteLength });
		expect(doc.blob.type).toBe('application/pdf');
		expect(performance.getEntriesByName('cd:worker:hash', 'measure').length).toBeGreaterThan(0);
	});

	it('settles after its warm-up with throwaway renders while nothing is asked, which answer no request, and stops', async () => {
		// Both sides share one timeline here, so each span is there twice (the worker's own and the page's copy).
		const settled = () =>
			new Set(performance.getEntriesByName('cd:worker:settle', 'measure').map((e) => e.startTime)).size;
		await vi.waitFor(() => expect(settled()).toBeGreaterThan(0), { timeout: 30_000 });
		// A request while the worker settles waits for one throwaway document at most and gets its own bytes.
		const record = exampleFramework();
		const pdf = await client.renderPdf(record, await client.loadFonts(record.templateVersion));
		const here = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
		expect(Buffer.from(pdf).equals(Buffer.from(here))).toBe(true);
		// It stops: SETTLE_RENDERS documents in all, the three asked for in these tests included.
		await vi.waitFor(
			async () => {
				const n = settled();
				await new Promise((r) => setTimeout(r, worker.SETTLE_QUIET_MS + 1_000));
				expect(settled()).toBe(n);
			},
			{ timeout: 30_000, interval: 0 }
		);
		expect(settled()).toBeLessThanOrEqual(worker.SETTLE_RENDERS - 3);
		expect(started).toHaveLength(1);
	});

	it('answers concurrent requests by id, and a missing glyph arrives as MissingGlyphError naming the field', async () => {
		const good = exampleFramework();
		// From the verification, not typed (the schema holds typed fields to the font): the renderer's own check names it.
		const bad: ContractRecord = { ...good, partyA: { ...good.partyA, name: `${good.partyA.name}\u{2A6D6}` } };
		const fonts = await client.loadFonts(good.templateVersion);
		const [a, b] = await Promise.allSettled([client.renderPdf(bad, fonts), client.renderPdf(good, fonts)]);
		expect(a.status).toBe('rejected');
		const e = (a as PromiseRejectedResult).reason as MissingGlyphError;
		expect(e).toBeInstanceOf(MissingGlyphError);
		expect(e).toMatchObject({ field: 'partyA.name', codePoint: 0x2a6d6 });
		expect(b.status).toBe('fulfilled');
		expect((b as PromiseFulfilledResult<Uint8Array>).value.byteLength).toBeGreaterThan(10_000);
		expect(started).toHaveLength(1);
	});

	it('renders on this thread from then on when the worker fails (its script did not load)', async () => {
		started[0]!.onerror!({ message: 'script failed to load', preventDefault() {} });
		expect(started[0]!.terminated).toBe(true);
		const record = exampleFramework();
		const fonts = await client.loadFonts(record.templateVersion);
		// The bytes are here now: this thread renders.
		expect('regular' in fonts && fonts.regular.byteLength).toBeGreaterThan(1_000_000);
		const pdf = await client.renderWithFonts(record);
		const here = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
		expect(Buffer.from(pdf).equals(Buffer.from(here))).toBe(true);
		expect(started).toHaveLength(1);
	});
});
