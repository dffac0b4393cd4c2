// A fixed-size pool of worker threads running a TypeScript module, one job per worker at a time, queue in front.
import { basename } from 'node:path';
import { parentPort, Worker, type Transferable } from 'node:worker_threads';
import { detachEarly } from '../../src/lib/bytes/detachEarly';

/** The pool could not run a job (worker crashed, timed out, pool closed): the input is not at fault, retry later. */
export class WorkerUnavailableError extends Error {
	override name = 'WorkerUnavailableError';
}

export interface WorkerPoolOptions {
	/** The worker's TypeScript module; it calls serveJobs once. */
	module: URL;
	size: number;
	/** Longest time a dispatched job may take before its worker is replaced (the queue wait does not count). */
	timeoutMs?: number;
	log?: (message: string, err?: unknown) => void;
}

type Request<I> = { id: number; input: I };
type Reply<O> =
	{ id: number; ok: true; value: O } | { id: number; ok: false; error: { name: string; message: string } };
type Job<I, O> = { id: number; input: I; resolve: (value: O) => void; reject: (err: unknown) => void };
type Slot<I, O> = { worker: Worker; ready: boolean; job?: Job<I, O>; timer?: NodeJS.Timeout };
type Ready = { ready: true };

/** A new worker loads tsx and its module first; on a busy machine that alone can take seconds. */
const STARTUP_MS = 30_000;

const ENTRY = new URL('./ts-worker.mjs', import.meta.url);

export class WorkerPool<I, O> {
	readonly size: number;
	readonly #module: string;
	readonly #timeoutMs: number;
	readonly #log: (message: string, err?: unknown) => void;
	readonly #slots = new Set<Slot<I, O>>();
	readonly #queue: Job<I, O>[] = [];
	#nextId = 1;
	#closed = false;

	constructor(options: WorkerPoolOptions) {
		if (!Number.isInteger(options.size) || options.size < 1)
			throw new Error(`pool size must be a positive integer: ${options.size}`);
		this.size = options.size;
		this.#module = options.module.href;
		this.#timeoutMs = options.timeoutMs ?? 30_000;
		this.#log = options.log ?? ((message, err) => console.error(message, err ?? ''));
		// Started at once so module loading and warm-up (fonts) overlap with the server's start, not a first request.
		for (let i = 0; i < this.size; i++) this.#spawn();
	}

	run(input: I): Promise<O> {
		if (this.#closed) return Promise.reject(new WorkerUnavailableError('worker pool is closed'));
		return new Promise<O>((resolve, reject) => {
			this.#queue.push({ id: this.#nextId++, input, resolve, reject });
			this.#dispatch();
		});
	}

	/** Rejects queued and running jobs and terminates the workers. */
	async close(): Promise<void> {
		this.#closed = true;
		const closed = new WorkerUnavailableError('worker pool is closed');
		for (const job of this.#queue.splice(0)) job.reject(closed);
		const slots = [...this.#slots];
		this.#slots.clear();
		await Promise.all(
			slots.map((slot) => {
				clearTimeout(slot.timer);
				slot.job?.reject(closed);
				return slot.worker.terminate();
			})
		);
	}

	#dispatch(): void {
		while (this.#queue.length) {
			let slot = [...this.#slots].find((s) => !s.job);
			if (!slot) {
				if (this.#slots.size >= this.size) return;
				// Replacements for dead workers are made here, only when work waits: a worker that cannot start
				// fails the jobs given to it one by one instead of respawning in a tight loop.
				slot = this.#spawn();
			}
			const job = this.#queue.shift()!;
			const busy = slot;
			busy.job = job;
			// Busy workers keep the process alive until they answer; idle ones must not hold it open.
			busy.worker.ref();
			this.#arm(busy, busy.ready ? this.#timeoutMs : STARTUP_MS + this.#timeoutMs);
			busy.worker.postMessage({ id: job.id, input: job.input } satisfies Request<I>);
		}
	}

	#arm(slot: Slot<I, O>, ms: number): void {
		clearTimeout(slot.timer);
		slot.timer = setTimeout(
			() => this.#fail(slot, new WorkerUnavailableError(`worker gave no answer within ${this.#timeoutMs} ms`)),
			ms
		);
	}

	#spawn(): Slot<I, O> {
		// No inherited execArgv: tsx's CLI flags do not take effect in a worker on Node 20; ts-worker.mjs registers tsx itself.
		// Named after its module (e.g. render-worker): the thread's name in /proc, profiles and heap snapshots.
		const name = basename(new URL(this.#module).pathname).replace(/\.[cm]?[jt]s$/, '');
		const worker = new Worker(ENTRY, { workerData: { module: this.#module }, execArgv: [], name });
		const slot: Slot<I, O> = { worker, ready: false };
		worker.on('message', (reply: Reply<O> | Ready) => {
			if ('ready' in reply) {
				// The job's own time starts now: the worker's start-up is not the job's fault.
				slot.ready = true;
				if (slot.job) this.#arm(slot, this.#timeoutMs);
				return;
			}
			const job = slot.job;
			if (!job || reply.id !== job.id) return;
			clearTimeout(slot.timer);
			slot.job = slot.timer = undefined;
			worker.unref();
			if (reply.ok) job.resolve(reply.value);
			else job.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
			this.#dispatch();
		});
		worker.on('error', (err) => this.#fail(slot, new WorkerUnavailableError('worker crashed', { cause: err })));
		worker.on('exit', (code) => this.#fail(slot, new WorkerUnavailableError(`worker exited with code ${code}`)));
		// After the listeners: adding a 'message' listener refs the worker's port again.
		worker.unref();
		this.#slots.add(slot);
		return slot;
	}

	#fail(slot: Slot<I, O>, err: WorkerUnavailableError): void {
		// 'error' is followed by 'exit', and close() removes slots before terminating: handle each death once.
		if (!this.#slots.has(slot)) return;
		this.#slots.delete(slot);
		clearTimeout(slot.timer);
		void slot.worker.terminate();
		this.#log(`[worker-pool] ${this.#module}: ${err.message}`, err.cause);
		slot.job?.reject(err);
		this.#dispatch();
	}
}

/** The worker side: answers each job posted by a WorkerPool with handle's result or its error. */
export function serveJobs<I, O>(
	handle: (input: I) => O | Promise<O>,
	/** Buffers of the answer to move to the pool's thread instead of copying (e.g. a PDF's bytes). */
	transfer: (value: O) => Transferable[] = () => []
): void {
	const port = parentPort;
	if (!port) throw new Error('serveJobs must run in a worker thread');
	// Answers' buffers are transferred: the first transfer, done now, deoptimizes nothing yet.
	detachEarly();
	const answer = async ({ id, input }: Request<I>) => {
		let reply: Reply<O>;
		let moved: Transferable[] = [];
		try {
			const value = await handle(input);
			moved = transfer(value);
			reply = { id, ok: true, value };
		} catch (err) {
			// Only name and message cross the thread boundary; the pool rebuilds a plain Error from them.
			const e = err instanceof Error ? err : new Error(String(err));
			reply = { id, ok: false, error: { name: e.name, message: e.message } };
		}
		port.postMessage(reply, moved);
	};
	port.on('message', (request: Request<I>) => void answer(request));
	port.postMessage({ ready: true } satisfies Ready);
}
