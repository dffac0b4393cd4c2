// The sync scheduler: one round (flush, then at most one pull) at a time, rounds spaced by a minimum interval, nothing while offline.
// No UI imports: the app's instance lives in ./engine.ts; tests and the benchmark make their own.
import { getMeta, META, setMeta, type Session } from '../db/meta';
import { HttpError, NetworkError } from './api';
import { syncErrorOf, type SyncError } from './errors';
import { flushOutbox, type FlushOptions, type FlushResult, type ProviderHealth } from './flush';
import { makeAllDue, makeTransientFailuresDue, nextWakeAt } from './outbox';
import { downloadDocuments } from './documents';
import { pull } from './pull';
import { isSessionExpired, markSessionExpired } from './session-expiry';

/** Least time between the starts of two rounds, however many triggers fire (enqueues, focus, online, timers). */
export const MIN_ROUND_INTERVAL_MS = 2_000;

/**
 * While the provider is down, rounds (a pull and a couple of probe rows) come at growing, jittered
 * intervals up to this cap: a device costs a failing provider a few requests a minute whatever its queue,
 * and notices the provider's return within seconds, which is when the queue drains.
 */
export const PROBE_CAP_MS = 10_000;

/** Transient failures without a success after which a flush stops: the provider is down, the rest of the queue waits. */
export const PROBE_FAILURES = 2;

export type Clock = {
	now(): number;
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

const realClock: Clock = {
	now: () => Date.now(),
	// setTimeout overflows past 2^31-1 ms; a long backoff is capped at minutes anyway.
	setTimeout: (fn, ms) => setTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1)),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/** What one round learned; `provider: null` means it learned nothing about the provider (offline, skipped). */
export type RoundReport = { provider: ProviderHealth | null; error: SyncError | null; nextFlushAt: number | null };

/** Where the engine reports what a round learned (the UI's sync status; a recorder in tests). */
export type StatusSink = {
	roundStarted(): void;
	setFlushing(running: boolean): void;
	roundEnded(report: RoundReport): void;
};

export type EngineOptions = {
	clock?: Clock;
	minIntervalMs?: number;
	probeCapMs?: number;
	/** Jitter of the probe intervals (the flush's own random is in `flush`). */
	random?: () => number;
	/** The one online source of the page (syncStatus.online); offline, a round sends nothing. */
	isOnline: () => boolean;
	/** How the outbox is sent (fetch, base URL, backoff, random…); time and connectivity come from the engine. */
	flush?: Omit<FlushOptions, 'now' | 'isOnline' | 'networkBack'>;
	pull?: () => Promise<void>;
	/** Resumes restored documents' downloads (a pull does it too; this is for rounds that skip the pull). */
	downloads?: () => Promise<unknown>;
	status: StatusSink;
	/** Asked after a round left rows waiting: the service worker flushes once connectivity returns. */
	backgroundSync?: () => void;
};

export type RequestOptions = {
	/** The connection just came back: transiently failed rows are due at once. */
	networkBack?: boolean;
	/** The user asked ("sync now"): every waiting row is due, and this tab pulls even if another just did. */
	forced?: boolean;
};

/** A pull failure that says the provider, not this device, is the problem. */
function providerHealthOf(e: unknown): ProviderHealth | null {
	if (e instanceof NetworkError) return 'unreachable';
	if (e instanceof HttpError) return 'failing';
	return e instanceof Error && e.name === 'ZodError' ? 'failing' : null;
}

/**
 * Single-flight rounds with a minimum spacing. Triggers only ask for a round; a round runs when the
 * spacing allows and answers every request made before it started. After a round, the only timer is
 * for the next row that may actually be sent: rows blocked behind an unfinished or refused row of their
 * contract are no reason to wake, so a blocked queue costs nothing.
 */
