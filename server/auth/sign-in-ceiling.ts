// The global ceiling on failed sign-ins: past so many a minute across all client addresses, every further failure is answered late.
export interface SignInCeilingOptions {
	/** Failed sign-ins a minute, over all addresses, that are answered at once. */
	perMinute: number;
	/** The delay per failure beyond the ceiling in the last minute: it grows with the excess… */
	stepMs: number;
	/** …up to this. */
	maxDelayMs: number;
}

export const DEFAULT_SIGN_IN_CEILING: SignInCeilingOptions = { perMinute: 60, stepMs: 100, maxDelayMs: 10_000 };

/** Failed sign-ins counted where the ceiling is judged: this process (SQLite) or every process (PostgreSQL). */
export interface FailureRate {
	/** Records one failed sign-in at `now`; answers the failures in the minute up to it, this one included. */
	record(now: number): number | Promise<number>;
}

/** Per-second counts of the last minute, in memory. */
export class MemoryFailureRate implements FailureRate {
	readonly #seconds = new Map<number, number>();

	record(now: number): number {
		const second = Math.floor(now / 1000);
		this.#seconds.set(second, (this.#seconds.get(second) ?? 0) + 1);
		let total = 0;
		for (const [s, n] of this.#seconds) {
			if (s <= second - 60) this.#seconds.delete(s);
			else total += n;
		}
		return total;
	}
}

/** The delay before answering a failure, with `failures` in the last minute (this one included). */
export function ceilingDelay(failures: number, opts: SignInCeilingOptions): number {
	const excess = failures - opts.perMinute;
	return excess > 0 ? Math.min(opts.maxDelayMs, excess * opts.stepMs) : 0;
}

/** How often the operator is told, per process, while the ceiling is crossed. */
export const CEILING_LOG_INTERVAL_MS = 60_000;

/**
 * A guessing run spread over many addresses passes every per-address and per-code limit; counted all together
 * its failures cross the ceiling, and from then on each of them costs the guesser a wait (a timer, no thread held).
 * The operator reads one log line a minute while it lasts.
 */
export class SignInCeiling {
	readonly #rate: FailureRate;
	readonly #options: SignInCeilingOptions;
	readonly #now: () => number;
	readonly #log: (message: string) => void;
	#lastLog = -Infinity;
	#slowedSinceLog = 0;

	constructor(deps: {
		rate?: FailureRate;
		options?: Partial<SignInCeilingOptions>;
		now?: () => number;
		log?: (message: string) => void;
	}) {
		this.#rate = deps.rate ?? new MemoryFailureRate();
		this.#options = { ...DEFAULT_SIGN_IN_CEILING, ...deps.options };
		this.#now = deps.now ?? Date.now;
		this.#log = deps.log ?? ((message) => console.warn(message));
	}

	/** Records a failed sign-in; answers how long to wait before saying so (0 under the ceiling). */
	async failed(): Promise<number> {
		const now = this.#now();
		let failures: number;
		try {
			failures = await this.#rate.record(now);
		} catch (err) {
			// The count is a slowdown, not a check: a database hiccup answers the 401 at once rather than a 500.
			this.#log(`[sign-in] could not count a failed sign-in for the ceiling: ${String(err)}`);
			return 0;
		}
		const delay = ceilingDelay(failures, this.#options);
		if (delay > 0) {
			this.#slowedSinceLog++;
			if (now - this.#lastLog >= CEILING_LOG_INTERVAL_MS) {
				this.#log(
					`[sign-in] ceiling crossed: ${failures} failed sign-ins in the last minute over all addresses (SIGN_IN_FAILURES_PER_MINUTE=${this.#options.perMinute}); each further failure is answered after ${delay} ms (at most ${this.#options.maxDelayMs} ms); ${this.#slowedSinceLog} slowed since the last such line`
				);
				this.#lastLog = now;
				this.#slowedSinceLog = 0;
			}
		}
		return delay;
	}
}
