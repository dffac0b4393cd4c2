// Reactive progress of bringing the account's contracts back: pull pages restored, documents downloaded.

class RestoreProgress {
	/** Contracts restored by the paged pull running now, out of how many it carries; null when none runs. */
	contracts = $state<{ done: number; total: number } | null>(null);
	/** Documents stored by the download run in progress (the remaining count is read live from Dexie). */
	documentsDone = $state(0);
	/** A download run is in progress. */
	downloading = $state(false);
}

export const restoreProgress = new RestoreProgress();
