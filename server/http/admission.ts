// Admission before work: a request's declared size against its route's limit, and its account's (or address's) budgets — requests and body bytes in flight, body bytes per minute — decided before any body byte is read; a key back before its Retry-After waits for its refusal.
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { IncomingMessage } from 'node:http';
import type { AdmissionBudget, AdmissionBudgets } from '../config';

/** Whom a request is counted against: its account when its token names a session, else its client address. */
export type AdmissionKey = { scope: 'account' | 'address'; id: string };

/** What a refused client is told to wait: in-flight requests of a device finish within a second or two. */
export const BUSY_RETRY_AFTER_S = 1;

/**
 * A refused body up to this size is read and dropped, keeping the connection for the client's retry; a bigger one
 * closes the connection instead: reading a flood's megabytes only to drop them costs as much as the refusal saves.
 */
export const DRAIN_AT_MOST = 64 * 1024;

/** One admitted request's hold on its key's budget. */
export interface Ticket {
	/** Bytes of a streamed body as they arrive: later requests of the key see them. */
	add(bytes: number): void;
	/** Gives back all it holds; idempotent. */
	release(): void;
}

/**
 * Requests and bytes in flight per key. A key with nothing in flight is always admitted, so a budget smaller than a
 * route's limit slows a client down to one request at a time instead of locking it out.
 */
export class InFlight {
	private readonly held = new Map<string, { requests: number; bytes: number }>();

	constructor(private readonly budget: Pick<AdmissionBudget, 'requests' | 'bytes'>) {}

	/** Reserves one request of `bytes`, or null when the key's budget is spent. */
	admit(key: string, bytes: number): Ticket | null {
		const entry = this.held.get(key) ?? { requests: 0, bytes: 0 };
		if (entry.requests > 0 && (entry.requests >= this.budget.requests || entry.bytes + bytes > this.budget.bytes))
			return null;
		entry.requests++;
		entry.bytes += bytes;
		this.held.set(key, entry);
		let holds = bytes;
		let released = false;
		return {
			add: (more) => {
				if (released) return;
				holds += more;
				entry.bytes += more;
			},
			release: () => {
				if (released) return;
				released = true;
				entry.requests--;
				entry.bytes -= holds;
				if (entry.requests === 0) this.held.delete(key);
			}
		};
	}

	usage(key: string): { requests: number; bytes: number } {
		const entry = this.held.get(key);
		return { requests: entry?.requests ?? 0, bytes: entry?.bytes ?? 0 };
	}
}

/**
 * Body bytes per key over time (a token bucket): what a key sends beyond its burst waits for the refill. In-flight
 * budgets alone let one account keep the event loop parsing its big bodies back to back, one at a time.
 */
export class ByteRate {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		private readonly budget: Pick<AdmissionBudget, 'bytesPerMinute' | 'burstBytes'>,
		private readonly clock: () => number = () => performance.now()
	) {}

	private bucket(key: string): { tokens: number; at: number } {
		const now = this.clock();
		const perMs = this.budget.bytesPerMinute / 60_000;
		let b = this.buckets.get(key);
		if (!b) {
			// Full buckets are forgotten (below), so the map holds only keys that sent lately.
			if (this.buckets.size >= 10_000) this.sweep();
			b = { tokens: this.budget.burstBytes, at: now };
			this.buckets.set(key, b);
		}
		b.tokens = Math.min(this.budget.burstBytes, b.tokens + (now - b.at) * perMs);
		b.at = now;
		return b;
	}

	/**
	 * Takes `bytes` when the key has them — or has its whole burst, so a body larger than the burst still goes, alone —
	 * else the milliseconds until it will.
	 */
	take(key: string, bytes: number): { ok: true } | { ok: false; retryAfterMs: number } {
		const b = this.bucket(key);
		if (b.tokens >= bytes || b.tokens >= this.budget.burstBytes) {
			b.tokens -= bytes;
			return { ok: true };
		}
		const missing = Math.min(bytes, this.budget.burstBytes) - b.tokens;
		return { ok: false, retryAfterMs: (missing / this.budget.bytesPerMinute) * 60_000 };
	}

	/** Bytes that arrived on a stream: charged as they come, into debt if need be (negative: given back). */
	charge(key: string, bytes: number): void {
		this.bucket(key).tokens -= bytes;
	}

	private sweep(): void {
		const now = this.clock();
		const perMs = this.budget.bytesPerMinute / 60_000;
		for (const [key, b] of this.buckets)
			if (b.tokens + (now - b.at) * perMs >= this.budget.burstBytes) this.buckets.delete(key);
	}
}

