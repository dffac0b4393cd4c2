// The provider's back office API: verify accounts and move stamping requests through received → stamped → returned.
import { Hono, type Context } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../../src/lib/domain/canonical';
import { verifiedIdentity } from '../../src/lib/domain/identity';
import { courierShipment, providerEventKind, type StampingEvent } from '../../src/lib/domain/stamping';
import { createStaffRequest } from '../../src/lib/domain/office';
import { calendarAdminRoutes, dueFromEvents, serverCalendar } from '../calendar/calendar';
import { addStaff, resetPassword } from '../office/staff';
import { apiError, readBody } from '../http/http';
import { idempotencyKey, runIdempotent, type Outcome } from '../http/idempotency';
import type { Commit, StampingEventResult, Store, VerifyResult } from '../store/index';

export const verifyDetails = verifiedIdentity
	.pick({ entityType: true, legalName: true, creditCode: true, legalRepresentative: true, registeredAddress: true })
	.partial({ entityType: true });

export interface AdminDeps {
	store: Store;
	adminToken: string;
	now: () => number;
	log: (message: string, err?: unknown) => void;
}

const ADMIN_SCOPE = '$admin';

function digest(value: string): Buffer {
	return createHash('sha256').update(value).digest();
}

export function adminRoutes(deps: AdminDeps): Hono {
	const { store, now } = deps;
	const iso = () => new Date(now()).toISOString();
	const expected = digest(deps.adminToken);
	const admin = new Hono();

	admin.use('*', async (c, next) => {
		const match = c.req.header('Authorization')?.match(/^Bearer[ ]+(\S+)\s*$/i);
		// Hashing first gives equal lengths, so the comparison time says nothing about the token.
		if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
			c.header('WWW-Authenticate', 'Bearer realm="admin"');
			return apiError(c, 401, 'unauthorized', { message: 'Admin token required' });
		}
		await next();
	});

	/**
	 * Admin actions are naturally safe to repeat (a repeated transition is a 409), so the key is
	 * optional here; when the CLI sends one, a retry replays the first answer.
	 */
	async function maybeIdempotent(
		c: Context,
		body: unknown,
		handler: (commit: <R>(respond: (r: R) => Outcome) => Commit<R> | undefined) => Promise<Outcome>
	): Promise<Response> {
		const key = idempotencyKey(c);
		if (!key) {
			const out = await handler(() => undefined);
			return c.json(out.body as object, out.status as 200);
		}
		return runIdempotent(c, store, { scope: ADMIN_SCOPE, key, body, now: now() }, async (idem) => {
			const out = await handler((respond) => idem.commit(respond));
			return { ...out, committed: true };
		});
	}

	admin.get('/accounts', async (c) => {
		const accounts = await store.listAccounts();
		return c.json({
			accounts: accounts.map((a) => ({
				id: a.id,
				status: a.identity.status,
				name: a.identity.status === 'verified' ? a.identity.legalName : a.identity.accountName
			}))
		});
	});

	// A received paper copy shows its due date, computed by the rule (and from the calendar) the phone uses.
	admin.get('/contracts', async (c) => {
		const [rows, calendar] = await Promise.all([store.listContractsForAdmin(), serverCalendar(store)]);
		const contracts = [];
		for (const row of rows) {
			const returnDue = row.stampingEvents.includes('received')
				? dueFromEvents(await store.listStampingEvents(row.id), calendar)
				: null;
			contracts.push({ ...row, returnDue });
		}
		return c.json({ contracts });
	});
	admin.route('/calendar', calendarAdminRoutes({ store, now }));
	admin.get('/actions', async (c) => c.json({ actions: await store.listAdminActions() }));

	admin.post('/accounts/:accountId/verify', async (c) => {
		// The identity comes from the back office's real-name check: there is no default to fall back on.
		const body = await readBody(c, verifyDetails);
		if (!body.ok) return body.response;
		const accountId = c.req.param('accountId');
		return maybeIdempotent(c, body.value, async (commit) => {
			const account = await store.getAccount(accountId);
			if (!account) return notFound();
			const details = { entityType: 'enterprise' as const, ...body.value };
			// The same identity again is a repeat, not a new verification: nothing changes, nothing is logged.
			const {
				status: _s,
				accountId: _a,
				verifiedAt: _v,
				...current
			} = account.identity.status === 'verified' ? account.identity : { status: '', accountId: '', verifiedAt: '' };
			const repeat = account.identity.status === 'verified' && canonicalJson(current) === canonicalJson(details);
			const result = await store.verifyAccount(
				{ accountId, details: repeat ? undefined : details, now: iso() },
				commit(verifyResponse)
			);
			return verifyResponse(result);
		});
	});

	admin.post('/contracts/:id/stamping/:kind', async (c) => {
		// 确认收到 is the customer's word alone (PUT /contracts/:id/stamping/receipt): the back office cannot say it.
		const kind = providerEventKind.safeParse(c.req.param('kind'));
		if (!kind.success) return apiError(c, 404, 'notFound', { message: 'Not found' });
		const schema = kind.data === 'returned' ? courierShipment : courierShipment.optional();
		const body = await readBody(c, schema, { allowEmpty: kind.data !== 'returned' });
		if (!body.ok) return body.response;
		const contractId = c.req.param('id');
		return maybeIdempotent(c, { kind: kind.data, shipment: body.value ?? null }, async (commit) => {
			const result = await store.addStampingEvent(
				{
					contractId,
					kind: kind.data,
					shipment: kind.data === 'returned' ? body.value : undefined,
					now: iso()
				},
				commit(eventResponse)
			);
			return eventResponse(result);
		});
	});

	// Staff accounts for the office (/office): the first one is made here, by whoever holds the token.
	admin.post('/staff', async (c) => {
		const body = await readBody(c, createStaffRequest);
		if (!body.ok) return body.response;
		const added = await addStaff(store, { ...body.value, actor: 'token', now: now() });
		if (added.kind === 'exists') return apiError(c, 409, 'loginTaken', { message: 'This login exists' });
		return c.json(
			{ login: added.record.login, roles: added.record.roles, initialPassword: added.initialPassword },
			201
		);
	});
	admin.post('/staff/:login/password-reset', async (c) => {
		const reset = await resetPassword(store, { login: c.req.param('login'), actor: 'token', now: now() });
		if (!reset) return apiError(c, 404, 'notFound', { message: 'No such staff member' });
		return c.json({ login: reset.record.login, roles: reset.record.roles, initialPassword: reset.initialPassword });
	});

	admin.all('*', (c) => apiError(c, 404, 'notFound', { message: 'Not found' }));
	return admin;
}

function notFound(): Outcome {
	return { status: 404, body: { error: 'notFound', message: 'Not found' } };
}

function verifyResponse(result: VerifyResult): Outcome {
	if (result.kind === 'notFound') return notFound();
	return { status: 200, body: { identity: result.identity, changed: result.kind === 'verified' } };
}

function eventResponse(result: StampingEventResult): Outcome {
	switch (result.kind) {
		case 'notFound':
			return notFound();
		case 'outOfOrder':
			return {
				status: 409,
				body: { error: 'outOfOrder', message: result.reason, events: result.events satisfies StampingEvent[] }
			};
		case 'added':
			return { status: 200, body: { event: result.event, events: result.events } };
	}
}
