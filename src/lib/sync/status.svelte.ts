// Reactive sync state for the UI: connectivity, a round in progress, last error, expired session.
class SyncStatus {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	/** A round (outbox flush, then pull) is running. */
	pulling = $state(false);
	/** Outbox requests are in flight. */
	flushing = $state(false);
	/** A message key and its reason, when the last round failed for a reason worth showing. */
	lastError = $state<string | null>(null);
	/** A 401: the user must sign in again; the outbox waits untouched. */
	sessionExpired = $state(false);
	/** Epoch ms of the next automatic outbox attempt, or null. */
	nextFlushAt = $state<number | null>(null);
}

export const syncStatus = new SyncStatus();

// Listened to from the first import, not only once sync starts: a connection lost while the app
// is still starting must show the offline banner too.
if (typeof window !== 'undefined') {
	window.addEventListener('online', () => (syncStatus.online = true));
	window.addEventListener('offline', () => (syncStatus.online = false));
}
