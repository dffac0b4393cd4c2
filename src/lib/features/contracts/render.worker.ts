// The render worker: loads a version's fonts and renders contracts off the page's thread, living between documents so what it parsed is reused.
/// <reference lib="webworker" />
import { detachEarly } from '../../bytes/detachEarly';
import { CURRENT_TEMPLATE_VERSION } from '../../domain/templateVersions';
import { EXAMPLES, exampleFramework, withoutPending, type ExampleKind } from '../../pdf/examples';
import { prepareContractFaces } from '../../pdf/fontCache';
import { fontSetOf } from '../../pdf/fontSets';
import { loadContractFonts } from '../../pdf/fonts';
import { GlyphPendingError } from '../../pdf/coverage';
import { renderContractPdf, type ContractFonts, type RenderOptions } from '../../pdf/render';
import type { ContractRecord } from '../../domain/contract';
import { pdfDocument, type RenderedPdf } from './pdfDocument';
import {
	serializeError,
	type CharactersHint,
	type FontsLoaded,
	type PageMessage,
	type RenderProgress,
	type RenderRequest,
	type RenderResponse,
	type WorkerTiming
} from './renderProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// A registered copy's bytes are transferred to the page: the first transfer, done now, deoptimizes nothing yet.
detachEarly();

/** The fonts of each template version as last loaded: a 'render' uses what its 'fonts' request loaded. */
const loaded = new Map<string, ContractFonts>();
/** Font sets a throwaway document has been rendered with (fonts fetched, parsed, the renderer's code compiled). */
const warmed = new Set<string>();

async function timed<T>(timings: WorkerTiming[], name: string, fn: () => Promise<T>): Promise<T> {
	const start = performance.now();
	try {
		return await fn();
	} finally {
		const duration = performance.now() - start;
		timings.push({ name, start, duration });
		// Visible in a trace of the worker too.
		performance.measure(name, { start, duration });
	}
}

/**
 * A version's fonts as soon as they can render: a split face's core alone. Its rest (characters outside GB 2312 and
 * 通用规范汉字表) is fetched when a record or the page's hint needs it, and put into the same buffer, so what was
 * parsed and warmed on the core stays. On a phone the rest's megabytes cost seconds of download and the CPU the
 * first contract needs; most users never need it.
 */
async function fonts(templateVersion: string, timings: WorkerTiming[]): Promise<ContractFonts> {
	const f = await timed(timings, 'cd:worker:fonts', () => loadContractFonts(templateVersion, { withRest: false }));
	loaded.set(templateVersion, f);
	return f;
}

/**
 * Renders with the fonts as they are; a record with a character whose outline is still on its way waits for it,
 * and the page hears so (request `id`).
 */
async function render(
	id: number,
	record: ContractRecord,
	f: ContractFonts,
	timings: WorkerTiming[],
	options?: RenderOptions
): Promise<Uint8Array> {
	try {
		return await renderContractPdf(record, f, options);
	} catch (e) {
		if (!(e instanceof GlyphPendingError)) throw e;
		const v = record.templateVersion;
		scope.postMessage({ id, progress: 'fonts' } satisfies RenderProgress);
		const complete = await timed(timings, 'cd:worker:rest', () => loadContractFonts(v));
		scope.postMessage({ id, progress: 'rendering' } satisfies RenderProgress);
		loaded.set(v, complete);
		// Still pending when the rest could not be had (offline): the same GlyphPendingError, for the page to explain.
		return renderContractPdf(record, complete, options);
	}
}

/** The page's hint: the rest starts coming now if the user's characters need it (a failure is the render's to report). */
async function fetchRestFor({ templateVersion, text }: CharactersHint): Promise<void> {
	const f = await loadContractFonts(templateVersion, { withRest: false });
	if (Array.from(text).some((c) => f.pending?.has(c.codePointAt(0)!))) await loadContractFonts(templateVersion);
}

/** What a warm-up leaves loaded for this version (null when it was another version of the set): the page skips asking again. */
function loadedAnswer(templateVersion: string): FontsLoaded | null {
	const f = loaded.get(templateVersion);
	return f ? { set: f.set } : null;
}

async function handle(
	req: RenderRequest,
	timings: WorkerTiming[]
): Promise<Uint8Array | RenderedPdf | FontsLoaded | null> {
	switch (req.type) {
		case 'fonts': {
			const f = await fonts(req.templateVersion, timings);
			return { set: f.set };
		}
		case 'render': {
			const v = req.record.templateVersion;
			const f = loaded.get(v) ?? (await fonts(v, timings));
			rendered++;
			const bytes = await timed(timings, 'cd:worker:render', () => render(req.id, req.record, f, timings, req.options));
			return req.as === 'document' ? timed(timings, 'cd:worker:hash', () => pdfDocument(bytes)) : bytes;
		}
		case 'warm': {
			const set = fontSetOf(req.templateVersion);
			if (warmed.has(set)) return loadedAnswer(req.templateVersion);
			const f = await fonts(req.templateVersion, timings);
			await timed(timings, 'cd:worker:parse', () => prepareContractFaces(f));
			// A document of today's framework version when it shares the set; an older set only gets its fonts loaded.
			const example = fontSetOf(CURRENT_TEMPLATE_VERSION.framework) === set ? exampleFramework() : null;
			// One task's pause lets a request sent meanwhile arrive: a page already waiting for its own document (a
			// click during the fetch or the parse) gets it next, not after a throwaway one (on a phone, 0.8 s more).
			await new Promise((resolve) => setTimeout(resolve, 0));
			if (example && waitedFor === 0) {
				rendered++;
				await timed(timings, 'cd:worker:warm-render', () => throwaway(example, f)).catch(() => {
					// Not worth failing the warm-up for: the fonts are loaded, the user's document will say what is wrong.
				});
			}
			warmed.add(set);
			settleSoon(set);
			return loadedAnswer(req.templateVersion);
		}
	}
}

