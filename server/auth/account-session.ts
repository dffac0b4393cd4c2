// An account's session on the API: the bearer token as the store keeps it (hashed), and the check that admits a signed-in account.
import type { MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import { apiError, bearerToken } from '../http/http';
import type { Store } from '../store/index';

/** What a route behind requireAccount knows: whose request it is. */
export type AppEnv = { Variables: { accountId: string } };

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Attached per route, so an unknown path is a 404 even without a token. */
export function requireAccount(store: Store, now: () => number): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		const token = bearerToken(c);
		const session = token ? await store.getSession(hashToken(token), new Date(now()).toISOString()) : undefined;
		if (!session) {
			c.header('WWW-Authenticate', 'Bearer');
			return apiError(c, 401, 'unauthorized', { message: 'Missing, unknown or expired token' });
		}
		c.set('accountId', session.accountId);
		await next();
	};
}
