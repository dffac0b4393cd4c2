// Per-key sliding-window request limiter (in memory, one process): how many hits a key had in the last window.

export interface SlidingWindowOptions {
	/** Hits allowed per key within `windowMs`. */
	limit: number;
	windowMs: number;
	/** Keys remembered at most; the least recently seen are forgotten first, so a flood of addresses cannot exhaust memory. */
	maxKeys?: number;
	now?: () => number;
}

export type Admission = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

/** What a route needs of a limiter: this one in memory, or one every process shares (the PostgreSQL store's). */
export interface RateLimiter {
	/** Counts a hit for `key` if it is within the limit, in one step with the check; a refused hit is not counted. */
	hit(key: string): RateDecision | Promise<RateDecision>;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class SlidingWindowLimiter implements RateLimiter {
	readonly #limit: number;
	readonly #windowMs: number;
	readonly #maxKeys: number;
	readonly #now: () => number;
	/** Hit times per key, oldest first; Map order is least recently seen first. */
	readonly #hits = new Map<string, number[]>();

	constructor({ limit, windowMs, maxKeys = 10_000, now = Date.now }: SlidingWindowOptions) {
		if (!(limit >= 1) || !(windowMs > 0)) throw new Error('SlidingWindowLimiter: limit ≥ 1 and windowMs > 0');
		this.#limit = limit;
		this.#windowMs = windowMs;
		this.#maxKeys = maxKeys;
		this.#now = now;
	}

	/** Counts a hit for `key` if it is within the limit; a refused hit is not counted. */
	hit(key: string): Admission {
		const now = this.#now();
		const since = now - this.#windowMs;
		const times = (this.#hits.get(key) ?? []).filter((t) => t > since);
		this.#hits.delete(key);
		if (times.length >= this.#limit) {
			this.#hits.set(key, times);
			return { allowed: false, retryAfterMs: times[0]! + this.#windowMs - now };
		}
		times.push(now);
		this.#hits.set(key, times);
		while (this.#hits.size > this.#maxKeys) this.#hits.delete(this.#hits.keys().next().value!);
		return { allowed: true, remaining: this.#limit - times.length };
	}

	get size(): number {
		return this.#hits.size;
	}
}
