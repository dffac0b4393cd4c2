// Service worker registration (workbox-window) and the update offer: never reloads unless the user accepts.
import type { Workbox } from 'workbox-window';
import { SW_MESSAGES, SYNC_TAG } from './messages';

/** How often a long-lived tab asks the server whether a newer service worker exists. */
const UPDATE_CHECK_MS = 60 * 60_000;

type SyncRegistration = ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };

class PwaUpdate {
	/** A newer version is installed and waiting for the user's go-ahead. */
	available = $state(false);
	/** Another tab accepted the update: this page still runs the old code. */
	activatedElsewhere = $state(false);
	/** The user chose "later" for this waiting version. */
	dismissed = $state(false);
	accepting = $state(false);
	registered = $state(false);
	#wb: Workbox | null = null;

	#registering = false;

	register(url = '/service-worker.js'): void {
		if (this.#registering || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		this.#registering = true;
		// workbox-window loads after first render: registration never blocks the home screen.
		void import('workbox-window').then(({ Workbox }) => this.#start(new Workbox(url, { scope: '/' })));
	}

	#start(wb: Workbox): void {
		// Kit emits a classic script; workbox-window registers it as such.
		this.#wb = wb;
		wb.addEventListener('waiting', () => {
			this.available = true;
			this.dismissed = false;
		});
		wb.addEventListener('controlling', (event) => {
			// Our own accept reloads in accept(); a takeover caused by another tab is only announced.
			if (event.isExternal && !this.accepting) this.activatedElsewhere = true;
		});
		void wb.register().then(() => (this.registered = true)).catch(() => undefined);
		const check = () => void wb.update().catch(() => undefined);
		setInterval(check, UPDATE_CHECK_MS);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') check();
		});
		// Chromium's Background Sync fires 'sync' once connectivity returns, even if this tab is gone by then.
		window.addEventListener('offline', () => void requestOutboxSync());
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

	async version(): Promise<string | null> {
		if (!this.#wb) return null;
		const answer = (await this.#wb.messageSW({ type: SW_MESSAGES.getVersion }).catch(() => null)) as { version?: string } | null;
		return answer?.version ?? null;
	}
}

export const pwaUpdate = new PwaUpdate();

/** Registers a Background Sync so the service worker flushes the outbox when the network returns. */
export async function requestOutboxSync(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
	try {
		const reg = (await navigator.serviceWorker.ready) as SyncRegistration;
		if (!reg.sync) return false;
		await reg.sync.register(SYNC_TAG);
		return true;
	} catch {
		return false;
	}
}