export class SyncEngine {
	readonly #clock: Clock;
	readonly #minInterval: number;
	readonly #probeCap: number;
	readonly #random: () => number;
	readonly #isOnline: () => boolean;
	readonly #flush: EngineOptions['flush'];
	readonly #pull: () => Promise<void>;
	readonly #downloads: () => Promise<unknown>;
	readonly #status: StatusSink;
	readonly #backgroundSync: () => void;

	#running: Promise<void> | null = null;
	#waiters: (() => void)[] = [];
	#timer: unknown = undefined;
	#timerAt = Infinity;
	#lastStart = -Infinity;
	#networkBack = false;
	#forced = false;
	/** The last pull failed for the provider's sake: the next successful one is a recovery. */
	#providerDown = false;
	/** Rounds in a row that found the provider down (no success, transient failures only). */
	#downStreak = 0;

	constructor(opts: EngineOptions) {
		this.#clock = opts.clock ?? realClock;
		this.#minInterval = opts.minIntervalMs ?? MIN_ROUND_INTERVAL_MS;
		this.#probeCap = Math.max(this.#minInterval, opts.probeCapMs ?? PROBE_CAP_MS);
		this.#random = opts.random ?? Math.random;
		this.#isOnline = opts.isOnline;
		this.#flush = opts.flush;
		this.#pull = opts.pull ?? pull;
		this.#downloads = opts.downloads ?? downloadDocuments;
		this.#status = opts.status;
		this.#backgroundSync = opts.backgroundSync ?? (() => undefined);
	}

