// Back-office API: admin auth, account verification and the received → stamped → returned transitions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponse, type ChangesResponse } from '../../src/lib/domain/changes';
import { DEFAULT_VERIFICATION, DEMO_UNVERIFIED_ACCOUNT_ID } from '../seed';
import {
	ADMIN_TOKEN,
	auth,
	frameworkRecord,
	makeEnv,
	put,
	RETURN_ADDRESS,
	signIn,
	PDF_SHA,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
beforeAll(async () => {
	env = await makeEnv();
});
afterAll(async () => env.cleanup());

const admin = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
	env.app.request(`/api/v1/admin${path}`, {
		method: body === undefined && !path.includes('/stamping/') && !path.endsWith('/verify') ? 'GET' : 'POST',
		headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
		body: body === undefined ? undefined : JSON.stringify(body)
	});

async function pull(token: string, since?: string): Promise<ChangesResponse> {
	const res = await env.app.request(`/api/v1/changes${since ? `?since=${since}` : ''}`, { headers: auth(token) });
	expect(res.status).toBe(200);
	return changesResponse.parse(await res.json());
}

describe('admin auth', () => {
	it('no token, a user token, a wrong token or any well-known one → 401', async () => {
		expect((await env.app.request('/api/v1/admin/accounts')).status).toBe(401);
		const user = await signIn(env.app);
		expect((await env.app.request('/api/v1/admin/accounts', { headers: auth(user) })).status).toBe(401);
		for (const guess of ['admin-dev-token', 'admin', 'changeme', 'test-admin', 'e2e-admin-token']) {
			const wrong = await env.app.request('/api/v1/admin/accounts', { headers: { Authorization: `Bearer ${guess}` } });
			expect(wrong.status).toBe(401);
		}
	});

	it('GET /admin/accounts lists ids, names and statuses, never an access code', async () => {
		const res = await admin('/accounts');
		expect(res.status).toBe(200);
		const text = await res.text();
		const { accounts } = JSON.parse(text) as { accounts: Record<string, unknown>[] };
		expect(accounts.map(({ id, status }) => ({ id, status }))).toEqual([
			{ id: 'acct-100001', status: 'verified' },
			{ id: DEMO_UNVERIFIED_ACCOUNT_ID, status: 'unverified' }
		]);
		for (const a of accounts) expect(Object.keys(a).sort()).toEqual(['id', 'name', 'status']);
		expect(text).not.toMatch(/"demo"|demo-unverified/);
	});
});

describe('verify an account', () => {
	it('flips demo-unverified to verified in the next pull, and is logged', async () => {
		const token = await signIn(env.app, 'demo-unverified');
		const before = await pull(token);
		expect(before.identity.status).toBe('unverified');

		env.clock.now += 60_000;
		// No identity, no verification: the route has no demo identity to fall back on.
		const bare = await admin(`/accounts/${DEMO_UNVERIFIED_ACCOUNT_ID}/verify`);
		expect(bare.status).toBe(400);
		expect(await bare.json()).toMatchObject({ error: 'invalid', fields: { $: ['required'] } });
		const res = await admin(`/accounts/${DEMO_UNVERIFIED_ACCOUNT_ID}/verify`, DEFAULT_VERIFICATION);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ changed: true, identity: { status: 'verified' } });

		const after = await pull(token, before.cursor);
		expect(Number(after.cursor)).toBeGreaterThan(Number(before.cursor));
		expect(after.identity).toEqual({
			status: 'verified',
			accountId: DEMO_UNVERIFIED_ACCOUNT_ID,
			...DEFAULT_VERIFICATION,
			verifiedAt: new Date(env.clock.now).toISOString()
		});
		const actions = await env.store.listAdminActions();
		expect(actions.at(-1)).toMatchObject({
			action: 'verify',
			target: DEMO_UNVERIFIED_ACCOUNT_ID,
			at: new Date(env.clock.now).toISOString()
		});

		// Repeating the same identity changes nothing.
		const again = await admin(`/accounts/${DEMO_UNVERIFIED_ACCOUNT_ID}/verify`, DEFAULT_VERIFICATION);
		expect(await again.json()).toMatchObject({ changed: false });
		expect((await env.store.listAdminActions()).length).toBe(actions.length);
	});

	it('explicit details are validated (400 naming the field) and applied', async () => {
		const bad = await admin(`/accounts/${DEMO_UNVERIFIED_ACCOUNT_ID}/verify`, {
			...DEFAULT_VERIFICATION,
			creditCode: '123'
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { fields: object }).fields).toHaveProperty('creditCode');
		const ok = await admin(`/accounts/${DEMO_UNVERIFIED_ACCOUNT_ID}/verify`, {
			...DEFAULT_VERIFICATION,
			legalRepresentative: '王玥'
		});
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ changed: true, identity: { legalRepresentative: '王玥' } });
	});

	it('an unknown account → 404', async () => {
		expect((await admin('/accounts/acct-nope/verify', DEFAULT_VERIFICATION)).status).toBe(404);
	});
});

