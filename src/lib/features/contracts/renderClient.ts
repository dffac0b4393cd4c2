// The page's side of the render worker: requests with ids, errors re-created, rendering on this thread where no worker can run.
import type { ContractRecord } from '../../domain/contract';
import { CURRENT_TEMPLATE_VERSION } from '../../domain/templateVersions';
import type { FontSetId } from '../../pdf/fontSets';
import type { ContractFonts, RenderOptions } from '../../pdf/types';
import { pdfDocument, type RenderedPdf } from './pdfDocument';
import {
	reviveError,
	type CharactersHint,
	type FontsLoaded,
	type RenderPhase,
	type RenderRequest,
	type RenderResponse,
	type WorkerMessage
} from './renderProtocol';

/** Fonts loaded inside the worker: the page holds only this reference, never the megabytes. */
export type WorkerFonts = { readonly inWorker: true; readonly templateVersion: string; readonly set?: FontSetId };
/** Fonts where the rendering happens: in the worker, or (no worker possible) their bytes on this thread. */
export type RenderFonts = ContractFonts | WorkerFonts;

type Pending = {
	resolve: (value: unknown) => void;
	reject: (e: unknown) => void;
	onPhase?: (phase: RenderPhase) => void;
};

let worker: Worker | null = null;
/** The worker could not start (its script failed to load, no module workers): render on this thread from then on. */
let broken = typeof Worker === 'undefined';
let nextId = 1;
const pending = new Map<number, Pending>();
/**
 * A worker holding a parsed font set costs a phone well over 100 MB: after this long without a request it is let go.
 * The form's first step and the confirm screen start it again (prewarm), well before the next click.
 */
export const IDLE_STOP_MS = 5 * 60_000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * Versions whose font set the running worker holds (a warm-up or a 'fonts' request said so): the click asks the
 * worker once, to render, instead of a round trip for the fonts first. Forgotten with the worker.
 */
const loadedInWorker = new Map<string, FontsLoaded>();
/** Characters the running worker was told of (expectCharacters), per template version: each is sent once. */
const hinted = new Map<string, Set<string>>();

function forgetWorker(): void {
	loadedInWorker.clear();
	hinted.clear();
}

function stopWhenIdle(): void {
	clearTimeout(idleTimer);
	if (pending.size > 0 || !worker) return;
	idleTimer = setTimeout(() => {
		if (pending.size > 0) return;
		worker?.terminate();
		worker = null;
		forgetWorker();
	}, IDLE_STOP_MS);
}

/** A failure of the worker itself, not of the document: the request is run again on this thread. */
class WorkerFailure extends Error {
	override name = 'WorkerFailure';
}

function failAll(e: Error): void {
	for (const p of pending.values()) p.reject(e);
	pending.clear();
}

function start(): Worker {
	// The literal form lets Vite bundle the worker as its own chunk (fetched on first use, precached by the service worker).
	const w = new Worker(new URL('./render.worker.ts', import.meta.url), { type: 'module', name: 'contract-render' });
	w.onmessage = (event: MessageEvent<WorkerMessage>) => {
		const msg = event.data;
		if ('progress' in msg) pending.get(msg.id)?.onPhase?.(msg.progress);
		else void settle(msg);
	};
	w.onerror = (event) => {
		event.preventDefault();
		broken = true;
		w.terminate();
		if (worker === w) worker = null;
		forgetWorker();
		failAll(new WorkerFailure(event.message || 'the render worker failed'));
	};
	return w;
}

async function settle(res: RenderResponse): Promise<void> {
	// The worker's spans on the page's timeline, so one trace (and the bench) reads the whole generation; its
	// throwaway renders (id 0) answer no request and only bring their spans.
	const shift = res.origin - performance.timeOrigin;
	for (const t of res.timings) {
		try {
			performance.measure(t.name, { start: t.start + shift, duration: t.duration });
		} catch {
			// A span that would start before the page did (a worker older than a reload cannot be): not worth failing for.
		}
	}
	const p = pending.get(res.id);
	if (!p) return;
	pending.delete(res.id);
	stopWhenIdle();
	if (res.ok) p.resolve(res.value);
	else p.reject(await reviveError(res.error));
}

type Body = RenderRequest extends infer R ? (R extends RenderRequest ? Omit<R, 'id'> : never) : never;

/** The running worker, started if none runs; throws WorkerFailure when none can start. */
function running(): Worker {
	try {
		return (worker ??= start());
	} catch (e) {
		// Refused synchronously (a policy, a browser without module workers).
		broken = true;
		throw new WorkerFailure(String(e));
	}
}

function request<T>(body: Body, onPhase?: (phase: RenderPhase) => void): Promise<T> {
	let w: Worker;
	try {
		w = running();
	} catch (e) {
		return Promise.reject(e as Error);
	}
	clearTimeout(idleTimer);
	const id = nextId++;
	return new Promise<T>((resolve, reject) => {
		pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onPhase });
		w.postMessage({ ...body, id });
	});
}

