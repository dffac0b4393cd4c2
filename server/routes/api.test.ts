// Session, auth, error bodies, limits and the pull protocol of the API (in-process requests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponse } from '../../src/lib/domain/changes';
import { DEMO_IDENTITY } from '../seed';
import { auth, frameworkRecord, makeEnv, put, signIn, PDF_SHA, type TestEnv } from '../../tests/support/server/app';

let env: TestEnv;
beforeAll(async () => {
	env = await makeEnv();
});
afterAll(async () => env.cleanup());

describe('health and routing', () => {
	it('GET /health → 200 {ok:true}', async () => {
		const res = await env.app.request('/api/v1/health');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
	});

	it('unknown API route → 404 JSON, also with a valid token', async () => {
		const token = await signIn(env.app);
		const res = await env.app.request('/api/v1/nope', { headers: auth(token) });
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({ error: 'notFound' });
		expect((await env.app.request('/api/v2/health')).status).toBe(404);
	});

	it('non-API path without a build → 404', async () => {
		expect((await env.app.request('/contracts')).status).toBe(404);
	});
});

describe('session', () => {
	it('a known code gives a token and the account id', async () => {
		const res = await env.app.request('/api/v1/session', {
			method: 'POST',
			body: JSON.stringify({ code: 'demo' })
		});
		expect(res.status).toBe(200);
		const body = (await res.json()) as { token: string; accountId: string };
		expect(body.accountId).toBe(DEMO_IDENTITY.accountId);
		expect(body.token.length).toBeGreaterThanOrEqual(40);
		// Stored hashed: the raw token is nowhere in the database.
		const rows = env.store.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
		expect(rows.some((r) => r.token_hash === body.token)).toBe(false);
	});

	it('a wrong code → 401', async () => {
		const res = await env.app.request('/api/v1/session', { method: 'POST', body: JSON.stringify({ code: 'nope' }) });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ error: 'badCode' });
	});

	it('an empty code → 400 naming the field', async () => {
		const res = await env.app.request('/api/v1/session', { method: 'POST', body: JSON.stringify({ code: '' }) });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { fields: Record<string, string[]> }).fields).toHaveProperty('code');
	});

	it('missing, bad and expired tokens → 401', async () => {
		expect((await env.app.request('/api/v1/changes')).status).toBe(401);
		const bad = await env.app.request('/api/v1/changes', { headers: { Authorization: 'Bearer not-a-token' } });
		expect(bad.status).toBe(401);
		expect(bad.headers.get('WWW-Authenticate')).toBe('Bearer');
		const notBearer = await env.app.request('/api/v1/changes', { headers: { Authorization: 'Basic abc' } });
		expect(notBearer.status).toBe(401);

		const token = await signIn(env.app);
		expect((await env.app.request('/api/v1/changes', { headers: auth(token) })).status).toBe(200);
		const start = env.clock.now;
		env.clock.now = start + 31 * 24 * 3600 * 1000;
		try {
			expect((await env.app.request('/api/v1/changes', { headers: auth(token) })).status).toBe(401);
		} finally {
			env.clock.now = start;
		}
	});

	it('DELETE /session signs out', async () => {
		const token = await signIn(env.app);
		expect((await env.app.request('/api/v1/session', { method: 'DELETE', headers: auth(token) })).status).toBe(204);
		expect((await env.app.request('/api/v1/changes', { headers: auth(token) })).status).toBe(401);
	});
});

