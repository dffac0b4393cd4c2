// The one place that knows the session expired: the token the provider refused (401) is not used again until a new sign-in.
// No imports on purpose: the service worker's flush, the engine and the status badge all read it.

let expiredToken: string | null = null;
const listeners = new Set<(expired: boolean) => void>();

function set(token: string | null): void {
	if (token === expiredToken) return;
	expiredToken = token;
	for (const listener of listeners) listener(token !== null);
}

/** The provider answered 401 to a request made with `token`. */
export function markSessionExpired(token: string): void {
	set(token);
}

/**
 * True while `token` is the refused one: nothing is sent with it. A different token means the user
 * signed in again, which ends the expiry.
 */
export function isSessionExpired(token: string): boolean {
	if (expiredToken !== null && token !== expiredToken) set(null);
	return expiredToken !== null;
}

/** True while the queue waits for a new sign-in after a 401. */
export function waitingForSignIn(): boolean {
	return expiredToken !== null;
}

/** The user signed in again (or tests reset the device). */
export function clearSessionExpiry(): void {
	set(null);
}

/** Called with true/false whenever the expiry starts or ends; returns an unsubscribe. */
export function onSessionExpiry(listener: (expired: boolean) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
