// The sealing job: in the server process, off the request path, it finds registered contracts without a sealed copy (after a restart too), seals the stored bytes and keeps the copy.
import { createHash } from 'node:crypto';
import type { Store } from '../store/index';
import type { SealSigner, TimestampSource } from './cms';
import type { SealConfig } from './config';
import { ensureTestSeal, loadSigner } from './keys';
import { sealPdf } from './seal-pdf';
import { tsaClient } from './tsa';

const BATCH = 20;
/** A contract whose sealing failed is tried again after this long, so one bad document cannot keep the job busy. */
const RETRY_MS = 5 * 60_000;

export interface SealerDeps {
	store: Store;
	signer: SealSigner;
	test: boolean;
	timestamp?: TimestampSource;
	now: () => Date;
	log: (message: string, err?: unknown) => void;
	intervalMs: number;
}

export interface Sealer {
	/** Looks for work now (a registration just committed). */
	nudge(): void;
	/** Runs one pass to the end: seals everything waiting (tests). */
	drain(): Promise<number>;
	stop(): Promise<void>;
}

/** Seals one contract's stored bytes; false when it has none (yet) or is gone. */
export async function sealContract(deps: Omit<SealerDeps, 'intervalMs' | 'log'>, contractId: string): Promise<boolean> {
	const [contract, pdf] = await Promise.all([
		deps.store.getContract(contractId),
		deps.store.getContractPdf(contractId)
	]);
	if (!contract || !pdf) return false;
	const signingTime = deps.now();
	const sealed = await sealPdf(pdf, {
		signer: deps.signer,
		name: contract.record.partyB.name,
		test: deps.test,
		signingTime,
		timestamp: deps.timestamp
	});
	const result = await deps.store.putSealedCopy({
		contractId,
		pdf: sealed,
		pdfSha256: createHash('sha256').update(sealed).digest('hex'),
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
					failed.set(id, Date.now() + RETRY_MS);
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
		}
	};
}

/** The seal of this configuration: the test seal made on first start; the key loaded here, where signing happens. */
export async function startSealing(
	config: SealConfig,
	deps: Pick<SealerDeps, 'store' | 'log'> & { providerName: string; now?: () => Date }
): Promise<Sealer | undefined> {
	if (config.mode === 'off') return undefined;
	if (config.mode === 'test') await ensureTestSeal(config.dataDir!, deps.providerName);
	const signer = await loadSigner(config.mode === 'p12' ? { p12: config.p12! } : config);
	return startSealer({
		store: deps.store,
		signer,
		test: config.mode === 'test',
		timestamp: config.tsaUrl ? tsaClient(config.tsaUrl) : undefined,
		now: deps.now ?? (() => new Date()),
		log: deps.log,
		intervalMs: config.intervalMs
	});
}
