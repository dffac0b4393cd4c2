// The sealing job: in the server process, off the request path, it finds registered contracts without a sealed copy (after a restart too), seals the stored bytes in its own worker thread and keeps the copy.
import type { Store } from '../store/index';
import { WorkerUnavailableError } from '../render/worker-pool';
import type { SealConfig } from './config';
import { ensureTestSeal, loadSigner } from './keys';
import { inSealWorker, sealWorker, stopSealWorker } from './seal-thread';
import type { SealedPdf } from './seal-worker';

const BATCH = 20;
/** A contract whose sealing failed is tried again after this long, so one bad document cannot keep the job busy. */
const RETRY_MS = 5 * 60_000;

/** Seals a contract's bytes as Party B's (name), signed at signingTime; where the CPU work happens is the caller's choice. */
export type SealBytes = (pdf: Uint8Array, seal: { name: string; signingTime: Date }) => Promise<SealedPdf>;

export interface SealerDeps {
	store: Store;
	seal: SealBytes;
	now: () => Date;
	log: (message: string, err?: unknown) => void;
	intervalMs: number;
	/** Releases what seal holds (its worker) once the job has stopped. */
	close?: () => Promise<void>;
}

export interface Sealer {
	/** Looks for work now (a registration just committed). */
	nudge(): void;
	/** Runs one pass to the end: seals everything waiting (tests). */
	drain(): Promise<number>;
	stop(): Promise<void>;
}

/** Seals one contract's stored bytes; false when it has none (yet) or is gone. */
export async function sealContract(
	deps: Pick<SealerDeps, 'store' | 'seal' | 'now'>,
	contractId: string
): Promise<boolean> {
	const [contract, pdf] = await Promise.all([
		deps.store.getContract(contractId),
		deps.store.getContractPdf(contractId)
	]);
	if (!contract || !pdf) return false;
	const signingTime = deps.now();
	const sealed = await deps.seal(pdf, { name: contract.record.partyB.name, signingTime });
	const result = await deps.store.putSealedCopy({
		contractId,
		pdf: sealed.pdf,
		pdfSha256: sealed.sha256,
		sealedAt: signingTime.toISOString()
	});
	return result !== 'notFound';
}

export function startSealer(deps: SealerDeps): Sealer {
	const failed = new Map<string, number>();
	let running: Promise<number> | undefined;
	let again = false;
	let stopped = false;

	async function pass(): Promise<number> {
		let sealed = 0;
		for (;;) {
			const now = Date.now();
			const ids = (await deps.store.listUnsealedContracts(BATCH + failed.size)).filter(
				(id) => (failed.get(id) ?? 0) <= now
			);
			if (!ids.length || stopped) return sealed;
			for (const id of ids.slice(0, BATCH)) {
				if (stopped) return sealed;
				try {
					if (await sealContract(deps, id)) sealed++;
					failed.delete(id);
				} catch (err) {
					if (stopped) return sealed;
					failed.set(id, Date.now() + RETRY_MS);
					// The worker crashed or timed out on it: this contract waits like any failed one (it may be the
					// cause), the pass ends and the next one starts with a fresh worker.
					if (err instanceof WorkerUnavailableError) {
						deps.log(`[seal] the seal worker failed on contract ${id}; retrying it in ${RETRY_MS / 60_000} min`, err);
						return sealed;
					}
					deps.log(`[seal] could not seal contract ${id}; retrying in ${RETRY_MS / 60_000} min`, err);
				}
			}
		}
	}

	function run(): Promise<number> {
		if (running) {
			again = true;
			return running;
		}
		running = pass()
			.catch((err: unknown) => {
				deps.log('[seal] pass failed', err);
				return 0;
			})
			.finally(() => {
				running = undefined;
				if (again && !stopped) {
					again = false;
					void run();
				}
			});
		return running;
	}

	const timer = setInterval(() => void run(), deps.intervalMs);
	timer.unref();
	void run();
	return {
		nudge: () => void run(),
		async drain() {
			if (running) await running;
			return run();
		},
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
			await deps.close?.();
		}
	};
}

/**
 * The seal of this configuration: the test seal made on first start; the key loaded here (a bad key stops the start)
 * and cloned to the seal worker thread (seal-thread.ts), where the signing happens: sealing takes ~25–35 ms of CPU
 * per contract, which on the main thread held up the registrations arriving meanwhile.
 */
export async function startSealing(
	config: SealConfig,
	deps: Pick<SealerDeps, 'store' | 'log'> & { providerName: string; now?: () => Date }
): Promise<Sealer | undefined> {
	if (config.mode === 'off') return undefined;
	if (config.mode === 'test') await ensureTestSeal(config.dataDir!, deps.providerName);
	const signer = await loadSigner(config.mode === 'p12' ? { p12: config.p12! } : config);
	sealWorker(deps.log);
	const test = config.mode === 'test';
	return startSealer({
		store: deps.store,
		seal: (pdf, { name, signingTime }) =>
			inSealWorker({
				kind: 'contract',
				pdf,
				seal: { signer, name, test, signingTime: signingTime.toISOString(), tsaUrl: config.tsaUrl }
			}),
		now: deps.now ?? (() => new Date()),
		log: deps.log,
		intervalMs: config.intervalMs,
		close: stopSealWorker
	});
}
