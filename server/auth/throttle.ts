// Sign-in throttling: failed attempts per key (client address, code) in a sliding window; past a free allowance each further failure doubles the wait. In memory (one process) or in the database (every process).
import { randomUUID } from 'node:crypto';

export interface ThrottleRule {
	/** Failures inside the window that cost nothing: a person mistyping a few times is never slowed down. */
	free: number;
}

/** A key of an attempt and the allowance it is judged by. */
export type ThrottleKey = { key: string; rule: ThrottleRule };

export interface ThrottleOptions {
	windowMs: number;
	/** The wait after the first failure past the allowance; it doubles with each further one. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** Keys remembered at most (least recently failed are forgotten first), so a flood of addresses cannot exhaust memory. */
	maxKeys: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
	windowMs: 15 * 60_000,
	baseDelayMs: 1_000,
	maxDelayMs: 15 * 60_000,
	maxKeys: 50_000
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * The wait that `failures` failures inside the window impose after the last one: none while fewer than the
 * allowance, so exactly `free` attempts go through at once; then the base wait, doubling with each further failure.
 */
export function delayAfter(
	failures: number,
	free: number,
	opts: Pick<ThrottleOptions, 'baseDelayMs' | 'maxDelayMs'>
): number {
	if (failures < free) return 0;
	return Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.min(failures - free, 40));
}

/**
 * An attempt admitted by `attempt`: it was already counted as a failure when admitted (so concurrent attempts
 * see it), and a success takes it back.
 */
export type AttemptDecision =
	{ allowed: true; succeeded(): void | Promise<void> } | { allowed: false; retryAfterMs: number };

/** What the sign-in route needs of a throttle; the database-backed one answers asynchronously. */
export interface SignInThrottle {
	/** A look without counting (refusing a blocked client before its body is read). */
	check(keys: readonly ThrottleKey[]): ThrottleDecision | Promise<ThrottleDecision>;
	/**
	 * Check and record in one step: when allowed, the attempt is counted as failed at once, before the code is
	 * looked up, so N concurrent attempts can never all pass a check made before any of them was recorded.
	 */
	attempt(keys: readonly ThrottleKey[]): AttemptDecision | Promise<AttemptDecision>;
	fail(keys: readonly { key: string }[]): void | Promise<void>;
}

/** The longest wait over the keys, from each key's failure count inside the window and its last failure. */
function decide(
	keys: readonly ThrottleKey[],
	recent: (key: string) => { count: number; last: number } | undefined,
	now: number,
	opts: ThrottleOptions
): ThrottleDecision {
	let wait = 0;
	for (const { key, rule } of keys) {
		const r = recent(key);
		if (!r || !r.count) continue;
		wait = Math.max(wait, r.last + delayAfter(r.count, rule.free, opts) - now);
	}
	return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
}

export class Throttle implements SignInThrottle {
	readonly #options: ThrottleOptions;
	readonly #now: () => number;
	/** key → failure times inside the window, oldest first. Map order doubles as least-recently-failed order. */
	readonly #failures = new Map<string, number[]>();

	constructor(options: Partial<ThrottleOptions> = {}, now: () => number = Date.now) {
		this.#options = { ...DEFAULT_THROTTLE, ...options };
		this.#now = now;
	}

