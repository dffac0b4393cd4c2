// Reactive sync state for the UI: connectivity, pull progress, last error, expired session.
class SyncStatus {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	pulling = $state(false);
	/** A message key and its reason, when the last round failed for a reason worth showing. */
	lastError = $state<string | null>(null);
	sessionExpired = $state(false);
}

export const syncStatus = new SyncStatus();
