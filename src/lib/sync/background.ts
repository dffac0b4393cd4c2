// Background Sync: the one tag the service worker listens for and the one place that registers it.
// No imports on purpose: the shell (pwa/update) and the service worker load this without the sync engine.

export const SYNC_TAG = 'outbox';

type SyncRegistration = ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };

/**
 * Asks the service worker to flush the outbox when connectivity returns, even if every tab is
 * closed by then (Chromium). True when the browser accepted the registration.
 */
export async function requestBackgroundSync(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
	try {
		// `ready` never settles where no worker is registered (dev, a blocked registration): don't hang on it.
		const reg = await Promise.race([
			navigator.serviceWorker.ready as Promise<SyncRegistration>,
			new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3_000))
		]);
		if (!reg?.sync) return false;
		await reg.sync.register(SYNC_TAG);
		return true;
	} catch {
		// Background Sync is an optimisation; the page's own triggers still flush.
		return false;
	}
}
