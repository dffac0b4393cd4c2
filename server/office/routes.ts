// /api/v1/office: the back office's API for signed-in staff. Thin handlers; the rules live in the modules beside this one.
import { Hono, type Context } from 'hono';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
	auditQuery,
	canDo,
	calendarRequest,
	changePasswordRequest,
	createAccountRequest,
	createStaffRequest,
	dispatchRequest,
	identityRequest,
	officeQueue,
	queueQuery,
	refusalsQuery,
	rotateAccessCodeRequest,
	signInRequest,
	staffRolesRequest,
	type OfficeAccount,
	type StaffMe
} from '../../src/lib/domain/office';
import { CALENDAR_YEARS } from '../../src/lib/domain/holidayCalendar';
import type { ProviderEventKind } from '../../src/lib/domain/stampingEvent';
import { serverCalendar } from '../calendar/calendar';
import { addressKey, clientAddress } from '../http/client-address';
import type { Config } from '../config';
import { apiError, fieldErrors, invalid, readBody } from '../http/http';
import type { OfficeAccountRow, Store } from '../store/index';
import type { SignInThrottle } from '../auth/throttle';
import { newAccessCode } from './access-codes';
import { checkSchedule, previewSchedule } from './calendar';
import { previewIdentity, setIdentity } from './identity';
import { intakeLookup, officeContract, takeStep } from './paper-copies';
import { hashPassword, verifyPassword } from './passwords';
import { queuePage } from './queues';
import { summariseRefusals } from './refusals';
import { forbidden, requireRole, requireStaff, signIn, type OfficeEnv } from './session';
import { addStaff, memberView, resetPassword, type SessionPolicy } from './staff';

export interface OfficeDeps {
	store: Store;
	/** The session policy (config.office) and the proxies believed for the client's address. */
	config: Pick<Config, 'office' | 'trustedProxies'>;
	/** The customers' sign-in throttle: staff failures are counted under their own keys. */
	throttle: SignInThrottle;
	now: () => number;
	log: (message: string, err?: unknown) => void;
}

