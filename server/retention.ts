// The periodic retention job: deletes expired sessions and idempotency rows past the retention period.
import type { Store } from './store/index';

export interface RetentionOptions {
	store: Store;
	/** Finished idempotency rows are kept this long (RETENTION_DAYS): long enough for any device's retries. */
	retentionMs: number;
	intervalMs: number;
	now?: () => number;
	log?: (message: string, err?: unknown) => void;
}

/** One pass; what it deleted. */
export async function purgeOnce(opts: Pick<RetentionOptions, 'store' | 'retentionMs' | 'now'>) {
	const now = (opts.now ?? Date.now)();
	return opts.store.purgeExpired({ now, idempotencyBefore: now - opts.retentionMs });
}

/**
 * Runs a pass at start and then every interval; returns the stop function. The timer is unref'd so it never keeps
 * the process alive, and a failed pass is logged and retried at the next tick rather than crashing the server.
 * A retry after the retention period is still safe: the effects themselves compare content (same → 200).
 */
export function startRetention(opts: RetentionOptions): () => void {
	const log = opts.log ?? ((message: string, err?: unknown) => console.error(message, err ?? ''));
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			const { sessions, idempotency } = await purgeOnce(opts);
			if (sessions || idempotency)
				log(`[retention] deleted ${sessions} expired session(s), ${idempotency} idempotency row(s)`);
		} catch (err) {
			log('[retention] pass failed', err);
		} finally {
			running = false;
		}
	};
	void tick();
	const timer = setInterval(() => void tick(), opts.intervalMs);
	timer.unref?.();
	return () => clearInterval(timer);
}