describe('bad bodies', () => {
	let token: string;
	beforeAll(async () => {
		token = await signIn(env.app);
	});

	it('malformed JSON → 400 with fields', async () => {
		const res = await put(env.app, `/api/v1/contracts/${crypto.randomUUID()}`, '{"record": ', { token });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			error: 'invalid',
			message: expect.any(String),
			fields: { $: ['malformedJson'] }
		});
		const session = await env.app.request('/api/v1/session', { method: 'POST', body: 'code=demo' });
		expect(session.status).toBe(400);
	});

	it('a bad field → 400 naming the field by its path', async () => {
		const record = frameworkRecord(env.config);
		const broken = { ...record, partyA: { ...record.partyA, creditCode: '91440300MA5GKRT8X0' } };
		const res = await put(env.app, `/api/v1/contracts/${record.id}`, { record: broken, pdfSha256: PDF_SHA }, { token });
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: string; fields: Record<string, string[]> };
		expect(body.error).toBe('invalid');
		expect(body.fields['record.partyA.creditCode']).toEqual(['creditCode']);

		const noSha = await put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: 'xyz' }, { token });
		expect(((await noSha.json()) as { fields: Record<string, string[]> }).fields).toEqual({ pdfSha256: ['sha256'] });
	});

	it('a wrong contract kind → 400 naming record.kind', async () => {
		const record = { ...frameworkRecord(env.config), kind: 'lease' };
		const res = await put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: PDF_SHA }, { token });
		expect(res.status).toBe(400);
		expect(Object.keys(((await res.json()) as { fields: object }).fields)).toContain('record.kind');
	});

	it('record.id different from the URL → 400', async () => {
		const record = frameworkRecord(env.config);
		const res = await put(
			env.app,
			`/api/v1/contracts/${crypto.randomUUID()}`,
			{ record, pdfSha256: PDF_SHA },
			{ token }
		);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { fields: object }).fields).toEqual({ 'record.id': ['idMismatch'] });
	});

	it('an oversized body → 413 (64 KiB default, 2 MiB for a contract with its PDF)', async () => {
		const big = JSON.stringify({ code: 'x'.repeat(70 * 1024) });
		const res = await env.app.request('/api/v1/session', { method: 'POST', body: big });
		expect(res.status).toBe(413);
		expect(await res.json()).toMatchObject({ error: 'tooLarge' });

		const record = frameworkRecord(env.config);
		const stamping = await put(
			env.app,
			`/api/v1/contracts/${record.id}/stamping`,
			{ pad: 'x'.repeat(70 * 1024) },
			{ token }
		);
		expect(stamping.status).toBe(413);

		// 1.5 MiB passes the contract limit (and then fails on content), 2.5 MiB does not.
		const pdf = Buffer.alloc(1024 * 1024, 7).toString('base64');
		const ok = await put(
			env.app,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256: PDF_SHA, pdfBase64: pdf },
			{ token }
		);
		expect(ok.status).toBe(400);
		expect(((await ok.json()) as { fields: object }).fields).toEqual({ pdfBase64: ['sha256Mismatch'] });
		const tooBig = Buffer.alloc(2 * 1024 * 1024, 7).toString('base64');
		const res2 = await put(
			env.app,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256: PDF_SHA, pdfBase64: tooBig },
			{ token }
		);
		expect(res2.status).toBe(413);
	});
});

describe('GET /changes', () => {
	it('first call: identity, provider, 3 filings and 300 orders; with the cursor: nothing new', async () => {
		const token = await signIn(env.app);
		const res = await env.app.request('/api/v1/changes', { headers: auth(token) });
		expect(res.status).toBe(200);
		const first = changesResponse.parse(await res.json());
		expect(first.identity).toEqual(DEMO_IDENTITY);
		expect(first.provider).toEqual(env.config.provider);
		expect(first.filings).toHaveLength(3);
		expect(first.orders).toHaveLength(300);
		expect(first.cursor).toMatch(/^\d+$/);

		const again = changesResponse.parse(
			await (await env.app.request(`/api/v1/changes?since=${first.cursor}`, { headers: auth(token) })).json()
		);
		expect(again.filings).toEqual([]);
		expect(again.orders).toEqual([]);
		expect(again.contracts).toEqual([]);
		expect(again.stampingEvents).toEqual([]);
		expect(again.cursor).toBe(first.cursor);
		// Identity and provider always come, so a device can never miss them.
		expect(again.identity).toEqual(DEMO_IDENTITY);
	});

	it('the unverified account gets its own identity and none of the demo data', async () => {
		const token = await signIn(env.app, 'demo-unverified');
		const body = changesResponse.parse(
			await (await env.app.request('/api/v1/changes', { headers: auth(token) })).json()
		);
		expect(body.identity.status).toBe('unverified');
		expect(body.filings).toEqual([]);
		expect(body.orders).toEqual([]);
	});

	it('a cursor ahead of the server (database reset) → everything again', async () => {
		const token = await signIn(env.app);
		const res = await env.app.request('/api/v1/changes?since=999999999', { headers: auth(token) });
		const body = changesResponse.parse(await res.json());
		expect(body.orders).toHaveLength(300);
		expect(Number(body.cursor)).toBeLessThan(999999999);
	});

	it('a bad cursor → 400 naming since', async () => {
		const token = await signIn(env.app);
		for (const since of ['abc', '-1', '1.5', '9'.repeat(20)]) {
			const res = await env.app.request(`/api/v1/changes?since=${since}`, { headers: auth(token) });
			expect(res.status).toBe(400);
			expect(((await res.json()) as { fields: object }).fields).toEqual({ since: ['cursor'] });
		}
	});
});
