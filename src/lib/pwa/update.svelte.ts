// Service worker registration (workbox-window) and the update offer: never reloads unless the user accepts.
import type { Workbox } from 'workbox-window';
import { currentDbClosed, onDbClosed, type DbClosedReason } from '../db/closed';
import { requestBackgroundSync } from '../sync/background';
import { SW_MESSAGES } from './messages';

/** How often a long-lived tab asks the server whether a newer service worker exists. */
const UPDATE_CHECK_MS = 60 * 60_000;

class PwaUpdate {
	/** A newer version is installed and waiting for the user's go-ahead. */
	available = $state(false);
	/** Another tab accepted the update: this page still runs the old code. */
	activatedElsewhere = $state(false);
	/** The user chose "later" for this waiting version. */
	dismissed = $state(false);
	accepting = $state(false);
	registered = $state(false);
	/**
	 * The database was closed under this page (another tab upgraded it, signed out, or a write hit it
	 * closed): nothing can be saved until the user reloads. 'closed' = the reason is not known.
	 */
	dbClosed = $state<DbClosedReason | 'closed' | null>(null);
	#wb: Workbox | null = null;

	#registering = false;
	/** Settles once workbox-window is loaded and registering (it starts when the page is idle). */
	#started: { promise: Promise<void>; resolve: () => void } = (() => {
		let resolve!: () => void;
		const promise = new Promise<void>((r) => (resolve = r));
		return { promise, resolve };
	})();

	register(url = '/service-worker.js'): void {
		if (this.#registering || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		this.#registering = true;
		// workbox-window loads once the page is idle: registration never competes with the first screen's paint.
		const start = () =>
			void import('workbox-window').then(({ Workbox }) => this.#start(new Workbox(url, { scope: '/' })));
		if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2_000 });
		else setTimeout(start, 200);
	}

	#start(wb: Workbox): void {
		// Kit emits a classic script; workbox-window registers it as such.
		this.#wb = wb;
		this.#started.resolve();
		wb.addEventListener('waiting', () => {
			this.available = true;
			this.dismissed = false;
		});
		wb.addEventListener('controlling', (event) => {
			// Our own accept reloads in accept(); a takeover caused by another tab is only announced.
			if (event.isExternal && !this.accepting) this.activatedElsewhere = true;
		});
		void wb
			.register()
			.then(() => (this.registered = true))
			.catch(() => undefined);
		// The second stage of the offline cache (font rest, pdf.js worker) right after start, and again when the
		// connection returns: the worker fetches only what it lacks.
		void this.fillDeferred();
		window.addEventListener('online', () => void this.fillDeferred());
		const check = () => void wb.update().catch(() => undefined);
		setInterval(check, UPDATE_CHECK_MS);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') check();
		});
		// Chromium's Background Sync fires 'sync' once connectivity returns, even if this tab is gone by then.
		window.addEventListener('offline', () => void requestBackgroundSync());
	}

	/**
	 * Asks the active worker to fetch what the first visit left for later; resolves whether all of it is on the
	 * device (false without a worker, offline before it arrived, or after 10 minutes).
	 */
	async fillDeferred(): Promise<boolean> {
		if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
		const active = (await navigator.serviceWorker.ready).active;
		if (!active) return false;
		return new Promise<boolean>((resolve) => {
			const channel = new MessageChannel();
			const timer = setTimeout(() => resolve(false), 10 * 60_000);
			channel.port1.onmessage = (e) => {
				clearTimeout(timer);
				resolve((e.data as { complete?: boolean }).complete === true);
			};
			active.postMessage({ type: SW_MESSAGES.fillDeferred }, [channel.port2]);
		});
	}

	/** Asks the server for a newer service worker now (the page never reloads because of it). */
	async check(): Promise<void> {
		await this.#wb?.update();
	}

	/** The user accepted: activate the waiting worker, then reload once it controls the page. */
	accept(): void {
		if (!this.#wb) return location.reload();
		this.accepting = true;
		this.#wb.addEventListener('controlling', () => location.reload());
		this.#wb.messageSkipWaiting();
	}

	later(): void {
		this.dismissed = true;
	}

	/** Asks for a reload instead of reloading: the user may be in a form. An upgrade is the "activated elsewhere" case. */
	databaseClosed(reason: DbClosedReason | 'closed'): void {
		if (this.dbClosed === null || this.dbClosed === 'closed') this.dbClosed = reason;
		if (reason === 'upgraded') this.activatedElsewhere = true;
	}

	async version(): Promise<string | null> {
		if (this.#registering) await Promise.race([this.#started.promise, new Promise((r) => setTimeout(r, 5_000))]);
		if (!this.#wb) return null;
		const answer = (await this.#wb.messageSW({ type: SW_MESSAGES.getVersion }).catch(() => null)) as {
			version?: string;
		} | null;
		return answer?.version ?? null;
	}
}

export const pwaUpdate = new PwaUpdate();

/**
 * A write that raced the close (a draft saved on a keystroke, a live query) rejects with
 * DatabaseClosedError where nobody awaits it. Logged and turned into the reload prompt rather than
 * left as an unhandled rejection. Returns whether the event was ours.
 */
export function absorbClosedDatabase(event: Pick<PromiseRejectionEvent, 'reason' | 'preventDefault'>): boolean {
	if ((event.reason as { name?: unknown } | null)?.name !== 'DatabaseClosedError') return false;
	event.preventDefault();
	console.warn('A write reached the closed database.', event.reason);
	// Only while the shared instance is still the closed one: after a sign-out on this page it was
	// already replaced by a fresh one, and a write that raced the wipe needs no reload.
	if (currentDbClosed()) pwaUpdate.databaseClosed('closed');
	return true;
}

if (typeof window !== 'undefined') {
	onDbClosed((reason) => pwaUpdate.databaseClosed(reason));
	window.addEventListener('unhandledrejection', (event) => void absorbClosedDatabase(event));
}
