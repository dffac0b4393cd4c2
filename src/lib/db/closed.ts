// Who hears that the page's database was closed under it, without loading Dexie: the shell's reload prompt
// subscribes at start, the database module (loaded later, only when needed) announces.

/** Why a page's database was closed under it: another tab upgraded it (a newer app version) or deleted it (signed out). */
export type DbClosedReason = 'upgraded' | 'deleted';
const closedListeners = new Set<(reason: DbClosedReason) => void>();
let currentClosed: () => boolean = () => false;

/**
 * Called when a versionchange closed the page's database. The page is never reloaded for it (the
 * user may be in a form); the shell asks the user to reload instead. Returns an unsubscribe.
 */
export function onDbClosed(listener: (reason: DbClosedReason) => void): () => void {
	closedListeners.add(listener);
	return () => closedListeners.delete(listener);
}

export function announceDbClosed(reason: DbClosedReason): void {
	for (const listener of closedListeners) listener(reason);
}

/** Set by the database module: whether the shared instance is the one a versionchange closed. */
export function setClosedProbe(probe: () => boolean): void {
	currentClosed = probe;
}

export function currentDbClosed(): boolean {
	return currentClosed();
}
