// PUT /contracts/:id/stamping/receipt (确认收到): accepted once returned, replayed, refused by state, account or body.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponse } from '../../src/lib/domain/changes';
import {
	ADMIN_TOKEN,
	auth,
	frameworkRecord,
	makeEnv,
	PDF_SHA,
	put,
	RETURN_ADDRESS,
	signIn,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let token: string;
beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
});
afterAll(async () => env.cleanup());

const admin = (path: string, body?: unknown) =>
	env.app.request(`/api/v1/admin${path}`, {
		method: path.includes('/stamping/') ? 'POST' : 'GET',
		headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
		body: body === undefined ? undefined : JSON.stringify(body)
	});

const iso = (ms: number) => new Date(ms).toISOString();

/** A registered contract with a submitted return address, moved by the back office up to `until`. */
async function request(until: 'submitted' | 'received' | 'stamped' | 'returned'): Promise<string> {
	const record = frameworkRecord(env.config);
	expect((await put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: PDF_SHA }, { token })).status).toBe(
		201
	);
	expect(
		(await put(env.app, `/api/v1/contracts/${record.id}/stamping`, { returnAddress: RETURN_ADDRESS }, { token })).status
	).toBe(201);
	for (const step of ['received', 'stamped', 'returned'] as const) {
		if (until === 'submitted') break;
		const body = step === 'returned' ? { courier: '顺丰速运', trackingNumber: 'SF1000000001' } : undefined;
		env.clock.now += 60_000;
		expect((await admin(`/contracts/${record.id}/stamping/${step}`, body)).status).toBe(200);
		if (step === until) break;
	}
	env.clock.now += 60_000;
	return record.id;
}

const confirm = (id: string, body: unknown, opts: { token?: string; key?: string | null } = {}) =>
	put(env.app, `/api/v1/contracts/${id}/stamping/receipt`, body, { token: opts.token ?? token, key: opts.key });

describe('PUT /contracts/:id/stamping/receipt', () => {
	it('stores the confirmation of a returned request (201), and a pull brings it to every device', async () => {
		const id = await request('returned');
		const before = changesResponse.parse(
			await (await env.app.request('/api/v1/changes', { headers: auth(token) })).json()
		);
		const confirmedAt = iso(env.clock.now - 30_000);
		const res = await confirm(id, { confirmedAt });
		expect(res.status).toBe(201);
		const event = { id: `${id}:confirmed`, contractId: id, kind: 'confirmed', at: confirmedAt };
		expect(await res.json()).toEqual({ event });
		expect((await env.store.listStampingEvents(id)).map((e) => e.kind)).toEqual([
			'received',
			'stamped',
			'returned',
			'confirmed'
		]);
		const delta = changesResponse.parse(
			await (await env.app.request(`/api/v1/changes?since=${before.cursor}`, { headers: auth(token) })).json()
		);
		expect(delta.stampingEvents).toEqual([event]);
		// The back office's listing shows it too.
		const listed = (await (await admin('/contracts')).json()) as {
			contracts: { id: string; stampingEvents: string[] }[];
		};
		expect(listed.contracts.find((c) => c.id === id)?.stampingEvents).toContain('confirmed');
	});

	it('replays the stored answer for the same key, and answers another key (another device) with the first confirmation', async () => {
		const id = await request('returned');
		const key = randomUUID();
		const first = await confirm(id, { confirmedAt: iso(env.clock.now) }, { key });
		expect(first.status).toBe(201);
		const firstBody = await first.json();
		env.clock.now += 60_000;
		const replay = await confirm(id, { confirmedAt: iso(env.clock.now - 60_000) }, { key });
		expect(replay.status).toBe(201);
		expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
		expect(await replay.json()).toEqual(firstBody);
		const other = await confirm(id, { confirmedAt: iso(env.clock.now) });
		expect(other.status).toBe(200);
		expect(await other.json()).toEqual(firstBody);
		expect((await env.store.listStampingEvents(id)).filter((e) => e.kind === 'confirmed')).toHaveLength(1);
		// The same key with another body is a misuse of the key, not a new confirmation.
		expect((await confirm(id, { confirmedAt: iso(env.clock.now + 1) }, { key })).status).toBe(422);
	});

	it('keeps the recorded time between the return and the server’s now, whatever the phone’s clock says', async () => {
		const id = await request('returned');
		const returnedAt = (await env.store.listStampingEvents(id)).find((e) => e.kind === 'returned')!.at;
		const res = await confirm(id, { confirmedAt: '2020-01-01T00:00:00Z' });
		expect(((await res.json()) as { event: { at: string } }).event.at).toBe(returnedAt);
		const ahead = await request('returned');
		const res2 = await confirm(ahead, { confirmedAt: '2099-01-01T00:00:00Z' });
		expect(((await res2.json()) as { event: { at: string } }).event.at).toBe(iso(env.clock.now));
	});

	it.each(['submitted', 'received', 'stamped'] as const)(
		'refuses a request only %s (409 notReturned, with the events), and stores nothing',
		async (until) => {
			const id = await request(until);
			const res = await confirm(id, { confirmedAt: iso(env.clock.now) });
			expect(res.status).toBe(409);
			expect(await res.json()).toMatchObject({ error: 'notReturned', fields: { kind: ['notReturned'] } });
			expect((await env.store.listStampingEvents(id)).some((e) => e.kind === 'confirmed')).toBe(false);
		}
	);

	it('refuses a contract without a request, another account’s, and an unknown one (404)', async () => {
		const record = frameworkRecord(env.config);
		await put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: PDF_SHA }, { token });
		expect((await confirm(record.id, { confirmedAt: iso(env.clock.now) })).status).toBe(404);

		const id = await request('returned');
		const other = await signIn(env.app, 'demo-unverified');
		const foreign = await confirm(id, { confirmedAt: iso(env.clock.now) }, { token: other });
		expect(foreign.status).toBe(404);
		expect((await env.store.listStampingEvents(id)).some((e) => e.kind === 'confirmed')).toBe(false);
		expect((await confirm(randomUUID(), { confirmedAt: iso(env.clock.now) })).status).toBe(404);
	});

	it('answers a bad body with 400 and field errors, never 500; no key → 400; no token → 401', async () => {
		const id = await request('returned');
		for (const body of [
			{},
			{ confirmedAt: 'yesterday' },
			{ confirmedAt: iso(env.clock.now), extra: 1 },
			[],
			'x',
			null
		]) {
			const res = await confirm(id, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(await res.json()).toMatchObject({ error: 'invalid' });
		}
		const bad = await confirm(id, { confirmedAt: 'yesterday' });
		expect(((await bad.json()) as { fields: Record<string, string[]> }).fields).toHaveProperty('confirmedAt');
		expect((await confirm(id, { confirmedAt: iso(env.clock.now) }, { key: null })).status).toBe(400);
		const anonymous = await env.app.request(`/api/v1/contracts/${id}/stamping/receipt`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
			body: JSON.stringify({ confirmedAt: iso(env.clock.now) })
		});
		expect(anonymous.status).toBe(401);
		expect((await env.store.listStampingEvents(id)).some((e) => e.kind === 'confirmed')).toBe(false);
	});

	it('is not the back office’s to say: POST /admin/…/stamping/confirmed is unknown', async () => {
		const id = await request('returned');
		expect((await admin(`/contracts/${id}/stamping/confirmed`)).status).toBe(404);
	});
});