describe('stamping transitions', () => {
	let token: string;
	let id: string;
	beforeAll(async () => {
		token = await signIn(env.app);
		const record = frameworkRecord(env.config);
		id = record.id;
		expect((await put(env.app, `/api/v1/contracts/${id}`, { record, pdfSha256: PDF_SHA }, { token })).status).toBe(201);
	});

	it('received before the return address was submitted → 409', async () => {
		const res = await admin(`/contracts/${id}/stamping/received`);
		expect(res.status).toBe(409);
		expect(await res.json()).toMatchObject({ error: 'outOfOrder', message: 'noStampingRequest' });
	});

	it('received → stamped → returned, each reaching the device after the cursor; out of order → 409', async () => {
		expect(
			(await put(env.app, `/api/v1/contracts/${id}/stamping`, { returnAddress: RETURN_ADDRESS }, { token })).status
		).toBe(201);
		let cursor = (await pull(token)).cursor;

		expect((await admin(`/contracts/${id}/stamping/stamped`)).status).toBe(409);
		expect(
			(await admin(`/contracts/${id}/stamping/returned`, { courier: '顺丰速运', trackingNumber: 'SF1000000001' }))
				.status
		).toBe(409);

		const received = await admin(`/contracts/${id}/stamping/received`);
		expect(received.status).toBe(200);
		let delta = await pull(token, cursor);
		expect(delta.stampingEvents.map((e) => [e.contractId, e.kind])).toEqual([[id, 'received']]);
		cursor = delta.cursor;

		expect((await admin(`/contracts/${id}/stamping/received`)).status).toBe(409);
		expect((await admin(`/contracts/${id}/stamping/stamped`)).status).toBe(200);
		// returned needs the courier and tracking number
		const noShipment = await admin(`/contracts/${id}/stamping/returned`);
		expect(noShipment.status).toBe(400);
		const shipment = { courier: '顺丰速运', trackingNumber: 'SF1000000001' };
		const returned = await admin(`/contracts/${id}/stamping/returned`, shipment);
		expect(returned.status).toBe(200);
		expect((await admin(`/contracts/${id}/stamping/returned`, shipment)).status).toBe(409);

		delta = await pull(token, cursor);
		expect(delta.stampingEvents.map((e) => e.kind)).toEqual(['stamped', 'returned']);
		expect(delta.stampingEvents[1]?.shipment).toEqual(shipment);
		expect((await pull(token, delta.cursor)).stampingEvents).toEqual([]);

		const actions = (await env.store.listAdminActions()).filter((a) => a.target === id).map((a) => a.action);
		expect(actions).toEqual(['stamping.received', 'stamping.stamped', 'stamping.returned']);

		const list = (await (await admin('/contracts')).json()) as {
			contracts: { id: string; stampingEvents: string[] }[];
		};
		expect(list.contracts.find((c) => c.id === id)?.stampingEvents).toEqual(['received', 'stamped', 'returned']);
	});

	it('an unknown contract or transition → 404', async () => {
		expect((await admin(`/contracts/${crypto.randomUUID()}/stamping/received`)).status).toBe(404);
		expect((await admin(`/contracts/${id}/stamping/lost`)).status).toBe(404);
	});

	it('with an Idempotency-Key a retried admin action replays its answer instead of a 409', async () => {
		const record = frameworkRecord(env.config);
		await put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: PDF_SHA }, { token });
		await put(env.app, `/api/v1/contracts/${record.id}/stamping`, { returnAddress: RETURN_ADDRESS }, { token });
		const first = await admin(`/contracts/${record.id}/stamping/received`, undefined, { 'Idempotency-Key': 'adm-1' });
		expect(first.status).toBe(200);
		const retry = await admin(`/contracts/${record.id}/stamping/received`, undefined, { 'Idempotency-Key': 'adm-1' });
		expect(retry.status).toBe(200);
		expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
		expect(await env.store.listStampingEvents(record.id)).toHaveLength(1);
	});
});
