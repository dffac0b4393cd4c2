// Staff sign-in and sessions: throttled like the customers' sign-in, tokens kept as hashes, idle and absolute expiry, role checks.
import type { Context, MiddlewareHandler } from 'hono';
import { createHash, randomBytes } from 'node:crypto';
import { canDo, OFFICE_ACCESS, type OfficeCapability, type SignInRequest } from '../../src/lib/domain/office';
import { apiError, bearerToken } from '../http/http';
import type { StaffRecord, Store } from '../store/index';
import type { SignInThrottle } from '../auth/throttle';
import { decoyHash, verifyPassword } from './passwords';
import type { SessionPolicy } from './staff';

export type OfficeEnv = { Variables: { staff: StaffRecord; tokenHash: string } };

/** Free failures per window, as for customers: an office behind one address gets more than a single login. */
export const STAFF_SIGN_IN_RULES = { address: { free: 10 }, login: { free: 5 } } as const;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export type SignInOutcome =
	{ kind: 'ok'; token: string; staff: StaffRecord } | { kind: 'bad' } | { kind: 'throttled'; retryAfterMs: number };

export function addressKey(address: string) {
	return { key: `office-address:${address}`, rule: STAFF_SIGN_IN_RULES.address };
}

export async function signIn(
	deps: { store: Store; throttle: SignInThrottle; policy: SessionPolicy; now: () => number },
	address: string,
	request: SignInRequest
): Promise<SignInOutcome> {
	const keys = [addressKey(address), { key: `office-login:${request.login}`, rule: STAFF_SIGN_IN_RULES.login }];
	// Counted as a failure before the password is checked, so concurrent guesses see each other; a success takes it back.
	const attempt = await deps.throttle.attempt(keys);
	if (!attempt.allowed) return { kind: 'throttled', retryAfterMs: attempt.retryAfterMs };
	const staff = await deps.store.getStaff(request.login);
	// An unknown login costs one hash too: the answer's time does not tell which logins exist.
	const ok = await verifyPassword(request.password, staff?.passwordHash ?? (await decoyHash()));
	if (!staff || !ok) return { kind: 'bad' };
	await attempt.succeeded();
	const token = randomBytes(32).toString('base64url');
	const now = deps.now();
	await deps.store.createStaffSession({
		tokenHash: tokenHash(token),
		login: staff.login,
		now: new Date(now).toISOString(),
		expiresAt: new Date(now + deps.policy.maxAgeMs).toISOString()
	});
	return { kind: 'ok', token, staff };
}

/** What a member whose password must change may still do: read who they are, change it, sign out. */
const WHILE_MUST_CHANGE = new Set(['GET /me', 'PUT /me/password', 'DELETE /session']);

export function requireStaff(deps: {
	store: Store;
	policy: SessionPolicy;
	now: () => number;
}): MiddlewareHandler<OfficeEnv> {
	return async (c, next) => {
		const token = bearerToken(c);
		const now = deps.now();
		const hash = token ? tokenHash(token) : undefined;
		const session = hash
			? await deps.store.touchStaffSession({
					tokenHash: hash,
					now: new Date(now).toISOString(),
					idleSince: new Date(now - deps.policy.idleTimeoutMs).toISOString()
				})
			: undefined;
		const staff = session && (await deps.store.getStaff(session.login));
		if (!staff || !hash) {
			c.header('WWW-Authenticate', 'Bearer realm="office"');
			return apiError(c, 401, 'unauthorized', { message: 'Sign in: the session is missing, ended or idle too long' });
		}
		const route = `${c.req.method} ${c.req.path.replace(/^.*?\/office(?=\/)/, '')}`;
		if (staff.mustChangePassword && !WHILE_MUST_CHANGE.has(route)) {
			return apiError(c, 403, 'mustChangePassword', { message: 'Choose a new password first' });
		}
		c.set('staff', staff);
		c.set('tokenHash', hash);
		await next();
	};
}

export function forbidden(c: Context, capability: OfficeCapability): Response {
	return apiError(c, 403, 'forbidden', {
		message: `This needs the role ${OFFICE_ACCESS[capability].join(' or ')}`,
		roles: [...OFFICE_ACCESS[capability]]
	});
}

export function requireRole(capability: OfficeCapability): MiddlewareHandler<OfficeEnv> {
	return async (c, next) => {
		if (!canDo(c.get('staff').roles, capability)) return forbidden(c, capability);
		await next();
	};
}
