// The API over real HTTP (@hono/node-server on an ephemeral port) against a real SQLite file.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { request as httpRequest, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponse } from '../../src/lib/domain/changes';
import { frameworkRecord, makeEnv, PDF_SHA, SERVER_PDF, type TestEnv } from '../../tests/support/server/app';

let env: TestEnv;
let server: ServerType;
let base: string;
let token: string;
let release: (() => void) | undefined;
let gate: Promise<void> | undefined;

beforeAll(async () => {
	// The renderer can be held open by a test, to have a request really in flight.
	env = await makeEnv({
		verifyDocument: async () => {
			if (gate) await gate;
			return SERVER_PDF;
		}
	});
	server = await new Promise<ServerType>((resolve) => {
		const s = serve({ fetch: env.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
	});
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const res = await fetch(`${base}/api/v1/session`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ code: 'demo' })
	});
	token = ((await res.json()) as { token: string }).token;
});
afterAll(async () => {
	const closed = new Promise<void>((resolve) => server.close(() => resolve()));
	// Keep-alive sockets from fetch would otherwise hold close() for seconds.
	(server as Server).closeAllConnections();
	await closed;
	await env.cleanup();
});

const registerOnce = (record: ReturnType<typeof frameworkRecord>, key: string) =>
	fetch(`${base}/api/v1/contracts/${record.id}`, {
		method: 'PUT',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
		body: JSON.stringify({ record, pdfSha256: PDF_SHA })
	});

describe('over HTTP', () => {
	it('sign-in and a gzip-compressed full pull', async () => {
		const res = await fetch(`${base}/api/v1/changes`, {
			headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-encoding')).toBe('gzip');
		const body = changesResponse.parse(await res.json());
		expect(body.orders).toHaveLength(300);
		expect(body.filings).toHaveLength(3);
	});

	it('a body over the limit with Content-Length → 413 without reading it', async () => {
		const status = await new Promise<number>((resolve, reject) => {
			const req = httpRequest(`${base}/api/v1/session`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 * 1024) }
			});
			req.on('response', (res) => {
				res.resume();
				resolve(res.statusCode ?? 0);
				req.destroy();
			});
			req.on('error', reject);
			req.write('{"code":"');
		});
		expect(status).toBe(413);
	});

	it('a retry while the first request is in flight → 409; afterwards the stored 201 is replayed', async () => {
		const record = frameworkRecord(env.config);
		gate = new Promise<void>((resolve) => (release = resolve));
		const first = registerOnce(record, 'http-inflight');
		await new Promise((r) => setTimeout(r, 100));
		const second = await registerOnce(record, 'http-inflight');
		expect(second.status).toBe(409);
		expect(await second.json()).toMatchObject({ error: 'requestInProgress' });
		release?.();
		gate = undefined;
		const done = await first;
		expect(done.status).toBe(201);
		const firstBody = await done.text();
		const replay = await registerOnce(record, 'http-inflight');
		expect(replay.status).toBe(201);
		expect(await replay.text()).toBe(firstBody);
	});

	it('20 concurrent registrations of one contract under different keys → one row, one 201', async () => {
		const record = frameworkRecord(env.config);
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => registerOnce(record, `race-${i}`).then((r) => r.status))
		);
		expect(results.filter((s) => s === 201)).toHaveLength(1);
		expect(results.filter((s) => s === 200)).toHaveLength(19);
		const rows = env.store.db.prepare('SELECT COUNT(*) AS n FROM contracts WHERE id = ?').get(record.id) as {
			n: number;
		};
		expect(rows.n).toBe(1);
	});
});
