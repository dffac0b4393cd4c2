// Reactive sync state for the UI: connectivity, a round in progress, last error, expired session.
import { t } from '../i18n/index.svelte';
import type { SyncError } from './errors';

class SyncStatus {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	/** A round (outbox flush, then pull) is running. */
	pulling = $state(false);
	/** Outbox requests are in flight. */
	flushing = $state(false);
	/** Why the last round failed, when worth showing: a message key plus the technical detail. */
	error = $state<SyncError | null>(null);
	/** A 401: the user must sign in again; the outbox waits untouched. */
	sessionExpired = $state(false);
	/** Epoch ms of the next automatic outbox attempt, or null. */
	nextFlushAt = $state<number | null>(null);

	/** The failure in the user's language (never the raw exception text); see `error.detail` for that. */
	get lastError(): string | null {
		return this.error ? t(this.error.key) : null;
	}
}

export const syncStatus = new SyncStatus();

// Listened to from the first import, not only once sync starts: a connection lost while the app
// is still starting must show the offline banner too.
if (typeof window !== 'undefined') {
	window.addEventListener('online', () => (syncStatus.online = true));
	window.addEventListener('offline', () => (syncStatus.online = false));
}