export function officeRoutes(deps: OfficeDeps): Hono<OfficeEnv> {
	const { store, now } = deps;
	const policy: SessionPolicy = deps.config.office;
	const address = (c: Context) => addressKey(clientAddress(c, deps.config.trustedProxies));
	const office = new Hono<OfficeEnv>();
	const staffOnly = requireStaff({ store, policy, now });
	const actor = (c: Context<OfficeEnv>) => c.get('staff').login;
	const me = (c: Context<OfficeEnv>): StaffMe => {
		const s = c.get('staff');
		return {
			login: s.login,
			roles: s.roles,
			mustChangePassword: s.mustChangePassword,
			idleTimeoutSeconds: Math.round(policy.idleTimeoutMs / 1000)
		};
	};
	const notFound = (c: Context, message = 'Not found') => apiError(c, 404, 'notFound', { message });
	const query = <S extends z.ZodType>(c: Context, schema: S) => {
		const parsed = schema.safeParse(c.req.query());
		return parsed.success
			? { ok: true as const, value: parsed.data as z.output<S> }
			: { ok: false as const, response: invalid(c, fieldErrors(parsed.error)) };
	};

	// --- session ---------------------------------------------------------------------------------
	office.post('/session', async (c) => {
		const body = await readBody(c, signInRequest);
		if (!body.ok) return body.response;
		const out = await signIn({ store, throttle: deps.throttle, policy, now }, address(c), body.value);
		if (out.kind === 'throttled') {
			const seconds = Math.max(1, Math.ceil(out.retryAfterMs / 1000));
			c.header('Retry-After', String(seconds));
			return apiError(c, 429, 'tooManyAttempts', {
				message: 'Too many wrong passwords; try again later',
				retryAfter: seconds
			});
		}
		if (out.kind === 'bad') return apiError(c, 401, 'badCredentials', { message: 'Unknown login or wrong password' });
		const s = out.staff;
		return c.json({
			token: out.token,
			login: s.login,
			roles: s.roles,
			mustChangePassword: s.mustChangePassword,
			idleTimeoutSeconds: Math.round(policy.idleTimeoutMs / 1000)
		});
	});
	office.use('*', async (c, next) =>
		c.req.method === 'POST' && c.req.path.endsWith('/office/session') ? next() : staffOnly(c, next)
	);

	office.delete('/session', async (c) => {
		await store.deleteStaffSession(c.get('tokenHash'));
		return c.body(null, 204);
	});
	office.get('/me', (c) => c.json(me(c)));
	office.put('/me/password', async (c) => {
		const body = await readBody(c, changePasswordRequest);
		if (!body.ok) return body.response;
		const staff = c.get('staff');
		if (!(await verifyPassword(body.value.currentPassword, staff.passwordHash))) {
			return invalid(c, { currentPassword: ['wrongPassword'] }, 'The current password is wrong');
		}
		await store.setStaffPassword({
			login: staff.login,
			passwordHash: await hashPassword(body.value.newPassword),
			mustChangePassword: false,
			now: new Date(now()).toISOString(),
			actor: staff.login
		});
		// Whoever else held a session of this member is out; this one stays.
		await store.revokeStaffSessions({ login: staff.login, exceptTokenHash: c.get('tokenHash') });
		c.set('staff', (await store.getStaff(staff.login))!);
		return c.json(me(c));
	});

	// --- queues and paper copies -----------------------------------------------------------------
	office.get('/queues/:queue', requireRole('queues'), async (c) => {
		const queue = officeQueue.safeParse(c.req.param('queue'));
		if (!queue.success) return notFound(c);
		const q = query(c, queueQuery);
		if (!q.ok) return q.response;
		const [rows, calendar] = await Promise.all([store.listPaperCopies(), serverCalendar(store)]);
		return c.json(queuePage(rows, calendar, now(), { queue: queue.data, ...q.value }));
	});
	office.get('/contracts/:id', requireRole('queues'), async (c) => {
		const contract = await officeContract(store, c.req.param('id'), await serverCalendar(store), now());
		return contract ? c.json({ contract }) : notFound(c);
	});
	office.get('/intake/:number', requireRole('receive'), async (c) => {
		const found = await intakeLookup(store, c.req.param('number'), await serverCalendar(store), now());
		return found.kind === 'found' ? c.json(found.body) : notFound(c, 'No registered contract has this number');
	});
	const step = (kind: ProviderEventKind) => async (c: Context<OfficeEnv>) => {
		let dispatch;
		if (kind === 'returned') {
			const body = await readBody(c, dispatchRequest);
			if (!body.ok) return body.response;
			dispatch = body.value;
		}
		const calendar = await serverCalendar(store);
		const result = await takeStep(
			store,
			{ contractId: c.req.param('id')!, kind, dispatch, actor: actor(c), now: now() },
			calendar
		);
		switch (result.kind) {
			case 'notFound':
				return notFound(c);
			case 'invalid':
				return invalid(c, result.fields, result.message);
			case 'refused':
				return c.json(
					{ error: 'actionRefused', reason: result.reason, message: result.message, contract: result.contract },
					409
				);
			case 'done':
				return c.json({ contract: result.contract });
		}
	};
	office.post('/contracts/:id/received', requireRole('receive'), step('received'));
	office.post('/contracts/:id/stamped', requireRole('stamp'), step('stamped'));
	office.post('/contracts/:id/dispatched', requireRole('dispatch'), step('returned'));

	// --- customer accounts -----------------------------------------------------------------------
	const accountView = (r: OfficeAccountRow): OfficeAccount => {
		const id = r.account.identity;
		return {
			id: r.account.id,
			status: id.status,
			name: id.status === 'verified' ? id.legalName : id.accountName,
			creditCode: id.status === 'verified' ? id.creditCode : null,
			hasAccessCode: true,
			codeIssuedAt: r.codeIssuedAt,
			contracts: r.contracts
		};
	};
	const findAccount = async (id: string) => (await store.listOfficeAccounts()).find((r) => r.account.id === id);
	office.get('/accounts', requireRole('accounts'), async (c) => {
		const q = c.req.query('q')?.trim().toLowerCase();
		const rows = (await store.listOfficeAccounts()).map(accountView);
		return c.json({
			accounts: q ? rows.filter((a) => `${a.id} ${a.name} ${a.creditCode ?? ''}`.toLowerCase().includes(q)) : rows
		});
	});
	office.post('/accounts', requireRole('issueCodes'), async (c) => {
		const body = await readBody(c, createAccountRequest);
		if (!body.ok) return body.response;
		const { code, groups } = newAccessCode();
		const account = await store.createAccount({
			id: `acct-${randomUUID()}`,
			accountName: body.value.accountName,
			code,
			now: new Date(now()).toISOString(),
			actor: actor(c)
		});
		const row = (await findAccount(account.id))!;
		return c.json({ account: accountView(row), accessCode: code, groups, revokedSessions: 0 }, 201);
	});
	office.post('/accounts/:id/access-code', requireRole('issueCodes'), async (c) => {
		const body = await readBody(c, rotateAccessCodeRequest.optional(), { allowEmpty: true });
		if (!body.ok) return body.response;
		const { code, groups } = newAccessCode();
		const result = await store.setAccessCode({
			accountId: c.req.param('id'),
			code,
			revokeSessions: body.value?.revokeSessions ?? true,
			now: new Date(now()).toISOString(),
			actor: actor(c)
		});
		if (result.kind === 'notFound') return notFound(c);
		const row = (await findAccount(c.req.param('id')))!;
		return c.json({ account: accountView(row), accessCode: code, groups, revokedSessions: result.revokedSessions });
	});
	office.post('/accounts/:id/identity/preview', requireRole('identity'), async (c) => {
		const body = await readBody(c, identityRequest);
		if (!body.ok) return body.response;
		const preview = await previewIdentity(store, c.req.param('id'), body.value);
		return preview ? c.json(preview) : notFound(c);
	});
	office.put('/accounts/:id/identity', requireRole('identity'), async (c) => {
		const body = await readBody(c, identityRequest);
		if (!body.ok) return body.response;
		const result = await setIdentity(store, {
			accountId: c.req.param('id'),
			request: body.value,
			actor: actor(c),
			now: now()
		});
		if (result.kind === 'notFound') return notFound(c);
		return c.json({ identity: result.identity, changed: result.kind === 'verified' });
	});

	// --- calendar --------------------------------------------------------------------------------
	const yearParam = (raw: string): number | null => {
		const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
		return year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max ? year : null;
	};
	const badYear = (c: Context) =>
		invalid(c, { year: ['year'] }, `A year from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`);
	office.get('/calendar', requireRole('calendar'), async (c) => {
		const years = await store.listHolidayYears();
		return c.json({
			years: years.map((y) => ({
				year: y.year,
				source: y.source,
				publishedAt: y.publishedAt,
				revision: y.revision,
				holidays: y.holidays.length,
				workdays: y.workdays.length
			}))
		});
	});
	office.get('/calendar/:year', requireRole('calendar'), async (c) => {
		const year = yearParam(c.req.param('year'));
		if (year === null) return badYear(c);
		const found = (await store.listHolidayYears()).find((y) => y.year === year);
		return found ? c.json({ year: found }) : notFound(c, `No schedule published for ${year}`);
	});
	const schedule = async (c: Context<OfficeEnv>) => {
		const year = yearParam(c.req.param('year') ?? '');
		if (year === null) return { ok: false as const, response: badYear(c) };
		const body = await readBody(c, calendarRequest);
		if (!body.ok) return body;
		const checked = checkSchedule(year, body.value);
		if (!checked.ok)
			return { ok: false as const, response: invalid(c, checked.fields, 'The schedule does not hold together') };
		return { ok: true as const, schedule: checked.schedule };
	};
	office.post('/calendar/:year/preview', requireRole('calendar'), async (c) => {
		const s = await schedule(c);
		if (!s.ok) return s.response;
		return c.json(await previewSchedule(store, s.schedule, now()));
	});
	office.put('/calendar/:year', requireRole('calendar'), async (c) => {
		const s = await schedule(c);
		if (!s.ok) return s.response;
		const preview = await previewSchedule(store, s.schedule, now());
		const result = await store.publishHolidayYear({
			schedule: s.schedule,
			now: new Date(now()).toISOString(),
			actor: actor(c)
		});
		return c.json(
			{
				year: result.year,
				changed: result.kind !== 'unchanged',
				dueDateChanges: result.kind === 'unchanged' ? [] : preview.dueDateChanges
			},
			result.kind === 'created' ? 201 : 200
		);
	});

	// --- refusals and audit ----------------------------------------------------------------------
	office.get('/refusals', requireRole('refusals'), async (c) => {
		const q = query(c, refusalsQuery);
		if (!q.ok) return q.response;
		const since = new Date(now() - q.value.days * 86_400_000).toISOString();
		return c.json(summariseRefusals(await store.listRefusals(since), q.value.days, since));
	});
	office.get('/audit', async (c) => {
		const q = query(c, auditQuery);
		if (!q.ok) return q.response;
		const { contract, account, actor: by, limit, before } = q.value;
		// A contract's own history is for whoever works on it; the whole trail and a member's actions are the admin's.
		const capability = contract !== undefined && account === undefined && by === undefined ? 'queues' : 'audit';
		const roles = c.get('staff').roles;
		if (!canDo(roles, capability)) return forbidden(c, capability);
		const target = contract ?? account;
		const rows = await store.listAdminActions({ target, actor: by, limit: limit + 1, before });
		const page = rows.slice(0, limit).map((r) => ({
			id: r.id,
			actor: r.actor,
			action: r.action,
			target: r.target,
			before: r.before ?? null,
			after: r.after ?? null,
			at: r.at
		}));
		return c.json({ rows: page, next: rows.length > limit ? page.at(-1)!.id : null });
	});

	// --- staff -----------------------------------------------------------------------------------
	office.get('/staff', requireRole('staff'), async (c) => {
		const all = await store.listStaff();
		return c.json({ staff: await Promise.all(all.map((s) => memberView(store, s, policy, now()))) });
	});
	office.post('/staff', requireRole('staff'), async (c) => {
		const body = await readBody(c, createStaffRequest);
		if (!body.ok) return body.response;
		const added = await addStaff(store, { ...body.value, actor: actor(c), now: now() });
		if (added.kind === 'exists')
			return apiError(c, 409, 'loginTaken', { message: 'This login exists', fields: { login: ['taken'] } });
		return c.json(
			{ member: await memberView(store, added.record, policy, now()), initialPassword: added.initialPassword },
			201
		);
	});
	office.put('/staff/:login/roles', requireRole('staff'), async (c) => {
		const body = await readBody(c, staffRolesRequest);
		if (!body.ok) return body.response;
		const rec = await store.setStaffRoles({
			login: c.req.param('login'),
			roles: [...new Set(body.value.roles)],
			now: new Date(now()).toISOString(),
			actor: actor(c)
		});
		return rec ? c.json(await memberView(store, rec, policy, now())) : notFound(c);
	});
	office.post('/staff/:login/password-reset', requireRole('staff'), async (c) => {
		const reset = await resetPassword(store, { login: c.req.param('login'), actor: actor(c), now: now() });
		if (!reset) return notFound(c);
		return c.json({
			member: await memberView(store, reset.record, policy, now()),
			initialPassword: reset.initialPassword
		});
	});
	office.post('/staff/:login/sessions/revoke', requireRole('staff'), async (c) => {
		if (!(await store.getStaff(c.req.param('login')))) return notFound(c);
		return c.json({ revoked: await store.revokeStaffSessions({ login: c.req.param('login') }) });
	});

	office.all('*', (c) => notFound(c));
	return office;
}
