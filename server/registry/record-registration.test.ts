// Registration sends the record, not the document: the server's own rendering (real render workers) is what /pdf serves.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/domain/canonical';
import type { ContractRecord } from '../../src/lib/domain/contract';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { DEMO_ACCOUNT_ID } from '../seed';
import { auth, frameworkRecord, makeEnv, RETURN_ADDRESS, signIn, type TestEnv } from '../../tests/support/server/app';
import { renderDocument, stopRenderPool, verifyDocument } from '../render/verify-document';

let env: TestEnv;
let token: string;
let lateRenders = 0;
beforeAll(async () => {
	env = await makeEnv({
		verifyDocument,
		renderDocument: (record) => (lateRenders++, renderDocument(record))
	});
	token = await signIn(env.app);
});
afterAll(async () => {
	await stopRenderPool();
	await env.cleanup();
});

const onDevice = async (record: ContractRecord) =>
	renderContractPdf(record, await loadContractFontsNode(record.templateVersion));

function send(record: ContractRecord, body: unknown, opts: { key?: string; gzip?: boolean } = {}) {
	const json = JSON.stringify(body);
	const headers = auth(token, { 'Idempotency-Key': opts.key ?? crypto.randomUUID() });
	if (opts.gzip) headers['Content-Encoding'] = 'gzip';
	return env.app.request(`/api/v1/contracts/${record.id}`, {
		method: 'PUT',
		headers,
		body: opts.gzip ? gzipSync(json) : json
	});
}

async function pdfOf(id: string): Promise<Response> {
	return env.app.request(`/api/v1/contracts/${id}/pdf`, { headers: auth(token) });
}

describe('the registered document is the server rendering', () => {
	it('a record-only registration, gzipped, registers and /pdf serves the rendering byte for byte', async () => {
		const record = frameworkRecord(env.config);
		const pdf = await onDevice(record);
		const pdfSha256 = await sha256Hex(pdf);
		const res = await send(record, { record, pdfSha256 }, { gzip: true });
		expect(res.status).toBe(201);
		const got = await pdfOf(record.id);
		expect(got.status).toBe(200);
		expect(got.headers.get('ETag')).toBe(`"${pdfSha256}"`);
		expect(new Uint8Array(await got.arrayBuffer())).toEqual(pdf);
		expect(await env.store.getContractPdf(record.id)).toEqual(pdf);
	});

	it('an old-style body (record + base64 PDF) still registers; the same key sent record-only later replays it', async () => {
		const record = frameworkRecord(env.config);
		const pdf = await onDevice(record);
		const pdfSha256 = await sha256Hex(pdf);
		const key = crypto.randomUUID();
		const first = await send(record, { record, pdfSha256, pdfBase64: Buffer.from(pdf).toString('base64') }, { key });
		expect(first.status).toBe(201);
		const firstBody = await first.json();
		expect(new Uint8Array(await (await pdfOf(record.id)).arrayBuffer())).toEqual(pdf);
		// The device updated before it heard the answer: its retry carries the record alone under the same key.
		const retry = await send(record, { record, pdfSha256 }, { key, gzip: true });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
		expect(await retry.json()).toEqual(firstBody);
	});

	it('a record whose rendering differs from the sent SHA-256 is refused with fingerprintMismatch, nothing stored', async () => {
		const record = frameworkRecord(env.config);
		const pdfSha256 = await sha256Hex(await onDevice(record));
		const changed = { ...record, contact: { ...(record as { contact: object }).contact, person: '李四' } };
		const res = await send(changed as ContractRecord, { record: changed, pdfSha256 }, { gzip: true });
		expect(res.status).toBe(422);
		expect(((await res.json()) as { error: string }).error).toBe('fingerprintMismatch');
		expect(await env.store.getContract(record.id)).toBeUndefined();
	});
});

