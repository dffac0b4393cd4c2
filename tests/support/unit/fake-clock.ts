// A clock for the sync engine whose time moves only when a test advances it; each timer's round is awaited before the next fires.
import type { Clock } from '../../../src/lib/sync/scheduler';

export class FakeClock implements Clock {
	t: number;
	#timers = new Map<number, { at: number; fn: () => void }>();
	#nextId = 1;

	/** Starts a minute ahead of real time, so rows queued (in real time) during a test are already due. */
	constructor(start = Date.now() + 60_000) {
		this.t = start;
	}

	now = (): number => this.t;

	setTimeout = (fn: () => void, ms: number): unknown => {
		const id = this.#nextId++;
		this.#timers.set(id, { at: this.t + Math.max(0, ms), fn });
		return id;
	};

	clearTimeout = (handle: unknown): void => {
		this.#timers.delete(handle as number);
	};

	/** Pending timers' due times, soonest first. */
	get pending(): number[] {
		return [...this.#timers.values()].map((t) => t.at).sort((a, b) => a - b);
	}

	/**
	 * Moves time forward by `ms`, firing every timer due on the way in order; after each, `settle()` (the
	 * engine's running round) is awaited, so rounds take no fake time and the next timer is the one they set.
	 */
	async advance(ms: number, settle: () => Promise<void>): Promise<void> {
		const end = this.t + ms;
		for (;;) {
			await settle();
			let next: [number, { at: number; fn: () => void }] | undefined;
			for (const entry of this.#timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
			if (!next) break;
			this.#timers.delete(next[0]);
			this.t = Math.max(this.t, next[1].at);
			next[1].fn();
		}
		this.t = end;
	}
}

/** A seeded PRNG (mulberry32): reproducible jitter and fault patterns. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