/** Runs `inWorker`, or `here` when no worker can run or the worker died under this request. */
async function viaWorker<T>(inWorker: () => Promise<T>, here: () => Promise<T>): Promise<T> {
	if (broken) return here();
	try {
		return await inWorker();
	} catch (e) {
		if (e instanceof WorkerFailure) return here();
		throw e;
	}
}

async function loadHere(templateVersion: string): Promise<ContractFonts> {
	const { loadContractFonts } = await import('../../pdf/fonts');
	return loadContractFonts(templateVersion);
}

/** Loads a version's fonts where the rendering will happen; throws a font fetch error (offline, not cached) as is. */
export function loadFonts(templateVersion: string): Promise<RenderFonts> {
	return viaWorker<RenderFonts>(
		async () => {
			const known = worker ? loadedInWorker.get(templateVersion) : undefined;
			// A set still missing its rest too: the worker fetches it itself, and a record that needs it waits for it there.
			if (known) return { inWorker: true, templateVersion, set: known.set };
			const got = await request<FontsLoaded>({ type: 'fonts', templateVersion });
			remember(templateVersion, got);
			return { inWorker: true, templateVersion, set: got.set };
		},
		() => loadHere(templateVersion)
	);
}

/**
 * The record's PDF bytes. Throws what renderContractPdf throws (MissingGlyphError, GlyphPendingError,
 * UnknownTemplateVersionError, a zod error), re-created with its class and fields.
 */
export async function renderPdf(
	record: ContractRecord,
	fonts: RenderFonts,
	options?: RenderOptions
): Promise<Uint8Array> {
	const here = async () => {
		const { renderContractPdf } = await import('../../pdf/render');
		const f = 'inWorker' in fonts ? await loadHere(fonts.templateVersion) : fonts;
		return renderContractPdf(record, f, options);
	};
	if (!('inWorker' in fonts)) return here();
	return viaWorker(() => request<Uint8Array>({ type: 'render', record, ...(options ? { options } : {}) }), here);
}

/**
 * The record's PDF as the device stores it (Blob, SHA-256, size), made in the worker: the page never copies or hashes
 * the bytes. `onPhase('fonts')`: the record needs the font's rest, which the worker waits for; then 'rendering'.
 * Throws what renderPdf throws.
 */
export async function renderDocument(
	record: ContractRecord,
	fonts: RenderFonts,
	onPhase?: (phase: RenderPhase) => void
): Promise<RenderedPdf> {
	const here = async () => pdfDocument(await renderPdf(record, fonts));
	if (!('inWorker' in fonts)) return here();
	return viaWorker(() => request<RenderedPdf>({ type: 'render', record, as: 'document' }, onPhase), here);
}

/** Loads the fonts and renders the record in one go (a registered copy, a document rendered again). */
export async function renderWithFonts(record: ContractRecord, options?: RenderOptions): Promise<Uint8Array> {
	return renderPdf(record, await loadFonts(record.templateVersion), options);
}

/**
 * Starts the worker, fetches and parses the version's font set and renders a throwaway document, so the confirm
 * click only renders. Failures are left for the real attempt to report.
 */
export function warm(templateVersion: string = CURRENT_TEMPLATE_VERSION.framework): Promise<void> {
	if (broken) return Promise.resolve();
	return request<FontsLoaded | null>({ type: 'warm', templateVersion }).then(
		(got) => remember(templateVersion, got),
		() => undefined
	);
}

function remember(templateVersion: string, got: FontsLoaded | null): void {
	if (got && worker) loadedInWorker.set(templateVersion, got);
}

/**
 * Tells the worker characters the user has typed or will print (the form as it changes, the confirm screen's record,
 * the account's company): it fetches the font's rest at once if its core lacks any, not after the click. Cheap to
 * call on every change: only characters not sent before go (starting the worker if none runs, as prewarm would).
 */
export function expectCharacters(templateVersion: string, text: string): void {
	if (broken) return;
	let sent = hinted.get(templateVersion);
	if (!sent) hinted.set(templateVersion, (sent = new Set()));
	let fresh = '';
	for (const c of text) {
		// Printable ASCII is in every core.
		if (c > '~' && !sent.has(c)) {
			sent.add(c);
			fresh += c;
		}
	}
	if (!fresh) return;
	try {
		running().postMessage({ type: 'characters', templateVersion, text: fresh } satisfies CharactersHint);
	} catch {
		// No worker can run: the page renders on its own thread and loads the fonts it needs then.
		return;
	}
	stopWhenIdle();
}

let idleWarm = false;

/**
 * Once per app start, when the page has nothing else to do: a signed-in, verified user is likely heading to a contract.
 * `text`: what every contract of theirs prints (the company's name, address, representative).
 */
export function warmWhenIdle(text = ''): void {
	if (idleWarm || broken) return;
	idleWarm = true;
	const go = () => {
		void warm();
		expectCharacters(CURRENT_TEMPLATE_VERSION.framework, text);
	};
	if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 5_000 });
	else setTimeout(go, 1_000);
}