/** Refusals held at once over all keys; past it (a flood from very many keys) refusals go out at once. */
export const HELD_AT_MOST = 1024;

/**
 * When each refused key was told to come back. A key that comes back before then — a client ignoring Retry-After, as
 * a flood does — gets its next refusal only at that time (at most `holdMs` later), its body unread meanwhile: each of
 * its connections then costs one refusal per Retry-After instead of one per round trip, on the server and in the
 * flooding client alike. A client that waits as told is never held; an admitted request is never held.
 */
export class Comebacks {
	private readonly told = new Map<string, { at: number; held: number }>();
	private heldTotal = 0;

	constructor(
		private readonly opts: { holdMs: number; perKey: number; total?: number },
		private readonly clock: () => number = () => performance.now()
	) {}

	/**
	 * A refusal of `key` telling it to wait `retryAfterMs`: how long to hold it before it is sent (0: now), and the
	 * release to call once it is sent.
	 */
	refused(key: string, retryAfterMs: number): { holdMs: number; release(): void } {
		const now = this.clock();
		let entry = this.told.get(key);
		if (!entry) {
			if (this.told.size >= 10_000) this.sweep(now);
			entry = { at: now, held: 0 };
			this.told.set(key, entry);
		}
		const early = now < entry.at;
		const room = entry.held < this.opts.perKey && this.heldTotal < (this.opts.total ?? HELD_AT_MOST);
		const holdMs = early && room ? Math.min(entry.at - now, this.opts.holdMs) : 0;
		// Told at the end of the hold to wait retryAfterMs from then.
		entry.at = Math.max(entry.at, now + holdMs + retryAfterMs);
		if (holdMs <= 0) return { holdMs: 0, release: () => {} };
		entry.held++;
		this.heldTotal++;
		let released = false;
		const held = entry;
		return {
			holdMs,
			release: () => {
				if (released) return;
				released = true;
				held.held--;
				this.heldTotal--;
			}
		};
	}

	held(key: string): number {
		return this.told.get(key)?.held ?? 0;
	}

	private sweep(now: number): void {
		for (const [key, entry] of this.told) if (entry.at <= now && entry.held === 0) this.told.delete(key);
	}
}

/** Resolves after `ms`, or as soon as `signal` aborts (the client went away: nothing left to hold). */
function hold(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener('abort', done, { once: true });
	});
}

export interface AdmissionOptions {
	budgets: AdmissionBudgets;
	/** The route's largest body as sent on the wire (before any Content-Encoding is undone), in bytes. */
	limitFor(c: Context): number;
	keyFor(c: Context): Promise<AdmissionKey> | AdmissionKey;
	tooLarge(c: Context): Response;
	busy(c: Context, retryAfterS: number): Response;
	/** Monotonic milliseconds for the byte rate (tests); performance.now by default. */
	clock?: () => number;
}

/** The body's size as announced: bytes from Content-Length, 'streamed' when it is chunked (or unknown), 0 for none. */
export function declaredBody(c: Context): number | 'streamed' {
	if (c.req.header('Transfer-Encoding') !== undefined) return 'streamed';
	const length = c.req.header('Content-Length');
	if (length !== undefined) {
		const n = Number(length);
		return Number.isSafeInteger(n) && n >= 0 ? n : 'streamed';
	}
	// Node's parser gives a request with neither header nor body; other callers (app.request) may stream one.
	if ((c.env as { incoming?: unknown } | undefined)?.incoming) return 0;
	return c.req.raw.body ? 'streamed' : 0;
}

/**
 * The middleware. Order matters: the size check needs no lookup; the key may need the session store; only an
 * admitted request's body is ever read, by its handler, and a streamed one is cut off at the limit as it arrives.
 */
