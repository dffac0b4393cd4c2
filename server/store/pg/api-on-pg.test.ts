// The HTTP API on PostgreSQL with two app instances (two "processes": own pools, own owner ids) on one database: any process serves any request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { createApp } from '../../app';
import { loadConfig } from '../../config';
import { demoSeed } from '../../seed';
import {
	auth,
	FIXED_NOW,
	frameworkRecord,
	PDF_SHA,
	put,
	RETURN_ADDRESS,
	signIn
} from '../../../tests/support/server/app';
import { SharedThrottle } from '../../auth/throttle';
import { openTestPg, type TestPg } from '../../../tests/support/server/store/pg-db';
import type { PgStore } from './index';

let t: TestPg;
let apps: ReturnType<typeof createApp>[];
const clock = { now: FIXED_NOW };
const config = loadConfig({ DATA_DIR: tmpdir(), ADMIN_TOKEN: 'test-admin-token-0123' });

function appOn(store: PgStore) {
	return createApp({
		store,
		config,
		staticDir: null,
		now: () => clock.now,
		log: () => {},
		signInThrottle: new SharedThrottle(store.failureLog(), {}, () => clock.now)
	});
}

beforeAll(async () => {
	t = await openTestPg();
	await t.store.seed(demoSeed(FIXED_NOW));
	apps = [appOn(t.store), appOn(await t.open())];
});
afterAll(() => t?.cleanup());

describe('API on PostgreSQL, two processes', () => {
	it('a session made by one process is honoured by the other, and revoked for both', async () => {
		const token = await signIn(apps[0]!);
		expect((await apps[1]!.request('/api/v1/changes?limit=1', { headers: auth(token) })).status).toBe(200);
		expect((await apps[1]!.request('/api/v1/session', { method: 'DELETE', headers: auth(token) })).status).toBe(204);
		expect((await apps[0]!.request('/api/v1/changes?limit=1', { headers: auth(token) })).status).toBe(401);
	});

	it('a write answered by one process is replayed by the other; another body under the key is refused; a conflict is 409', async () => {
		const token = await signIn(apps[0]!);
		const record = frameworkRecord(config);
		const first = await put(
			apps[0]!,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256: PDF_SHA },
			{ token, key: 'key-1' }
		);
		expect(first.status).toBe(201);
		const again = await put(
			apps[1]!,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256: PDF_SHA },
			{ token, key: 'key-1' }
		);
		expect(again.status).toBe(201);
		expect(again.headers.get('Idempotent-Replayed')).toBe('true');
		expect(await again.json()).toEqual(await first.json());
		const other = await put(
			apps[1]!,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256: 'c'.repeat(64) },
			{ token, key: 'key-1' }
		);
		expect(other.status).toBe(422);
		const conflict = await put(
			apps[1]!,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256: 'c'.repeat(64) },
			{ token }
		);
		expect(conflict.status).toBe(409);
		// The return address: submitted through one, immutable through the other.
		const path = `/api/v1/contracts/${record.id}/stamping`;
		expect((await put(apps[1]!, path, { returnAddress: RETURN_ADDRESS }, { token })).status).toBe(201);
		const changed = await put(apps[0]!, path, { returnAddress: { ...RETURN_ADDRESS, recipient: '王珺' } }, { token });
		expect(changed.status).toBe(409);
		// Both processes' pulls carry it, from the same cursor.
		const pulls = await Promise.all(
			apps.map(
				async (app) =>
					(await app.request('/api/v1/changes?limit=1000', { headers: auth(token) })).json() as Promise<{
						cursor: string;
						contracts: { id: string }[];
						stampingRequests: unknown[];
					}>
			)
		);
		expect(pulls[0]!.cursor).toBe(pulls[1]!.cursor);
		expect(pulls.map((p) => p.contracts.map((c) => c.id))).toEqual([[record.id], [record.id]]);
		expect(pulls.map((p) => p.stampingRequests.length)).toEqual([1, 1]);
	});

	it('sign-in throttling counts wrong codes sent to either process', async () => {
		const attempt = (i: number) =>
			apps[i % 2]!.request('/api/v1/session', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ code: 'wrong-code-x' })
			});
		// The code's allowance is 5 attempts, wherever they were made; the 6th gets a wait.
		for (let i = 0; i < 5; i++) expect((await attempt(i)).status).toBe(401);
		const refused = await attempt(5);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('Retry-After')).toBe('1');
	});
});
