// The process's one seal worker thread, shared by the sealing job and the evidence report: signing and writing PDFs take tens of milliseconds of CPU each, which on the main thread held up every request meanwhile.
import { WorkerPool } from '../render/worker-pool';
import type { SealedPdf, SealJob } from './seal-worker';

let pool: WorkerPool<SealJob, SealedPdf> | undefined;

/** Starts the worker now (loading tsx, pkijs and the seal's font takes a while), or returns the running one. */
export function sealWorker(log?: (message: string, err?: unknown) => void): WorkerPool<SealJob, SealedPdf> {
	// Not the render workers: a seal must not queue in front of a registration's re-render, nor the reverse.
	pool ??= new WorkerPool<SealJob, SealedPdf>({
		module: new URL('./seal-worker.ts', import.meta.url),
		size: 1,
		// A TSA may take up to its own 15 s timeout.
		timeoutMs: 60_000,
		log
	});
	return pool;
}

export function inSealWorker(job: SealJob): Promise<SealedPdf> {
	return sealWorker().run(job);
}

/** Stops the worker; the next job starts a new one. */
export async function stopSealWorker(): Promise<void> {
	const running = pool;
	pool = undefined;
	await running?.close();
}