describe('gzip request bodies', () => {
	it('decode on every write route; broken gzip is a 400, another encoding a 415', async () => {
		const record = frameworkRecord(env.config);
		expect(
			(await send(record, { record, pdfSha256: await sha256Hex(await onDevice(record)) }, { gzip: true })).status
		).toBe(201);
		const stamping = await env.app.request(`/api/v1/contracts/${record.id}/stamping`, {
			method: 'PUT',
			headers: auth(token, { 'Idempotency-Key': crypto.randomUUID(), 'Content-Encoding': 'gzip' }),
			body: gzipSync(JSON.stringify({ returnAddress: RETURN_ADDRESS }))
		});
		expect(stamping.status).toBe(201);
		const broken = await env.app.request(`/api/v1/contracts/${record.id}`, {
			method: 'PUT',
			headers: auth(token, { 'Idempotency-Key': crypto.randomUUID(), 'Content-Encoding': 'gzip' }),
			body: gzipSync('{"record":').subarray(0, 12)
		});
		expect(broken.status).toBe(400);
		expect(await broken.json()).toMatchObject({ error: 'invalid', fields: { $: ['malformedGzip'] } });
		const brotli = await env.app.request(`/api/v1/contracts/${record.id}`, {
			method: 'PUT',
			headers: auth(token, { 'Idempotency-Key': crypto.randomUUID(), 'Content-Encoding': 'br' }),
			body: 'x'
		});
		expect(brotli.status).toBe(415);
	});

	it('a gzip bomb (256 MiB of zeros in 256 KB) gets 413 without inflating it', async () => {
		const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 });
		expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024); // passes the route's limit on the wire
		global.gc?.();
		const before = process.memoryUsage();
		let peak = 0;
		const sampler = setInterval(() => {
			const m = process.memoryUsage();
			peak = Math.max(peak, m.arrayBuffers + m.heapUsed - before.arrayBuffers - before.heapUsed);
		}, 1);
		const record = frameworkRecord(env.config);
		const res = await env.app.request(`/api/v1/contracts/${record.id}`, {
			method: 'PUT',
			headers: auth(token, { 'Idempotency-Key': crypto.randomUUID(), 'Content-Encoding': 'gzip' }),
			body: bomb
		});
		clearInterval(sampler);
		const m = process.memoryUsage();
		peak = Math.max(peak, m.arrayBuffers + m.heapUsed - before.arrayBuffers - before.heapUsed);
		expect(res.status).toBe(413);
		expect(await res.json()).toMatchObject({ error: 'tooLarge' });
		// Decoding stopped past the 2 MiB limit: far less than the bomb's 256 MiB was ever held.
		expect(peak).toBeLessThan(64 * 1024 * 1024);
		// A small route's own limit (64 KiB) applies to what its gzip body inflates to.
		const stamping = await env.app.request(`/api/v1/contracts/${record.id}/stamping`, {
			method: 'PUT',
			headers: auth(token, { 'Idempotency-Key': crypto.randomUUID(), 'Content-Encoding': 'gzip' }),
			body: gzipSync(JSON.stringify({ returnAddress: RETURN_ADDRESS, pad: 'x'.repeat(100_000) }))
		});
		expect(stamping.status).toBe(413);
	});
});

describe('contracts registered before the server kept its rendering', () => {
	it('get their document rendered on the first /pdf, stored, then served from the store', async () => {
		const record = frameworkRecord(env.config);
		const pdf = await onDevice(record);
		const pdfSha256 = await sha256Hex(pdf);
		// As a device over 1 MiB left it: registered, no bytes.
		const now = new Date(env.clock.now).toISOString();
		await env.store.registerContract({ accountId: DEMO_ACCOUNT_ID, record, pdfSha256, now });
		expect(await env.store.getContractPdf(record.id)).toBeUndefined();
		const renders = lateRenders;
		const first = await pdfOf(record.id);
		expect(first.status).toBe(200);
		expect(new Uint8Array(await first.arrayBuffer())).toEqual(pdf);
		expect(await env.store.getContractPdf(record.id)).toEqual(pdf);
		const second = await pdfOf(record.id);
		expect(new Uint8Array(await second.arrayBuffer())).toEqual(pdf);
		expect(lateRenders - renders).toBe(1);
	});

	it('one whose rendering is not the registered document stays a 404: other bytes are never served', async () => {
		const record = frameworkRecord(env.config);
		const now = new Date(env.clock.now).toISOString();
		await env.store.registerContract({ accountId: DEMO_ACCOUNT_ID, record, pdfSha256: 'c'.repeat(64), now });
		expect((await pdfOf(record.id)).status).toBe(404);
		expect(await env.store.getContractPdf(record.id)).toBeUndefined();
	});
});
