// When to sync: on start, when the connection returns, when the app becomes visible, on demand.
import { getMeta, META, type Session } from '../db/meta';
import { HttpError, NetworkError } from './api';
import { pull } from './pull';
import { syncStatus } from './status.svelte';

let running: Promise<void> | null = null;

/** Extra steps run before each pull (the outbox flush registers itself here). */
const beforePull: (() => Promise<void>)[] = [];
export function addSyncStep(step: () => Promise<void>): void {
	beforePull.push(step);
}

async function round(): Promise<void> {
	const session = await getMeta<Session>(META.session);
	if (!session) return;
	syncStatus.pulling = true;
	try {
		for (const step of beforePull) await step();
		await pull();
		syncStatus.lastError = null;
		syncStatus.sessionExpired = false;
	} catch (e) {
		if (e instanceof HttpError && e.status === 401) syncStatus.sessionExpired = true;
		else if (e instanceof NetworkError) syncStatus.lastError = null; // offline is a state, not an error
		else syncStatus.lastError = e instanceof Error ? e.message : String(e);
	} finally {
		syncStatus.pulling = false;
	}
}

/** Runs one sync round; concurrent callers share the round in flight. */
export function syncNow(): Promise<void> {
	running ??= round().finally(() => (running = null));
	return running;
}

let started = false;
export function startSync(): void {
	if (started || typeof window === 'undefined') return;
	started = true;
	const onOnline = () => {
		syncStatus.online = true;
		void syncNow();
	};
	window.addEventListener('online', onOnline);
	window.addEventListener('offline', () => (syncStatus.online = false));
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') void syncNow();
	});
	void syncNow();
}
