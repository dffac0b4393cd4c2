// The outbox flusher: one at a time across tabs and the service worker, no DOM, usable from the service worker.
import { getMeta, META, type Session } from '../db/meta';
import { DEFAULT_BACKOFF, retryDelay, type BackoffOptions } from './backoff';
import { claimRow, dueRows, makeNetworkFailuresDue, markDone, markRejected, markRetry, nextWakeAt, pruneDone, releaseUntouched } from './outbox';
import { sendRow } from './push';

export const OUTBOX_LOCK = 'contract-desk-outbox';

export type FlushOptions = {
	fetchImpl?: typeof fetch;
	/** API root, default '/api/v1' (same origin as the page or the service worker). */
	baseUrl?: string;
	/** Requests in flight at once; rows of one resource are never in flight together. */
	concurrency?: number;
	backoff?: BackoffOptions;
	timeoutMs?: number;
	now?: () => number;
	random?: () => number;
	/** The network just came back (online event, Background Sync): rows that failed for lack of it go now. */
	networkBack?: boolean;
	/** false: skip Web Locks even where present (tests of the Dexie lease alone). */
	useLocks?: boolean;
};

export type FlushResult = {
	/** ran; busy (another flusher holds the lock); signedOut; sessionExpired (401, queue left as it was). */
	state: 'ran' | 'busy' | 'signedOut' | 'sessionExpired';
	sent: number;
	done: number;
	retried: number;
	rejected: number;
	/** When something next becomes due (retry or lease expiry); null when the queue is empty. */
	nextWakeAt: number | null;
};

/** The token that got a 401: not used again until the user signs in (a new token). */
let expiredToken: string | null = null;

type Locks = { request(name: string, opts: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<unknown>): Promise<unknown> };

function webLocks(): Locks | undefined {
	const nav = (globalThis as { navigator?: { locks?: Locks } }).navigator;
	return nav?.locks;
}

/**
 * Sends every row that is due, in order per resource, until none is left. Exclusive across
 * tabs and the service worker by a Web Lock; without Web Locks (or if a holder is killed
 * between claim and answer) the per-row claim in Dexie still gives each attempt to one sender.
 */
export async function flushOutbox(opts: FlushOptions = {}): Promise<FlushResult> {
	const locks = opts.useLocks === false ? undefined : webLocks();
	if (!locks) return run(opts, false);
	let result: FlushResult | undefined;
	await locks.request(OUTBOX_LOCK, { ifAvailable: true }, async (lock) => {
		if (lock) result = await run(opts, true);
	});
	return result ?? { state: 'busy', sent: 0, done: 0, retried: 0, rejected: 0, nextWakeAt: null };
}

/** `exclusive`: we hold the Web Lock, so rows left in `sending` are a dead flusher's and are taken over at once. */
async function run(opts: FlushOptions, exclusive: boolean): Promise<FlushResult> {
	const now = opts.now ?? Date.now;
	const random = opts.random ?? Math.random;
	const backoff = opts.backoff ?? DEFAULT_BACKOFF;
	const concurrency = Math.max(1, opts.concurrency ?? 6);
	const result: FlushResult = { state: 'ran', sent: 0, done: 0, retried: 0, rejected: 0, nextWakeAt: null };

	const session = await getMeta<Session>(META.session);
	if (!session) return { ...result, state: 'signedOut', nextWakeAt: await nextWakeAt() };
	if (session.token === expiredToken) return { ...result, state: 'sessionExpired', nextWakeAt: await nextWakeAt() };
	expiredToken = null; // a new sign-in gave a new token
	if (opts.networkBack) await makeNetworkFailuresDue(now());
	const ctx = { token: session.token, fetchImpl: opts.fetchImpl, baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs };

	let unauthorized = false;
	// A row is tried at most once per flush: its retry belongs to the backoff timer, not to a busy loop.
	const tried = new Set<string>();
	// Rounds: a snapshot of due rows, sent by a small pool; rows held back by an earlier row of their
	// resource come due in a later round, once that row is done.
	for (;;) {
		const snapshot = await dueRows(now(), exclusive);
		let claimedAny = false;
		let next = 0;
		const worker = async () => {
			while (!unauthorized && next < snapshot.length) {
				const candidate = snapshot[next++]!;
				if (tried.has(candidate.id)) continue;
				const row = await claimRow(candidate.id, now(), exclusive);
				if (!row) continue;
				claimedAny = true;
				tried.add(row.id);
				result.sent++;
				const outcome = await sendRow(row, ctx);
				const at = now();
				switch (outcome.kind) {
					case 'done':
						if (await markDone(row, at, outcome.contract)) result.done++;
						break;
					case 'retry':
						// Fenced out (a newer sender took the row over) → nothing of ours waits; don't report it as waiting.
						if (await markRetry(row, at, retryDelay(row.attempts, outcome.retryAfterMs, backoff, random), outcome.error)) result.retried++;
						break;
					case 'rejected':
						if (await markRejected(row, at, outcome.error, outcome.conflict)) result.rejected++;
						break;
					case 'unauthorized':
						unauthorized = true;
						await releaseUntouched(row, at);
						break;
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, snapshot.length) }, worker));
		if (unauthorized) {
			expiredToken = session.token;
			return { ...result, state: 'sessionExpired', nextWakeAt: await nextWakeAt() };
		}
		if (!claimedAny) break;
	}
	await pruneDone(now());
	return { ...result, nextWakeAt: await nextWakeAt() };
}

/** True while the queue waits for a new sign-in after a 401. */
export function waitingForSignIn(): boolean {
	return expiredToken !== null;
}

/** Forget a 401 (the user signed in again, or tests). */
export function clearExpiredSession(): void {
	expiredToken = null;
}
