// The outbox flusher: one at a time across tabs and the service worker, no DOM, usable from the service worker.
import { getMeta, META, type Session } from '../db/meta';
import { DEFAULT_BACKOFF, retryDelay, type BackoffOptions } from './backoff';
import {
	claimRow,
	dueRows,
	makeTransientFailuresDue,
	markDone,
	markRejected,
	markRetry,
	nextWakeAt,
	pruneDone,
	releaseUntouched
} from './outbox';
import { sendRow } from './push';
import { isSessionExpired, markSessionExpired } from './session-expiry';

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
	/** The network just came back (online event, Background Sync): rows that failed transiently go now. */
	networkBack?: boolean;
	/** false: skip Web Locks even where present (tests of the Dexie lease alone). */
	useLocks?: boolean;
	/** Whether the device has a network; default `navigator.onLine`. Offline, nothing is sent at all. */
	isOnline?: () => boolean;
	/**
	 * After this many transient failures without one success, the flush stops sending: a provider that is
	 * down gets a couple of probes per round, not the whole queue. The rows not tried lose no attempt.
	 * Default: no limit (the engine and the service worker pass 2).
	 */
	probeFailures?: number;
};

/**
 * What the provider's answers said about it during a flush: ok (at least one success), unreachable
 * (no answer at all), failing (answers, but 5xx/429), or unknown (nothing was sent or only refusals came).
 */
export type ProviderHealth = 'ok' | 'unreachable' | 'failing' | 'unknown';

export type FlushResult = {
	/** ran; busy (another flusher holds the lock); offline (nothing sent); signedOut; sessionExpired (401, queue left as it was). */
	state: 'ran' | 'busy' | 'offline' | 'signedOut' | 'sessionExpired';
	sent: number;
	done: number;
	retried: number;
	rejected: number;
	/** Rows made due early because the provider answered again after failures. */
	recovered: number;
	health: ProviderHealth;
	/** When something next becomes due (retry or lease expiry of a row that may be sent); null when nothing waits. */
	nextWakeAt: number | null;
};

type Locks = {
	request(name: string, opts: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>;
};

function webLocks(): Locks | undefined {
	const nav = (globalThis as { navigator?: { locks?: Locks } }).navigator;
	return nav?.locks;
}

function navigatorOnline(): boolean {
	return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine ?? true;
}

const empty = (state: FlushResult['state']): FlushResult => ({
	state,
	sent: 0,
	done: 0,
	retried: 0,
	rejected: 0,
	recovered: 0,
	health: 'unknown',
	nextWakeAt: null
});

/**
 * Sends every row that is due, in order per resource, until none is left. Exclusive across
 * tabs and the service worker by a Web Lock; without Web Locks (or if a holder is killed
 * between claim and answer) the per-row claim in Dexie still gives each attempt to one sender.
 */
export async function flushOutbox(opts: FlushOptions = {}): Promise<FlushResult> {
	if (!(opts.isOnline ?? navigatorOnline)()) return empty('offline');
	const locks = opts.useLocks === false ? undefined : webLocks();
	if (!locks) return run(opts, false);
	let result: FlushResult | undefined;
	await locks.request(OUTBOX_LOCK, { ifAvailable: true }, async (lock) => {
		if (lock) result = await run(opts, true);
	});
	return result ?? empty('busy');
}

/** `exclusive`: we hold the Web Lock, so rows left in `sending` are a dead flusher's and are taken over at once. */
async function run(opts: FlushOptions, exclusive: boolean): Promise<FlushResult> {
	const now = opts.now ?? Date.now;
	const random = opts.random ?? Math.random;
	const backoff = opts.backoff ?? DEFAULT_BACKOFF;
	const isOnline = opts.isOnline ?? navigatorOnline;
	const concurrency = Math.max(1, opts.concurrency ?? 6);
	const result = empty('ran');

	const session = await getMeta<Session>(META.session);
	if (!session) return { ...result, state: 'signedOut', nextWakeAt: await nextWakeAt() };
	if (isSessionExpired(session.token)) return { ...result, state: 'sessionExpired', nextWakeAt: await nextWakeAt() };
	if (opts.networkBack) await makeTransientFailuresDue(now());
	const ctx = { token: session.token, fetchImpl: opts.fetchImpl, baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs };

	let unauthorized = false;
	let offline = false;
	let unreachable = 0;
	let failing = 0;
	const probeFailures = Math.max(1, opts.probeFailures ?? Infinity);
	const providerDown = () => result.done === 0 && result.rejected === 0 && unreachable + failing >= probeFailures;
	// Once per flush: the first success after failures brings every transiently failed row forward.
	let recoveryChecked = false;
	// A row is tried at most once per flush: its retry belongs to the backoff timer, not to a busy loop.
	const tried = new Set<string>();
	// Rounds: a snapshot of due rows (one per resource), sent by a small pool; the row behind a finished
	// one comes due in the next snapshot.
	for (;;) {
		const snapshot = (await dueRows(now(), exclusive)).filter((r) => !tried.has(r.id));
		let claimedAny = false;
		let next = 0;
		const worker = async () => {
			while (!unauthorized && !offline && !providerDown() && next < snapshot.length) {
				const candidate = snapshot[next++]!;
				// The phone lost its network: stop before sending, rather than burn attempts on it.
				if (!isOnline()) {
					offline = true;
					break;
				}
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
						if (!recoveryChecked) {
							recoveryChecked = true;
							result.recovered += await makeTransientFailuresDue(at);
						}
						break;
					case 'retry':
						if (outcome.error.code === 'network' && !isOnline()) {
							// The phone went offline under the request: not the row's failure, not an attempt.
							offline = true;
							await releaseUntouched(row, at);
							break;
						}
						if (outcome.error.code === 'network') unreachable++;
						else failing++;
						// Fenced out (a newer sender took the row over) → nothing of ours waits; don't report it as waiting.
						if (
							await markRetry(
								row,
								at,
								retryDelay(row.attempts, outcome.retryAfterMs, backoff, random),
								outcome.error,
								outcome.retryAfterMs
							)
						)
							result.retried++;
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
			markSessionExpired(session.token);
			return { ...result, state: 'sessionExpired', nextWakeAt: await nextWakeAt() };
		}
		if (offline)
			return {
				...result,
				state: 'offline',
				health: healthOf(result, unreachable, failing),
				nextWakeAt: await nextWakeAt()
			};
		if (!claimedAny || providerDown()) break;
	}
	await pruneDone(now());
	return { ...result, health: healthOf(result, unreachable, failing), nextWakeAt: await nextWakeAt() };
}

function healthOf(result: FlushResult, unreachable: number, failing: number): ProviderHealth {
	if (result.done > 0) return 'ok';
	if (failing > 0) return 'failing';
	if (unreachable > 0) return 'unreachable';
	return result.rejected > 0 ? 'ok' : 'unknown';
}
