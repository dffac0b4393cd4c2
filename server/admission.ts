// Admission before work: a request's declared size against its route's limit, and its account's (or address's) budget of requests and body bytes in flight, decided before any body byte is read.
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AdmissionBudget, AdmissionBudgets } from './config';

/** Whom a request is counted against: its account when its token names a session, else its client address. */
export type AdmissionKey = { scope: 'account' | 'address'; id: string };

/** What a refused client is told to wait: in-flight requests of a device finish within a second or two. */
export const BUSY_RETRY_AFTER_S = 1;

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

	constructor(private readonly budget: AdmissionBudget) {}

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

export interface AdmissionOptions {
	budgets: AdmissionBudgets;
	/** The route's largest body as sent on the wire (before any Content-Encoding is undone), in bytes. */
	limitFor(c: Context): number;
	keyFor(c: Context): Promise<AdmissionKey> | AdmissionKey;
	tooLarge(c: Context): Response;
	busy(c: Context, retryAfterS: number): Response;
}

/** The body's size as announced: bytes from Content-Length, 'streamed' when it is chunked (or unknown), 0 for none. */
export function declaredBody(c: Context): number | 'streamed' {
	if (c.req.header('Transfer-Encoding') !== undefined) return 'streamed';
	const length = c.req.header('Content-Length');
	if (length !== undefined) {
		const n = Number(length);
		return Number.isSafeInteger(n) && n >= 0 ? n : 'streamed';
	}
	// Node's parser gives a request with neither header no body; other callers (app.request) may stream one.
	if ((c.env as { incoming?: unknown } | undefined)?.incoming) return 0;
	return c.req.raw.body ? 'streamed' : 0;
}

/**
 * The middleware. Order matters: the size check needs no lookup; the key may need the session store; only an
 * admitted request's body is ever read, by its handler, and a streamed one is cut off at the limit as it arrives.
 */
export function admission(opts: AdmissionOptions): MiddlewareHandler {
	const ledgers = { account: new InFlight(opts.budgets.account), address: new InFlight(opts.budgets.address) };
	// Refused unread: closing the connection spares reading (and the client sending) the rest.
	const refuseUnread = (c: Context) => {
		const res = opts.tooLarge(c);
		res.headers.set('Connection', 'close');
		return res;
	};
	return async (c, next) => {
		const limit = opts.limitFor(c);
		const declared = declaredBody(c);
		if (declared !== 'streamed' && declared > limit) return refuseUnread(c);
		const key = await opts.keyFor(c);
		// A declared body holds its length from the start; a streamed one holds what has arrived so far.
		const ticket = ledgers[key.scope].admit(key.id, declared === 'streamed' ? 0 : declared);
		if (!ticket) return opts.busy(c, BUSY_RETRY_AFTER_S);
		const counted = declared === 'streamed' ? countWireBytes(c, limit, ticket, () => opts.tooLarge(c)) : undefined;
		try {
			await next();
		} finally {
			ticket.release();
		}
		// Whatever the handler made of the cut-off stream (an error, a 400 for a truncated body), the answer is 413.
		if (counted?.over) {
			c.res = undefined;
			c.res = refuseUnread(c);
		}
	};
}

/** Replaces the request's body with one that counts bytes as they arrive (onto the ticket) and fails past `limit`. */
function countWireBytes(c: Context, limit: number, ticket: Ticket, tooLarge: () => Response): { over: boolean } {
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
			ticket.add(step.value.byteLength);
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