	/** Asks for a round; resolves when a round that started after this call has finished. */
	request(opts: RequestOptions = {}): Promise<void> {
		if (opts.networkBack) this.#networkBack = true;
		if (opts.forced) this.#forced = true;
		const done = new Promise<void>((resolve) => this.#waiters.push(resolve));
		if (!this.#running) this.#scheduleAt(this.#earliestStart());
		return done;
	}

	/** The running round, if any (tests and the benchmark wait on it). */
	idle(): Promise<void> {
		return this.#running ?? Promise.resolve();
	}

	/** Epoch ms of the pending timer, or null. */
	get scheduledAt(): number | null {
		return this.#timer === undefined ? null : this.#timerAt;
	}

	stop(): void {
		if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#timerAt = Infinity;
	}

	#earliestStart(): number {
		return Math.max(this.#clock.now(), this.#lastStart + this.#minInterval);
	}

	#scheduleAt(at: number): void {
		if (this.#timer !== undefined && this.#timerAt <= at) return;
		this.stop();
		this.#timerAt = at;
		this.#timer = this.#clock.setTimeout(() => {
			this.#timer = undefined;
			this.#timerAt = Infinity;
			this.#start();
		}, at - this.#clock.now());
	}

	#start(): void {
		if (this.#running) return; // the round's end schedules the next one
		const waiters = this.#waiters.splice(0);
		const opts = { networkBack: this.#networkBack, forced: this.#forced };
		this.#networkBack = false;
		this.#forced = false;
		this.#lastStart = this.#clock.now();
		this.#running = this.#round(opts)
			.catch(() => undefined)
			.then((wakeAt) => {
				this.#running = null;
				for (const resolve of waiters) resolve();
				if (this.#waiters.length > 0) this.#scheduleAt(this.#earliestStart());
				else if (typeof wakeAt === 'number') this.#scheduleAt(Math.max(wakeAt, this.#earliestStart()));
			});
	}

	/** One round; returns when the next one is due by itself (a row's retry time), or null. */
	async #round(opts: RequestOptions): Promise<number | null> {
		// Offline: no request at all, no timer; the `online` event asks for the next round.
		if (!this.#isOnline()) {
			this.#status.roundEnded({ provider: null, error: null, nextFlushAt: null });
			return null;
		}
		const session = await getMeta<Session>(META.session);
		// Waiting for a sign-in: the refused token is never sent again, so nothing is sent.
		if (!session || isSessionExpired(session.token)) return null;
		const now = () => this.#clock.now();
		const flushWith = async (networkBack: boolean): Promise<FlushResult> => {
			this.#status.setFlushing(true);
			try {
				// While the provider is down, probe with one request at a time (the flush stops after two failures).
				const concurrency = this.#downStreak > 0 ? 1 : this.#flush?.concurrency;
				return await flushOutbox({
					probeFailures: PROBE_FAILURES,
					...this.#flush,
					concurrency,
					now,
					isOnline: this.#isOnline,
					networkBack
				});
			} finally {
				this.#status.setFlushing(false);
			}
		};

		this.#status.roundStarted();
		let provider: ProviderHealth | null = null;
		let error: SyncError | null = null;
		let wakeAt: number | null = null;
		let pullAt: number | null = null;
		try {
			if (opts.forced) await makeAllDue(now());
			const flush = await flushWith(Boolean(opts.networkBack));
			if (flush.health !== 'unknown') provider = flush.health;
			if (flush.state === 'busy') {
				// Another tab or the service worker is flushing (and that tab pulls): look again after the spacing.
				wakeAt = now();
			} else if (flush.state === 'ran') {
				const pulled = await this.#pullOnce(session, Boolean(opts.forced));
				if (pulled.deferredTo !== undefined) {
					// Another tab (or this page before a reload) pulled moments ago. The pull is deferred, not dropped:
					// the provider's news (a receipt, a verification) must not wait for the next trigger.
					pullAt = pulled.deferredTo;
					// A download run stopped by a reload or a lost connection resumes now; a run going on is joined.
					void this.#downloads().catch(() => undefined);
				}
				if (pulled.health) provider = pulled.health;
				error = pulled.error;
				if (pulled.health === 'ok' && this.#providerDown) {
					// The provider answers again: what failed while it was down goes now, not after its backoff.
					if ((await makeTransientFailuresDue(now())) > 0) await flushWith(false);
				}
				if (pulled.health) this.#providerDown = pulled.health !== 'ok';
				else if (provider === 'unreachable' || provider === 'failing') this.#providerDown = true;
				if (flush.retried > 0) this.#backgroundSync();
			}
			wakeAt ??= await nextWakeAt();
			if (pullAt !== null) wakeAt = wakeAt === null ? pullAt : Math.min(wakeAt, pullAt);
			const down = provider === 'unreachable' || provider === 'failing';
			this.#downStreak = down ? this.#downStreak + 1 : 0;
			if (down && wakeAt !== null) {
				// Rows left due by the flush's probe limit are no reason to come back at once.
				const step = Math.min(this.#probeCap, this.#minInterval * 2 ** Math.min(this.#downStreak - 1, 20));
				wakeAt = Math.max(wakeAt, this.#lastStart + step * (0.5 + this.#random() / 2));
			}
		} catch (e) {
			error = syncErrorOf(e);
			wakeAt = await nextWakeAt().catch(() => null);
		} finally {
			this.#status.roundEnded({ provider, error, nextFlushAt: wakeAt });
		}
		return wakeAt;
	}

	/** At most one pull per round, and across tabs at most one per minimum interval unless the user asked. */
	async #pullOnce(
		session: Session,
		forced: boolean
	): Promise<{ health: ProviderHealth | null; error: SyncError | null; deferredTo?: number }> {
		const started = await getMeta<number>(META.pullStartedAt);
		if (
			!forced &&
			started !== undefined &&
			this.#clock.now() - started < this.#minInterval &&
			started <= this.#clock.now()
		) {
			return { health: null, error: null, deferredTo: started + this.#minInterval };
		}
		await setMeta(META.pullStartedAt, this.#clock.now());
		try {
			await this.#pull();
			return { health: 'ok', error: null };
		} catch (e) {
			if (e instanceof HttpError && e.status === 401) {
				markSessionExpired(session.token);
				return { health: 'ok', error: null };
			}
			return { health: providerHealthOf(e), error: syncErrorOf(e) };
		}
	}
}
