// Idempotent writes (IETF idempotency-key draft, Stripe): claim a key, run the effect once, replay after.
import type { Context } from 'hono';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/lib/domain/canonical';
import { apiError, invalid } from './http';
import type { Commit, Store, StoredResponse } from '../store/index';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The key from the header; the draft sends it as a structured-field string ("…"), Stripe bare. */
export function idempotencyKey(c: Context): string | undefined {
	let raw = c.req.header(IDEMPOTENCY_HEADER)?.trim();
	if (raw && raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
	return raw && KEY.test(raw) ? raw : undefined;
}

export function missingKey(c: Context): Response {
	const present = c.req.header(IDEMPOTENCY_HEADER) !== undefined;
	return invalid(
		c,
		{ [IDEMPOTENCY_HEADER]: [present ? 'format' : 'required'] },
		present
			? `${IDEMPOTENCY_HEADER} must be 1–255 visible ASCII characters`
			: `${IDEMPOTENCY_HEADER} header is required on writes`
	);
}

/** Hash of what the request asks for: the same key must always mean the same request. */
export function requestHash(method: string, path: string, body: unknown): string {
	return createHash('sha256')
		.update(`${method} ${path}\n${canonicalJson(body ?? null)}`)
		.digest('hex');
}

/**
 * Outcomes worth replaying: successes and decisions on the content (409, 422). Everything else
 * (400, 403, 404, 5xx) may change on a retry — e.g. once the account is verified — so it is not kept.
 */
export function isStorable(status: number): boolean {
	return (status >= 200 && status < 300) || status === 409 || status === 422;
}

export interface Outcome extends StoredResponse {
	/** True when the store already finished the key in the effect's transaction. */
	committed?: boolean;
}

export interface IdemHandle {
	scope: string;
	key: string;
	/** Builds the store commit for an effect: the mapped response is stored in the same transaction. */
	commit<R>(respond: (result: R) => StoredResponse): Commit<R>;
}

export async function runIdempotent(
	c: Context,
	store: Store,
	opts: {
		scope: string;
		key: string;
		body: unknown;
		/** What the hash was taken over before the request's hash changed shape: a key claimed then still replays. */
		legacyBody?: unknown;
		now: number;
	},
	handler: (idem: IdemHandle) => Promise<Outcome>
): Promise<Response> {
	const { scope, key } = opts;
	const hash = requestHash(c.req.method, c.req.path, opts.body);
	let claim = await store.claimIdempotency(scope, key, hash, opts.now);
	if (claim.kind === 'mismatch' && opts.legacyBody !== undefined) {
		claim = await store.claimIdempotency(scope, key, requestHash(c.req.method, c.req.path, opts.legacyBody), opts.now);
	}
	if (claim.kind === 'replay') {
		c.header('Idempotent-Replayed', 'true');
		return c.json(claim.response.body as object, claim.response.status as 200);
	}
	if (claim.kind === 'mismatch') {
		return apiError(c, 422, 'idempotencyKeyReused', {
			message: 'This Idempotency-Key was already used for a different request'
		});
	}
	if (claim.kind === 'running') {
		c.header('Retry-After', '1');
		return apiError(c, 409, 'requestInProgress', {
			message: 'A request with this Idempotency-Key is still being processed'
		});
	}

	const handle: IdemHandle = {
		scope,
		key,
		commit: (respond) => ({
			scope,
			key,
			respond: (result) => {
				const response = respond(result);
				return isStorable(response.status) ? response : null;
			}
		})
	};
	let outcome: Outcome;
	try {
		outcome = await handler(handle);
	} catch (err) {
		await store.releaseIdempotency(scope, key);
		throw err;
	}
	if (!outcome.committed) {
		if (isStorable(outcome.status)) await store.finishIdempotency(scope, key, outcome);
		else await store.releaseIdempotency(scope, key);
	}
	return c.json(outcome.body as object, outcome.status as 200);
}