export function admission(opts: AdmissionOptions): MiddlewareHandler {
	const ledgers = { account: new InFlight(opts.budgets.account), address: new InFlight(opts.budgets.address) };
	const rates = {
		account: new ByteRate(opts.budgets.account, opts.clock),
		address: new ByteRate(opts.budgets.address, opts.clock)
	};
	const comebacks = {
		account: new Comebacks({ holdMs: opts.budgets.holdMs, perKey: opts.budgets.account.requests }, opts.clock),
		address: new Comebacks({ holdMs: opts.budgets.holdMs, perKey: opts.budgets.address.requests }, opts.clock)
	};
	// Refused unread: closing the connection spares reading (and the client sending) the rest.
	const closing = (res: Response) => {
		res.headers.set('Connection', 'close');
		return res;
	};
	const refuseUnread = (c: Context) => closing(opts.tooLarge(c));
	return async (c, next) => {
		const limit = opts.limitFor(c);
		const declared = declaredBody(c);
		if (declared !== 'streamed' && declared > limit) return refuseUnread(c);
		const key = await opts.keyFor(c);
		// A declared body holds its length from the start; a streamed one holds what has arrived so far.
		const bytes = declared === 'streamed' ? 0 : declared;
		const busy = async (retryAfterS: number) => {
			const held = comebacks[key.scope].refused(key.id, retryAfterS * 1000);
			if (held.holdMs > 0) {
				try {
					await hold(held.holdMs, c.req.raw.signal);
				} finally {
					held.release();
				}
			}
			const res = opts.busy(c, retryAfterS);
			return declared === 'streamed' || declared > DRAIN_AT_MOST ? closing(res) : res;
		};
		const ticket = ledgers[key.scope].admit(key.id, bytes);
		if (!ticket) return busy(BUSY_RETRY_AFTER_S);
		const rate = rates[key.scope];
		// No body, nothing to meter (the count budget bounds those); a streamed one goes while the key is not in debt.
		const taken = declared === 0 ? ({ ok: true } as const) : rate.take(key.id, bytes);
		if (!taken.ok) {
			ticket.release();
			return busy(Math.max(BUSY_RETRY_AFTER_S, Math.ceil(taken.retryAfterMs / 1000)));
		}
		const arrived = (n: number) => {
			ticket.add(n);
			rate.charge(key.id, n);
		};
		const counted = declared === 'streamed' ? countWireBytes(c, limit, arrived, () => opts.tooLarge(c)) : undefined;
		try {
			await next();
		} finally {
			ticket.release();
		}
		// Whatever the handler made of the cut-off stream (an error, a 400 for a truncated body), the answer is 413.
		if (counted?.over) {
			c.res = undefined;
			c.res = refuseUnread(c);
			return;
		}
		// Answered without reading the body (401 for an unknown token, 400 for a missing key): it cost nothing, so it
		// costs the key nothing — an expired token's big upload must not hold up the sign-in after it — and a big one
		// is not read only to be dropped.
		const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
		if (incoming && bytes > 0 && !incoming.readableDidRead) {
			rate.charge(key.id, -bytes);
			if (bytes > DRAIN_AT_MOST) c.res.headers.set('Connection', 'close');
		}
	};
}

/** Replaces the request's body with one that reports bytes as they arrive and fails past `limit`. */
function countWireBytes(
	c: Context,
	limit: number,
	arrived: (bytes: number) => void,
	tooLarge: () => Response
): { over: boolean } {
	const state = { over: false };
	const source = c.req.raw.body;
	if (!source) return state;
	const reader = source.getReader();
	let seen = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const step = await reader.read();
			if (step.done) return controller.close();
			seen += step.value.byteLength;
			arrived(step.value.byteLength);
			if (seen > limit) {
				state.over = true;
				// Not cancelled: that would destroy the socket the 413 is to be written to.
				reader.releaseLock();
				controller.error(new HTTPException(413, { res: tooLarge() }));
				return;
			}
			controller.enqueue(step.value);
		},
		cancel: (reason) => reader.cancel(reason)
	});
	const raw = c.req.raw;
	c.req.raw = new Request(raw.url, {
		method: raw.method,
		headers: raw.headers,
		body,
		signal: raw.signal,
		duplex: 'half'
	} as RequestInit);
	return state;
}
