// Retry timing: exponential backoff with full jitter, capped, and the server's Retry-After honoured.

export type BackoffOptions = {
	/** Delay scale of the first retry, ms. */
	baseMs: number;
	/** Largest delay, ms: a phone that was offline for a day still retries every few minutes. */
	capMs: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 5 * 60_000 };

/** Longest Retry-After we obey; a broken proxy must not park the queue for a day. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * "Full jitter" (AWS architecture blog): uniform in [0, min(cap, base·2^(attempt-1))].
 * Spreading retries uniformly keeps many devices coming back online from hitting the server in step.
 */
export function backoffDelay(
	attempt: number,
	opts: BackoffOptions = DEFAULT_BACKOFF,
	random: () => number = Math.random
): number {
	const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
	return Math.floor(random() * exp);
}

/** The delay before the next try: the server's Retry-After when given, else the jittered backoff. */
export function retryDelay(
	attempt: number,
	retryAfterMs: number | undefined,
	opts: BackoffOptions = DEFAULT_BACKOFF,
	random: () => number = Math.random
): number {
	if (retryAfterMs !== undefined) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAfterMs));
	return backoffDelay(attempt, opts, random);
}
