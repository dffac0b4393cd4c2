// The app's sync engine and its triggers: start, online, visible, enqueue, the buttons; the scheduling rules are in ./scheduler.ts.
import { afterFirstPaint } from '../components/afterPaint';
import { getDb, type ContractDeskDB } from '../db/database';
import { requestBackgroundSync } from './background';
import { SyncEngine, type RequestOptions } from './scheduler';
import { onSessionExpiry } from './session-expiry';
import { syncStatus } from './status.svelte';

let engine: SyncEngine | undefined;
function theEngine(): SyncEngine {
	engine ??= new SyncEngine({
		isOnline: () => syncStatus.online,
		status: syncStatus,
		backgroundSync: () => void requestBackgroundSync()
	});
	return engine;
}

/** Asks for a round (the home screen's button, tests); resolves when it has run. */
export function syncNow(opts: RequestOptions = {}): Promise<void> {
	return theEngine().request(opts);
}

/** The "sync now" button of the outbox page: rows waiting for their backoff are tried at once too. */
export function syncNowForced(): Promise<void> {
	return theEngine().request({ forced: true });
}

/** Call after writing an outbox row (the Dexie hook below does it for every insert in this tab). */
export function notifyEnqueued(): void {
	void theEngine().request();
	void requestBackgroundSync();
}

const hooked = new WeakSet<ContractDeskDB>();
function hookOutbox(): void {
	const db = getDb();
	if (hooked.has(db)) return;
	hooked.add(db);
	db.outbox.hook('creating', function () {
		// Fires inside the writing transaction; the flush's own transaction waits for it to commit. The round starts
		// after the next paint: a new contract's commit is followed by the navigation to its page, which comes first.
		this.onsuccess = () => {
			afterFirstPaint(notifyEnqueued);
		};
	});
}

let started = false;
/** Starts every trigger; called by the layout once signed in (again on navigation: cheap). */
export function startSync(): void {
	if (typeof window === 'undefined') return;
	hookOutbox();
	if (started) return;
	started = true;
	// Back from signing in again after a 401: the waiting queue goes out with the new token.
	onSessionExpiry((expired) => {
		if (!expired) void syncNow();
	});
	// Triggers only; whether we are online is read from syncStatus.online (svelte/reactivity/window).
	window.addEventListener('online', () => void syncNow({ networkBack: true }));
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') {
			hookOutbox();
			void syncNow();
		}
	});
	void syncNow();
}