	#recent(key: string, now: number): number[] {
		const times = this.#failures.get(key);
		if (!times) return [];
		const from = now - this.#options.windowMs;
		while (times.length && times[0]! <= from) times.shift();
		if (!times.length) this.#failures.delete(key);
		return times;
	}

	/** Whether a request may try now; the longest wait over all its keys when not. */
	check(keys: readonly ThrottleKey[]): ThrottleDecision {
		return this.#check(keys, this.#now());
	}

	#check(keys: readonly ThrottleKey[], now: number): ThrottleDecision {
		return decide(
			keys,
			(key) => {
				const times = this.#recent(key, now);
				return times.length ? { count: times.length, last: times.at(-1)! } : undefined;
			},
			now,
			this.#options
		);
	}

	/** Records one failed attempt under every key. */
	fail(keys: readonly { key: string }[]): void {
		this.#record(keys, this.#now());
	}

	/** Synchronous from check to record: nothing else runs in between on this event loop. */
	attempt(keys: readonly ThrottleKey[]): AttemptDecision {
		const now = this.#now();
		const decision = this.#check(keys, now);
		if (!decision.allowed) return decision;
		this.#record(keys, now);
		return { allowed: true, succeeded: () => this.#forget(keys, now) };
	}

	/** Takes back one failure recorded at `at` under every key (an admitted attempt that succeeded). */
	#forget(keys: readonly { key: string }[], at: number): void {
		for (const { key } of keys) {
			const times = this.#failures.get(key);
			const i = times ? times.lastIndexOf(at) : -1;
			if (i < 0) continue;
			times!.splice(i, 1);
			if (!times!.length) this.#failures.delete(key);
		}
	}

	#record(keys: readonly { key: string }[], now: number): void {
		for (const { key } of keys) {
			const times = this.#recent(key, now);
			times.push(now);
			// Re-inserting moves the key to the end: the first key of the map is the least recently failed.
			this.#failures.delete(key);
			this.#failures.set(key, times.slice(-64));
			while (this.#failures.size > this.#options.maxKeys) this.#failures.delete(this.#failures.keys().next().value!);
		}
	}

	get size(): number {
		return this.#failures.size;
	}
}

/** Failed attempts kept where every server process sees them (the PostgreSQL store's throttle_failures table). */
export interface FailureLog {
	/** Per key: failures after `since` and the time of the last one (keys without any are absent). */
	recent(keys: readonly string[], since: number): Promise<Map<string, { count: number; last: number }>>;
	record(keys: readonly string[], at: number): Promise<void>;
	/**
	 * The throttle's decision and, when allowed, the failure recorded under every key tagged `attempt`, as one
	 * atomic step (one statement: attempts sharing a key are serialised in the database). Answers the wait (0: allowed).
	 */
	attempt(input: {
		keys: readonly ThrottleKey[];
		at: number;
		attempt: string;
		options: Pick<ThrottleOptions, 'windowMs' | 'baseDelayMs' | 'maxDelayMs'>;
	}): Promise<number>;
	/** Removes the failures recorded for an admitted attempt that succeeded. */
	forget(keys: readonly string[], at: number, attempt: string): Promise<void>;
}

/**
 * The same rules over a shared failure log: behind a load balancer an attacker's attempts reach every process,
 * and each must count all of them. Old rows are deleted by the store's retention pass.
 */
export class SharedThrottle implements SignInThrottle {
	readonly #options: ThrottleOptions;
	readonly #log: FailureLog;
	readonly #now: () => number;

	constructor(log: FailureLog, options: Partial<ThrottleOptions> = {}, now: () => number = Date.now) {
		this.#log = log;
		this.#options = { ...DEFAULT_THROTTLE, ...options };
		this.#now = now;
	}

	async check(keys: readonly ThrottleKey[]): Promise<ThrottleDecision> {
		const now = this.#now();
		const recent = await this.#log.recent(
			keys.map((k) => k.key),
			now - this.#options.windowMs
		);
		return decide(keys, (key) => recent.get(key), now, this.#options);
	}

	async fail(keys: readonly { key: string }[]): Promise<void> {
		await this.#log.record(
			keys.map((k) => k.key),
			this.#now()
		);
	}

	async attempt(keys: readonly ThrottleKey[]): Promise<AttemptDecision> {
		const at = this.#now();
		const attempt = randomUUID();
		const wait = await this.#log.attempt({ keys, at, attempt, options: this.#options });
		if (wait > 0) return { allowed: false, retryAfterMs: wait };
		return {
			allowed: true,
			succeeded: () =>
				this.#log.forget(
					keys.map((k) => k.key),
					at,
					attempt
				)
		};
	}
}
