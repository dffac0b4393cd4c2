// Compression skips small JSON answers (no zlib stream for {"ok":true}) and keeps compressing large ones, such as a full pull.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, makeEnv, signIn, type TestEnv } from '../../tests/support/server/app';
import { COMPRESS_AT_LEAST } from './compress';

let env: TestEnv;
let token: string;

beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
});

afterAll(async () => {
	await env?.cleanup();
});

describe('compression', () => {
	it('sends a small JSON answer as it is, with its length, to a client that accepts gzip', async () => {
		const res = await env.app.request('/api/v1/health', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('Content-Encoding')).toBeNull();
		const text = await res.text();
		expect(text.length).toBeLessThan(COMPRESS_AT_LEAST);
		expect(res.headers.get('Content-Length')).toBe(String(Buffer.byteLength(text)));
		expect(JSON.parse(text)).toEqual({ ok: true });
		// An error answer, built the same way, too.
		const missing = await env.app.request(`/api/v1/contracts/${crypto.randomUUID()}`, {
			headers: auth(token, { 'Accept-Encoding': 'gzip' })
		});
		expect(missing.status).toBe(404);
		expect(missing.headers.get('Content-Encoding')).toBeNull();
		expect(((await missing.json()) as { error: string }).error).toBe('notFound');
	});

	it('gzips a large /changes page, which decompresses to the same JSON', async () => {
		const res = await env.app.request('/api/v1/changes', { headers: auth(token, { 'Accept-Encoding': 'gzip' }) });
		expect(res.status).toBe(200);
		expect(res.headers.get('Content-Encoding')).toBe('gzip');
		expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/);
		const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as {
			orders: unknown[];
		};
		expect(body.orders.length).toBeGreaterThan(0);
		// The same page to a client that takes no compression: plain, and large enough to be worth compressing.
		const plain = await env.app.request('/api/v1/changes', { headers: auth(token) });
		expect(plain.headers.get('Content-Encoding')).toBeNull();
		expect((await plain.text()).length).toBeGreaterThan(COMPRESS_AT_LEAST);
	});
});