/**
 * A document nobody asked for, made the way a user's is: from the record as structured clone gives it, then hashed
 * and made a Blob. Rendered from the example objects alone, the code V8 optimized did not fit the user's documents:
 * on the phone it was thrown away and compiled again during the user's second one (80–150 ms of background
 * compilation, the render 3× slower).
 */
async function throwaway(example: ContractRecord, f: ContractFonts): Promise<void> {
	await pdfDocument(await renderContractPdf(structuredClone(withoutPending(example, f.pending)), f));
}

// One job at a time, in arrival order: a render asked for during the warm-up waits for it and then finds everything parsed.
let queue: Promise<void> = Promise.resolve();
/** The page's jobs not finished yet: a settling render is only started when there are none. */
let asked = 0;
/** Of those, the ones a person waits for (all but warm-ups): a warm-up skips its throwaway document when one is queued. */
let waitedFor = 0;
/** Documents this worker has rendered, throwaway ones included. */
let rendered = 0;

/**
 * V8 goes on compiling the renderer's code over its first few documents: measured on the phone-class CPU, the
 * second to fourth documents still cost 90–140 ms of background compilation each (on threads that share the
 * phone's CPU with the page), and their own render 250–320 ms; after five it is 20–30 ms and 105–150 ms. So, once
 * warm, the worker renders throwaway documents of each kind while the page asks nothing (and has not for
 * SETTLE_QUIET_MS), one job at a time through the same queue: a click waits for one of them at most. About a second
 * of a phone's CPU, once per worker; the user's own documents count towards SETTLE_RENDERS.
 */
export const SETTLE_RENDERS = 5;
const SETTLE_KINDS: ExampleKind[] = ['order', 'filing', 'framework'];
const SETTLE_GAP_MS = 50;
/** After a document the page waited for, it stores it and shows it: a throwaway render would take the phone's CPU from that. */
export const SETTLE_QUIET_MS = 1_500;
/** When the last request the page waited for was answered. */
let lastWaitedForAt = -Infinity;
const pageBusy = () => asked > 0 || performance.now() - lastWaitedForAt < SETTLE_QUIET_MS;

function settleSoon(set: string): void {
	const f = [...loaded.values()].find((x) => x.set === set);
	const examples = SETTLE_KINDS.map((kind) => EXAMPLES[kind]()).filter((r) => fontSetOf(r.templateVersion) === set);
	if (!f || examples.length === 0) return;
	const next = () => {
		if (rendered >= SETTLE_RENDERS) return;
		if (pageBusy()) return void setTimeout(next, SETTLE_GAP_MS);
		const example = examples[rendered % examples.length]!;
		queue = queue.then(async () => {
			if (pageBusy()) return void setTimeout(next, SETTLE_GAP_MS);
			const timings: WorkerTiming[] = [];
			const ok = await timed(timings, 'cd:worker:settle', () => throwaway(example, f)).then(
				() => true,
				// As for the warm-up's own document: the page's documents will say what is wrong.
				() => false
			);
			rendered++;
			// Not an answer to anything (id 0): the page puts the span on its timeline, as the bench reads it.
			scope.postMessage({
				id: 0,
				ok: true,
				value: null,
				origin: performance.timeOrigin,
				timings
			} satisfies RenderResponse);
			if (ok) setTimeout(next, SETTLE_GAP_MS);
		});
	};
	setTimeout(next, SETTLE_GAP_MS);
}

scope.onmessage = (event: MessageEvent<PageMessage>) => {
	const req = event.data;
	// Beside the queue: a render under way must not hold the rest's download back.
	if (req.type === 'characters') return void fetchRestFor(req).catch(() => undefined);
	asked++;
	if (req.type !== 'warm') waitedFor++;
	queue = queue.then(async () => {
		const timings: WorkerTiming[] = [];
		const origin = performance.timeOrigin;
		let res: RenderResponse;
		let transfer: Transferable[] = [];
		try {
			let value = await handle(req, timings);
			if (value instanceof Uint8Array) {
				// Handed over, not copied: a view on part of a larger buffer is cut to its own buffer first.
				if (value.byteOffset !== 0 || value.byteLength !== value.buffer.byteLength) value = value.slice();
				transfer = [value.buffer];
			}
			res = { id: req.id, ok: true, value, origin, timings };
		} catch (e) {
			res = { id: req.id, ok: false, error: serializeError(e), origin, timings };
		}
		asked--;
		if (req.type !== 'warm') {
			waitedFor--;
			lastWaitedForAt = performance.now();
		}
		scope.postMessage(res, transfer);
	});
};
