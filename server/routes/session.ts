// /api/v1/session: signing in with an access code (throttled per address and per code, failures past a global ceiling answered late) and signing out.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { createHash, randomBytes } from 'node:crypto';
import { sessionRequest, type SessionResponse } from '../../src/lib/domain/api';
import { hashToken, type AppEnv } from '../auth/account-session';
import { addressKey, clientAddress } from '../http/client-address';
import type { Config } from '../config';
import { apiError, bearerToken, readBody } from '../http/http';
import { SignInCeiling, type FailureRate } from '../auth/sign-in-ceiling';
import type { Store } from '../store/index';
import type { SignInThrottle } from '../auth/throttle';

/**
 * Free failures per window: an address may be an office behind one NAT, so it gets more than a single code.
 * Three mistypes of a person are always free; attempt 60 from one client is long refused.
 */
export const SIGN_IN_RULES = { address: { free: 10 }, code: { free: 5 } } as const;

export interface SessionDeps {
	store: Store;
	config: Pick<Config, 'trustedProxies' | 'sessionTtlMs' | 'signInCeiling'>;
	throttle: SignInThrottle;
	/** Failed sign-ins for the global ceiling (PostgreSQL: every process's); by default this process's. */
	failureRate?: FailureRate;
	/** How a slowed answer waits. */
	sleep: (ms: number) => Promise<void>;
	requireAccount: MiddlewareHandler<AppEnv>;
	now: () => number;
	log: (message: string, err?: unknown) => void;
}

function tooMany(c: Context, retryAfterMs: number): Response {
	const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
	c.header('Retry-After', String(seconds));
	return apiError(c, 429, 'tooManyAttempts', {
		message: 'Too many wrong access codes; try again later',
		retryAfter: seconds
	});
}

export function sessionRoutes(deps: SessionDeps): Hono<AppEnv> {
	const { store, config, throttle, sleep, now } = deps;
	const ceiling = new SignInCeiling({ rate: deps.failureRate, options: config.signInCeiling, now, log: deps.log });
	const routes = new Hono<AppEnv>();

	routes.post('/', async (c) => {
		const byAddress = {
			key: `address:${addressKey(clientAddress(c, config.trustedProxies))}`,
			rule: SIGN_IN_RULES.address
		};
		// Refused before the body is even read: a blocked client costs no hashing.
		const early = await throttle.check([byAddress]);
		if (!early.allowed) return tooMany(c, early.retryAfterMs);
		const body = await readBody(c, sessionRequest);
		if (!body.ok) return body.response;
		const byCode = {
			key: `code:${createHash('sha256').update(body.value.code).digest('base64url')}`,
			rule: SIGN_IN_RULES.code
		};
		// Counted as a failure before the lookup, so concurrent attempts see each other; a success takes it back.
		const attempt = await throttle.attempt([byAddress, byCode]);
		if (!attempt.allowed) return tooMany(c, attempt.retryAfterMs);
		const account = await store.findAccountByCode(body.value.code);
		if (!account) {
			const delay = await ceiling.failed();
			if (delay > 0) await sleep(delay);
			return apiError(c, 401, 'badCode', { message: 'Unknown access code' });
		}
		await attempt.succeeded();
		const token = randomBytes(32).toString('base64url');
		const created = now();
		await store.createSession(
			hashToken(token),
			account.id,
			new Date(created).toISOString(),
			new Date(created + config.sessionTtlMs).toISOString()
		);
		return c.json({ token, accountId: account.id } satisfies SessionResponse);
	});

	routes.delete('/', deps.requireAccount, async (c) => {
		await store.deleteSession(hashToken(bearerToken(c)!));
		return c.body(null, 204);
	});

	return routes;
}
