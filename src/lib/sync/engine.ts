// When to sync: on start, online, visible, after an enqueue, on the backoff timer, on demand; flush, then pull.
import { getDb, type ContractDeskDB } from '../db/database';
import { getMeta, META, type Session } from '../db/meta';
import { HttpError, NetworkError } from './api';
import { requestBackgroundSync } from './background';
import { syncErrorOf } from './errors';
import { flushOutbox, waitingForSignIn, type FlushResult } from './flush';
import { makeAllDue } from './outbox';
import { pull } from './pull';
import { syncStatus } from './status.svelte';

let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Infinity;

/** Schedules a round in `ms` unless one is already scheduled sooner. */
function wakeIn(ms: number): void {
	const at = Date.now() + Math.max(0, ms);
	if (timer !== undefined && timerAt <= at) return;
	if (timer !== undefined) clearTimeout(timer);
	timerAt = at;
	// setTimeout overflows past 2^31-1 ms; a long backoff is capped at minutes anyway.
	timer = setTimeout(() => {
		timer = undefined;
		timerAt = Infinity;
		void syncNow();
	}, Math.min(Math.max(0, ms), 2 ** 31 - 1));
}

function afterFlush(flush: FlushResult): void {
	syncStatus.nextFlushAt = flush.nextWakeAt;
	if (flush.state === 'sessionExpired') syncStatus.sessionExpired = true;
	// Another tab or the service worker holds the lock: look again shortly, in case it just finished.
	if (flush.state === 'busy') wakeIn(2_000);
	else if (flush.nextWakeAt !== null && flush.state === 'ran') wakeIn(flush.nextWakeAt - Date.now());
	if (flush.retried > 0) void requestBackgroundSync();
}

async function round(networkBack: boolean): Promise<void> {
	const session = await getMeta<Session>(META.session);
	if (!session) return;
	syncStatus.pulling = true;
	try {
		syncStatus.flushing = true;
		try {
			afterFlush(await flushOutbox({ networkBack }));
		} finally {
			syncStatus.flushing = false;
		}
		await pull();
		syncStatus.error = null;
		if (!waitingForSignIn()) syncStatus.sessionExpired = false;
	} catch (e) {
		if (e instanceof HttpError && e.status === 401) syncStatus.sessionExpired = true;
		else if (e instanceof NetworkError) syncStatus.error = null; // offline is a state (the badge), not an error
		else syncStatus.error = syncErrorOf(e);
	} finally {
		syncStatus.pulling = false;
	}
}

let networkBackPending = false;

/** Runs one sync round; a call during a round queues exactly one more round after it. */
export function syncNow(opts: { networkBack?: boolean } = {}): Promise<void> {
	if (opts.networkBack) networkBackPending = true;
	if (running) {
		again = true;
		return running;
	}
	const networkBack = networkBackPending;
	networkBackPending = false;
	running = round(networkBack).finally(() => {
		running = null;
		if (again) {
			again = false;
			void syncNow();
		}
	});
	return running;
}

/** The "sync now" button: rows waiting for their backoff are tried at once too. */
export async function syncNowForced(): Promise<void> {
	await makeAllDue();
	await syncNow();
}

/** Call after writing an outbox row (the Dexie hook below does it for every insert in this tab). */
export function notifyEnqueued(): void {
	wakeIn(50);
	void requestBackgroundSync();
}

const hooked = new WeakSet<ContractDeskDB>();
function hookOutbox(): void {
	const db = getDb();
	if (hooked.has(db)) return;
	hooked.add(db);
	db.outbox.hook('creating', function () {
		// Fires inside the writing transaction; the flush's own transaction waits for it to commit.
		this.onsuccess = () => notifyEnqueued();
	});
}

let started = false;
/** Starts every trigger; called by the layout once signed in (again on navigation: cheap). */
export function startSync(): void {
	if (typeof window === 'undefined') return;
	hookOutbox();
	if (started) {
		// Back from signing in again after a 401: the waiting queue goes out with the new token.
		if (waitingForSignIn()) void syncNow();
		return;
	}
	started = true;
	const onOnline = () => {
		syncStatus.online = true;
		void syncNow({ networkBack: true });
	};
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', () => (syncStatus.online = false));
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') {
			hookOutbox();
			void syncNow();
		}
	});
	void syncNow();
}
