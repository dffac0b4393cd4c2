// The office API on both stores: staff sign-in and its first password change, roles on every route, idle sessions, the paper-copy steps the phone pulls, access codes, audit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponse } from '../../src/lib/domain/changes';
import {
	accessCodeResponse,
	auditResponse,
	calendarPreview,
	identityPreview,
	intakeLookupResponse,
	OFFICE_ACCESS,
	queueResponse,
	refusalsResponse,
	signInResponse,
	STAFF_ROLES,
	type OfficeCapability,
	type StaffRole
} from '../../src/lib/domain/office';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { DEFAULT_VERIFICATION, demoFilings, demoSeed } from '../seed';
import { openSqliteStore } from '../store/sqlite/index';
import { openTestPg } from '../../tests/support/server/store/pg-db';
import {
	FIXED_NOW,
	filingRecord,
	frameworkRecord,
	PDF_SHA,
	put,
	RETURN_ADDRESS,
	signIn
} from '../../tests/support/server/app';
import type { Store } from '../store/index';

const ADMIN = 'office-test-admin-token';
const config = loadConfig({ DATA_DIR: tmpdir(), ADMIN_TOKEN: ADMIN });

type Opened = { store: Store; cleanup: () => Promise<void> };
const STORES: [string, () => Promise<Opened>][] = [
	[
		'SQLite',
		async () => {
			const dir = mkdtempSync(join(tmpdir(), 'contract-desk-office-'));
			const store = openSqliteStore(dir);
			return { store, cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
		}
	],
	['PostgreSQL', async () => openTestPg()]
];

/** Every office route, with the roles that may use it (written out here, not read from the server's table). */
const ROUTES: { method: string; path: string; body?: unknown; roles: readonly StaffRole[] | 'any' }[] = [
	{ method: 'GET', path: '/queues/awaiting', roles: 'any' },
	{ method: 'GET', path: '/contracts/00000000-0000-4000-8000-000000000000', roles: 'any' },
	{ method: 'GET', path: '/intake/HT-20260615-00000000', roles: ['intake'] },
	{ method: 'POST', path: '/contracts/x/received', roles: ['intake'] },
	{ method: 'POST', path: '/contracts/x/stamped', roles: ['stamping'] },
	{
		method: 'POST',
		path: '/contracts/x/dispatched',
		body: { courier: 'SF', trackingNumber: 'SF1234567' },
		roles: ['dispatch']
	},
	{ method: 'GET', path: '/accounts', roles: ['admin', 'verification'] },
	{ method: 'POST', path: '/accounts', body: { accountName: 'x' }, roles: ['admin'] },
	{ method: 'POST', path: '/accounts/x/access-code', roles: ['admin'] },
	{ method: 'POST', path: '/accounts/x/identity/preview', body: DEFAULT_VERIFICATION, roles: ['verification'] },
	{ method: 'PUT', path: '/accounts/x/identity', body: DEFAULT_VERIFICATION, roles: ['verification'] },
	{ method: 'GET', path: '/calendar', roles: ['calendar'] },
	{ method: 'GET', path: '/calendar/2027', roles: ['calendar'] },
	{ method: 'POST', path: '/calendar/2027/preview', body: { holidays: [], workdays: [] }, roles: ['calendar'] },
	{ method: 'PUT', path: '/calendar/2027', body: { holidays: [], workdays: [] }, roles: ['calendar'] },
	{ method: 'GET', path: '/refusals', roles: ['verification', 'admin'] },
	{ method: 'GET', path: '/audit', roles: ['admin'] },
	{ method: 'GET', path: '/audit?actor=someone', roles: ['admin'] },
	{ method: 'GET', path: '/staff', roles: ['admin'] },
	{ method: 'POST', path: '/staff', body: { login: 'zz-new', roles: ['intake'] }, roles: ['admin'] },
	{ method: 'PUT', path: '/staff/nobody/roles', body: { roles: ['intake'] }, roles: ['admin'] },
	{ method: 'POST', path: '/staff/nobody/password-reset', roles: ['admin'] },
	{ method: 'POST', path: '/staff/nobody/sessions/revoke', roles: ['admin'] }
];

describe.each(STORES)('office API: %s', (_name, open) => {
	let opened: Opened;
	let app: ReturnType<typeof createApp>;
	const clock = { now: FIXED_NOW };
	const logs: string[] = [];
	const bodies: string[] = [];
	const chosen: string[] = [];

	async function call(method: string, path: string, body?: unknown, token?: string) {
		const res = await app.request(`/api/v1${path}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				...(token ? { Authorization: `Bearer ${token}` } : {}),
				...(path.startsWith('/admin') ? { Authorization: `Bearer ${ADMIN}` } : {})
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const text = await res.text();
		bodies.push(text);
		return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
	}
	const office = (method: string, path: string, token?: string, body?: unknown) =>
		call(method, `/office${path}`, body, token);

	/** A member with these roles, signed in with a password of their own. */
	async function member(login: string, roles: StaffRole[]): Promise<string> {
		const made = await call('POST', '/admin/staff', { login, roles });
		expect(made.status).toBe(201);
		const initial = String(made.json.initialPassword);
		const first = await office('POST', '/session', undefined, { login, password: initial });
		expect(first.status).toBe(200);
		const token = signInResponse.parse(first.json).token;
		const password = `correct horse ${login} staple`;
		chosen.push(password);
		const changed = await office('PUT', '/me/password', token, { currentPassword: initial, newPassword: password });
		expect(changed.status).toBe(200);
		return token;
	}

	beforeAll(async () => {
		opened = await open();
		await opened.store.seed(demoSeed(FIXED_NOW));
		app = createApp({
			store: opened.store,
			config,
			staticDir: null,
			now: () => clock.now,
			log: (message, err) => logs.push(`${message} ${err instanceof Error ? err.stack : String(err ?? '')}`)
		});
	});
	afterAll(() => opened.cleanup());

	it('staff add prints an initial password; the first sign-in must change it before anything else', async () => {
		const made = await call('POST', '/admin/staff', { login: 'Wang.Li', roles: ['intake', 'intake'] });
		expect(made.status).toBe(201);
		expect(made.json).toMatchObject({ login: 'wang.li', roles: ['intake'] });
		const initial = String(made.json.initialPassword);
		expect(initial).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){5}$/);
		expect((await call('POST', '/admin/staff', { login: 'wang.li', roles: ['admin'] })).status).toBe(409);
		expect((await call('POST', '/admin/staff', { login: 'token', roles: ['admin'] })).status).toBe(400);

		expect((await office('POST', '/session', undefined, { login: 'wang.li', password: 'wrong' })).status).toBe(401);
		const signed = await office('POST', '/session', undefined, { login: 'wang.li', password: initial });
		expect(signed.status).toBe(200);
		const me = signInResponse.parse(signed.json);
		expect(me).toMatchObject({ login: 'wang.li', roles: ['intake'], mustChangePassword: true });

		const blocked = await office('GET', '/queues/awaiting', me.token);
		expect(blocked).toMatchObject({ status: 403, json: { error: 'mustChangePassword' } });
		expect((await office('GET', '/me', me.token)).json).toMatchObject({ mustChangePassword: true });
		const tooShort = await office('PUT', '/me/password', me.token, { currentPassword: initial, newPassword: 'short' });
		expect(tooShort).toMatchObject({ status: 400, json: { fields: { newPassword: ['tooShort'] } } });
		const wrong = await office('PUT', '/me/password', me.token, {
			currentPassword: 'not it',
			newPassword: 'a long enough phrase'
		});
		expect(wrong).toMatchObject({ status: 400, json: { fields: { currentPassword: ['wrongPassword'] } } });
		chosen.push('a long enough phrase');
		const ok = await office('PUT', '/me/password', me.token, {
			currentPassword: initial,
			newPassword: 'a long enough phrase'
		});
		expect(ok).toMatchObject({ status: 200, json: { mustChangePassword: false } });
		expect((await office('GET', '/queues/awaiting', me.token)).status).toBe(200);
		// The initial password is spent.
		expect((await office('POST', '/session', undefined, { login: 'wang.li', password: initial })).status).toBe(401);
		expect(
			(await office('POST', '/session', undefined, { login: 'wang.li', password: 'a long enough phrase' })).status
		).toBe(200);
	});

	it('roles on every route: unauthenticated → 401, a member without the role → 403 forbidden', async () => {
		const tokens = new Map<StaffRole, string>();
		for (const role of STAFF_ROLES) tokens.set(role, await member(`only-${role}`, [role]));
		for (const route of ROUTES) {
			const anon = await office(route.method, route.path, undefined, route.body);
			expect(anon.status, `${route.method} ${route.path} without a session`).toBe(401);
			const bogus = await office(route.method, route.path, 'not-a-session-token', route.body);
			expect(bogus.status, `${route.method} ${route.path} with a bogus token`).toBe(401);
			for (const role of STAFF_ROLES) {
				const res = await office(route.method, route.path, tokens.get(role), route.body);
				const allowed = route.roles === 'any' || route.roles.includes(role);
				if (allowed) expect(res.status, `${route.method} ${route.path} as ${role}`).not.toBe(403);
				else {
					expect(res.status, `${route.method} ${route.path} as ${role}`).toBe(403);
					expect(res.json).toMatchObject({ error: 'forbidden' });
					expect(String(res.json.message)).toMatch(/needs the role/);
				}
			}
		}
		// The server's own table agrees with the one written here.
		for (const [cap, roles] of Object.entries(OFFICE_ACCESS) as [OfficeCapability, readonly StaffRole[]][])
			expect(roles.length, cap).toBeGreaterThan(0);
	});

	it('an intake account cannot publish a calendar (403); a calendar account can, with a preview of moved due dates', async () => {
		const intake = await member('desk-intake', ['intake']);
		const cal = await member('desk-calendar', ['calendar']);
		const schedule = { holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] };
		const refused = await office('PUT', '/calendar/2027', intake, schedule);
		expect(refused).toMatchObject({ status: 403, json: { error: 'forbidden' } });
		const preview = await office('POST', '/calendar/2027/preview', cal, schedule);
		expect(preview.status).toBe(200);
		expect(calendarPreview.parse(preview.json)).toMatchObject({ year: 2027, changes: true });
		const published = await office('PUT', '/calendar/2027', cal, schedule);
		expect(published.status).toBe(201);
		const audit = await opened.store.listAdminActions({ target: '2027' });
		expect(audit[0]).toMatchObject({ actor: 'desk-calendar', action: 'publishHolidayYear', before: null });
	});

	it('a session idle longer than the timeout ends; use keeps it alive; sign-out and revocation end it', async () => {
		const token = await member('idle-one', ['stamping']);
		const idle = config.office.idleTimeoutMs;
		expect(idle).toBe(30 * 60_000);
		clock.now += idle - 60_000;
		expect((await office('GET', '/me', token)).status).toBe(200);
		clock.now += idle - 60_000;
		expect((await office('GET', '/me', token)).status).toBe(200);
		clock.now += idle + 1;
		expect((await office('GET', '/me', token)).status).toBe(401);

		const again = signInResponse.parse(
			(await office('POST', '/session', undefined, { login: 'idle-one', password: 'correct horse idle-one staple' }))
				.json
		).token;
		expect((await office('DELETE', '/session', again)).status).toBe(204);
		expect((await office('GET', '/me', again)).status).toBe(401);

		const third = signInResponse.parse(
			(await office('POST', '/session', undefined, { login: 'idle-one', password: 'correct horse idle-one staple' }))
				.json
		).token;
		const admin = await member('boss', ['admin']);
		// The live session and the idle one still on record.
		expect((await office('POST', '/staff/idle-one/sessions/revoke', admin)).json).toEqual({ revoked: 2 });
		expect((await office('GET', '/me', third)).status).toBe(401);
	});

	it('sign-in is throttled like the customers’: past the free failures a login answers 429 with Retry-After', async () => {
		await member('typo-prone', ['intake']);
		let last = 0;
		for (let i = 0; i < 8; i++) {
			last = (await office('POST', '/session', undefined, { login: 'typo-prone', password: `guess ${i}` })).status;
		}
		expect(last).toBe(429);
		clock.now += 60 * 60_000;
	});

	it('intake → stamped → dispatched with ICP materials: the phone pulls each step; the audit lists the three members', async () => {
		const customer = await signIn(app);
		const record = filingRecord(config, demoFilings()[0]!);
		const registered = await put(
			app,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256: PDF_SHA },
			{ token: customer }
		);
		expect(registered.status).toBe(201);
		const intake = await member('mail-desk', ['intake']);
		const stamper = await member('seal-keeper', ['stamping']);
		const dispatcher = await member('courier-desk', ['dispatch']);

		const early = intakeLookupResponse.parse((await office('GET', `/intake/${record.number}`, intake)).json);
		expect(early).toMatchObject({ canReceive: false, reason: 'noAddress', contract: null });
		expect((await office('POST', `/contracts/${record.id}/received`, intake)).json).toMatchObject({
			error: 'actionRefused',
			reason: 'noStampingRequest'
		});

		const submitted = await put(
			app,
			`/api/v1/contracts/${record.id}/stamping`,
			{ returnAddress: RETURN_ADDRESS },
			{ token: customer }
		);
		expect(submitted.status).toBe(201);
		const awaiting = queueResponse.parse(
			(await office('GET', `/queues/awaiting?q=${record.number.slice(-6).toLowerCase()}`, intake)).json
		);
		expect(awaiting.items.map((i) => i.contractId)).toEqual([record.id]);
		expect(awaiting.matching.awaiting).toBe(1);
		const byName = queueResponse.parse(
			(await office('GET', `/queues/awaiting?q=${encodeURIComponent(record.partyA.name.slice(2, 6))}`, intake)).json
		);
		expect(byName.items.some((i) => i.contractId === record.id)).toBe(true);

		// Scanned: the QR code's text may carry more than the number.
		const scanned = intakeLookupResponse.parse(
			(await office('GET', `/intake/${encodeURIComponent(` ${record.number.toLowerCase()} `)}`, intake)).json
		);
		expect(scanned).toMatchObject({ canReceive: true, reason: null, contractId: record.id });
		expect((await office('GET', '/intake/HT-20990101-DEADBEEF', intake)).status).toBe(404);

		const before = changesResponse.parse((await call('GET', '/changes', undefined, customer)).json);
		clock.now += 60_000;
		expect((await office('POST', `/contracts/${record.id}/received`, intake)).status).toBe(200);
		const again = await office('POST', `/contracts/${record.id}/received`, intake);
		expect(again).toMatchObject({ status: 409, json: { reason: 'alreadyReceived' } });
		expect(intakeLookupResponse.parse((await office('GET', `/intake/${record.number}`, intake)).json).reason).toBe(
			'alreadyReceived'
		);
		const received = queueResponse.parse((await office('GET', '/queues/received', stamper)).json);
		const item = received.items.find((i) => i.contractId === record.id)!;
		expect(item.due).toMatchObject({ provisional: expect.any(Boolean) });
		expect(item.due!.due > item.receivedAt!.slice(0, 10)).toBe(true);

		let pulled = changesResponse.parse(
			(await call('GET', `/changes?since=${before.cursor}`, undefined, customer)).json
		);
		expect(pulled.stampingEvents.map((e) => e.kind)).toEqual(['received']);

		expect(
			(
				await office('POST', `/contracts/${record.id}/dispatched`, dispatcher, {
					courier: '顺丰速运',
					trackingNumber: 'SF1234567890'
				})
			).json
		).toMatchObject({
			error: 'invalid',
			fields: { icpMaterialsEnclosed: ['required'] }
		});
		expect(
			(
				await office('POST', `/contracts/${record.id}/dispatched`, dispatcher, {
					courier: '顺丰速运',
					trackingNumber: 'SF1234567890',
					icpMaterialsEnclosed: true
				})
			).json
		).toMatchObject({
			reason: 'notStamped'
		});
		clock.now += 60_000;
		expect((await office('POST', `/contracts/${record.id}/stamped`, stamper)).status).toBe(200);
		clock.now += 60_000;
		const sent = await office('POST', `/contracts/${record.id}/dispatched`, dispatcher, {
			courier: '顺丰速运',
			trackingNumber: 'SF1234567890',
			icpMaterialsEnclosed: true
		});
		expect(sent.status).toBe(200);
		expect(sent.json).toMatchObject({
			contract: { queue: 'returned', icpMaterialsEnclosed: true, returnShipment: { trackingNumber: 'SF1234567890' } }
		});

		pulled = changesResponse.parse((await call('GET', `/changes?since=${before.cursor}`, undefined, customer)).json);
		const returned = pulled.stampingEvents.find((e) => e.kind === 'returned')!;
		expect(pulled.stampingEvents.map((e) => e.kind)).toEqual(['received', 'stamped', 'returned']);
		expect(returned).toMatchObject({ icpMaterialsEnclosed: true, shipment: { courier: '顺丰速运' } });
		const done = queueResponse.parse((await office('GET', '/queues/returned', dispatcher)).json);
		expect(done.items[0]).toMatchObject({ contractId: record.id, icpMaterialsEnclosed: true });

		// A contract's own history: any member; with before → after and who.
		const trail = auditResponse.parse((await office('GET', `/audit?contract=${record.id}`, stamper)).json);
		expect(trail.rows.map((r) => [r.actor, r.action])).toEqual([
			['courier-desk', 'stamping.returned'],
			['seal-keeper', 'stamping.stamped'],
			['mail-desk', 'stamping.received']
		]);
		expect(trail.rows[0]).toMatchObject({
			before: { step: 'stamped' },
			after: { step: 'returned', icpMaterialsEnclosed: true }
		});
		const admin = await member('auditor', ['admin']);
		const byMember = auditResponse.parse((await office('GET', '/audit?actor=seal-keeper', admin)).json);
		expect(byMember.rows.map((r) => r.action)).toContain('stamping.stamped');
		// The admin API's log carries the actor too.
		const actions = (await call('GET', '/admin/actions')).json.actions as { actor: string; target: string }[];
		expect(actions.filter((a) => a.target === record.id).map((a) => a.actor)).toEqual([
			'mail-desk',
			'seal-keeper',
			'courier-desk'
		]);
	});

	it('audit rows cannot be changed or deleted: no route does it, and the database refuses', async () => {
		const admin = await member('audit-admin', ['admin']);
		const count = (await opened.store.listAdminActions()).length;
		const first = (await opened.store.listAdminActions())[0]!;
		for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
			for (const path of ['/audit', `/audit/${first.id}`, `/audit?contract=${first.target}`]) {
				const res = await office(method, path, admin, { actor: 'nobody' });
				expect(res.status, `${method} ${path}`).toBe(404);
			}
			const viaAdmin = await call(method, '/admin/actions', { actor: 'nobody' });
			expect([404, 405]).toContain(viaAdmin.status);
		}
		const rows = await opened.store.listAdminActions();
		expect(rows.length).toBe(count);
		expect(rows[0]).toEqual(first);
		const raw = opened.store as unknown as { db?: import('better-sqlite3').Database; pool?: import('pg').Pool };
		if (raw.db) {
			expect(() => raw.db!.prepare(`UPDATE admin_actions SET actor = 'x'`).run()).toThrow(/append-only/);
			expect(() => raw.db!.prepare(`DELETE FROM admin_actions`).run()).toThrow(/append-only/);
		} else {
			await expect(raw.pool!.query(`UPDATE admin_actions SET actor = 'x'`)).rejects.toThrow(/append-only/);
			await expect(raw.pool!.query(`DELETE FROM admin_actions`)).rejects.toThrow(/append-only/);
			await expect(raw.pool!.query(`TRUNCATE admin_actions`)).rejects.toThrow(/append-only/);
		}
		expect((await opened.store.listAdminActions()).length).toBe(count);
	});

	it('customer accounts: a 140-bit code shown once, grouped, signs in however typed; rotating ends the old one and its sessions', async () => {
		const admin = await member('accounts-admin', ['admin']);
		const made = await office('POST', '/accounts', admin, { accountName: '深圳市新客户科技有限公司' });
		expect(made.status).toBe(201);
		const first = accessCodeResponse.parse(made.json);
		expect(first.accessCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
		expect(first.groups).toHaveLength(7);
		expect(first.account).toMatchObject({
			status: 'unverified',
			name: '深圳市新客户科技有限公司',
			hasAccessCode: true
		});
		const typed = first.accessCode.replace(/-/g, ' ').toLowerCase();
		const session = await signIn(app, typed);
		expect((await call('GET', '/changes', undefined, session)).status).toBe(200);

		const listed = await office('GET', '/accounts?q=新客户', admin);
		expect(listed.text).not.toContain(first.accessCode);
		expect((listed.json.accounts as unknown[]).length).toBe(1);

		const rotated = accessCodeResponse.parse(
			(await office('POST', `/accounts/${first.account.id}/access-code`, admin)).json
		);
		expect(rotated.accessCode).not.toBe(first.accessCode);
		expect(rotated.revokedSessions).toBe(1);
		expect((await call('GET', '/changes', undefined, session)).status).toBe(401);
		await expect(signIn(app, first.accessCode)).rejects.toThrow(/401/);
		expect(await signIn(app, rotated.accessCode)).toBeTruthy();
		const trail = await opened.store.listAdminActions({ target: first.account.id });
		expect(trail.map((r) => r.action)).toEqual(['account.accessCode', 'account.create']);
		expect(JSON.stringify(trail)).not.toContain(first.accessCode.slice(0, 9));
	});

	it('identity: the preview lists the registered contracts carrying the old identity; setting it is audited before → after', async () => {
		const verifier = await member('kyc', ['verification']);
		const customer = await signIn(app);
		const record = frameworkRecord(config);
		expect(
			(await put(app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: PDF_SHA }, { token: customer })).status
		).toBe(201);
		const account = (await opened.store.getContract(record.id))!.accountId;
		const next = { ...DEFAULT_VERIFICATION, legalName: '深圳市喆堃科技集团有限公司' };
		const preview = identityPreview.parse(
			(await office('POST', `/accounts/${account}/identity/preview`, verifier, next)).json
		);
		expect(preview.changes).toBe(true);
		expect(preview.unregisteredWillBeRefused).toBe(true);
		expect(preview.contractsWithOldIdentity.map((c) => c.contractId)).toContain(record.id);
		const set = await office('PUT', `/accounts/${account}/identity`, verifier, next);
		expect(set).toMatchObject({ status: 200, json: { changed: true, identity: { legalName: next.legalName } } });
		const [row] = await opened.store.listAdminActions({ target: account, limit: 1 });
		expect(row).toMatchObject({
			actor: 'kyc',
			action: 'verify',
			before: { legalName: record.partyA.name },
			after: { legalName: next.legalName }
		});

		// The contract made under the old identity is now refused, and the office sees why.
		const stale = frameworkRecord(config);
		expect(
			(await put(app, `/api/v1/contracts/${stale.id}`, { record: stale, pdfSha256: PDF_SHA }, { token: customer }))
				.status
		).toBe(422);
		const refusals = refusalsResponse.parse((await office('GET', '/refusals?days=7', verifier)).json);
		expect(refusals.byReason[0]).toMatchObject({ reason: 'partyAMismatch', count: 1, accounts: 1 });
		expect(refusals.byReason[0]!.recent[0]).toMatchObject({ contractId: stale.id, number: stale.number });
	});

	it('staff passwords are never returned or logged, and no hash leaves the server', async () => {
		const admin = await member('pw-admin', ['admin']);
		const hired = await office('POST', '/staff', admin, { login: 'new-hire', roles: ['dispatch'] });
		expect(hired.status).toBe(201);
		expect(hired.json).toMatchObject({ member: { login: 'new-hire', roles: ['dispatch'], mustChangePassword: true } });
		const initial = String(hired.json.initialPassword);
		expect((await opened.store.listAdminActions({ target: 'staff:new-hire' }))[0]).toMatchObject({
			actor: 'pw-admin',
			action: 'staff.create'
		});
		const staff = await office('GET', '/staff', admin);
		expect(staff.text).not.toContain(initial);
		expect(staff.status).toBe(200);
		expect(staff.text).not.toMatch(/password_?hash|argon2id/i);
		await office('POST', '/session', undefined, { login: 'pw-admin', password: 'a wrong password that is long' });
		const everything = [...bodies, ...logs].join('\n');
		expect(chosen.length).toBeGreaterThan(3);
		for (const password of chosen) expect(everything).not.toContain(password);
		expect(everything).not.toMatch(/argon2id\$/);
		const audit = JSON.stringify(await opened.store.listAdminActions());
		expect(audit).not.toMatch(/argon2id|correct horse/);
	});
});
