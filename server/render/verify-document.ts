// Registration re-renders the record with the same pure renderer the device used and compares fingerprints, in worker threads.
import { availableParallelism } from 'node:os';
import type { ContractRecord } from '../../src/lib/domain/contract';
import { RenderUnavailableError, type VerifyDocument } from '../registry/registration';
import type { RenderRegisteredCopy } from './registered-copy';
import type { Rendered, RenderJob } from './render-worker';
import { WorkerPool, WorkerUnavailableError } from './worker-pool';

/** RENDER_WORKERS, else one core less than the machine has (the main thread keeps one), between 1 and 2. */
export function renderWorkerCount(env: NodeJS.ProcessEnv = process.env, cpus = availableParallelism()): number {
	const raw = env.RENDER_WORKERS;
	if (raw !== undefined && raw !== '') {
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 1) throw new Error(`RENDER_WORKERS must be a positive integer: ${raw}`);
		return n;
	}
	return Math.min(2, Math.max(1, cpus - 1));
}

// A render is up to ~130 ms of synchronous jsPDF work; on the main thread it would stall every other request.
let pool: WorkerPool<RenderJob, Rendered> | undefined;

/** Starts the workers (idempotent); the server calls it at start so RENDER_WORKERS is checked and fonts load early. */
export function startRenderPool(): number {
	pool ??= new WorkerPool<RenderJob, Rendered>({
		module: new URL('./render-worker.ts', import.meta.url),
		size: renderWorkerCount()
	});
	return pool.size;
}

/** Terminates the workers; a later verification starts a new pool. */
export async function stopRenderPool(): Promise<void> {
	const closing = pool;
	pool = undefined;
	await closing?.close();
}

async function render(job: RenderJob): Promise<Rendered> {
	startRenderPool();
	try {
		return await pool!.run(job);
	} catch (err) {
		// A dead or stuck worker says nothing about the contract; a render error (e.g. a missing glyph) does.
		if (err instanceof WorkerUnavailableError) throw new RenderUnavailableError(err.message, { cause: err });
		throw err;
	}
}

/** The server's rendering of a record: the document a registration stores and /pdf serves. */
export const renderDocument = (record: ContractRecord): Promise<Rendered> => render({ record });

export const verifyDocument: VerifyDocument = async (record, pdfSha256) => {
	const rendered = await renderDocument(record);
	return rendered.sha256 === pdfSha256 ? rendered.pdf : false;
};

/** The registered copy's PDF SHA-256: the bytes the device's 下载登记版 makes for the same record and time. */
export const renderRegisteredCopy: RenderRegisteredCopy = async (record, registeredAt) =>
	(await render({ record, registeredAt })).sha256;
