// Contract registration, paper-copy (stamping) submission and the idempotency rules of both writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { changesResponse } from '../../src/lib/domain/changes';
import type { ContractRecord } from '../../src/lib/domain/contract';
import { registerContractBody } from '../../src/lib/domain/api';
import { RenderUnavailableError } from '../registry/registration';
import { requestHash } from '../http/idempotency';
import { DEFAULT_VERIFICATION, DEMO_ACCOUNT_ID, demoOrders } from '../seed';
import {
	ADMIN_TOKEN,
	auth,
	FIXED_NOW,
	frameworkRecord,
	makeEnv,
	orderRecord,
	PDF_SHA,
	SERVER_PDF,
	put,
	RETURN_ADDRESS,
	signIn,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let token: string;
const verifyCalls: string[] = [];
let rendererDown = false;
// The fake renderer rejects any fingerprint starting with 'b', so tests can choose the outcome.
beforeAll(async () => {
	env = await makeEnv({
		verifyDocument: async (record, sha) => {
			verifyCalls.push(record.id);
			if (rendererDown) throw new RenderUnavailableError('render worker crashed');
			if (sha.startsWith('e')) throw new Error('glyph missing');
			return sha.startsWith('b') ? false : SERVER_PDF;
		}
	});
	token = await signIn(env.app);
});
afterAll(async () => env.cleanup());

const register = (
	record: ContractRecord,
	opts: { key?: string | null; sha?: string; tok?: string; pdf?: string } = {}
) =>
	put(
		env.app,
		`/api/v1/contracts/${record.id}`,
		{ record, pdfSha256: opts.sha ?? PDF_SHA, ...(opts.pdf ? { pdfBase64: opts.pdf } : {}) },
		{ token: opts.tok ?? token, key: opts.key }
	);
const contractRows = (id: string) =>
	(env.store.db.prepare('SELECT COUNT(*) AS n FROM contracts WHERE id = ?').get(id) as { n: number }).n;

describe('PUT /contracts/:id (registration)', () => {
	it('stores a contract once and makes it effective at once; it shows in the next pull', async () => {
		const before = changesResponse.parse(
			await (await env.app.request('/api/v1/changes', { headers: auth(token) })).json()
		);
		const record = frameworkRecord(env.config);
		const res = await register(record, { key: 'reg-1' });
		expect(res.status).toBe(201);
		const body = (await res.json()) as { contract: Record<string, unknown> };
		expect(body.contract).toEqual({
			id: record.id,
			number: record.number,
			kind: 'framework',
			status: 'effective',
			registeredAt: new Date(FIXED_NOW).toISOString(),
			pdfSha256: PDF_SHA
		});
		expect(contractRows(record.id)).toBe(1);
		expect(verifyCalls).toContain(record.id);

		const after = changesResponse.parse(
			await (await env.app.request(`/api/v1/changes?since=${before.cursor}`, { headers: auth(token) })).json()
		);
		expect(after.contracts).toEqual([
			{
				id: record.id,
				status: 'effective',
				registeredAt: new Date(FIXED_NOW).toISOString(),
				record,
				contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
				pdfSha256: PDF_SHA,
				// The server's rendering is stored with the record alone: every registered contract has its document.
				pdfSize: SERVER_PDF.byteLength,
				// Sealed off the registration path, later: none yet.
				sealed: null
			}
		]);
		expect(after.orders).toEqual([]);
		expect(Number(after.cursor)).toBeGreaterThan(Number(before.cursor));
	});

	it('an order contract with 300 orders sent the old way (with its PDF bytes) stores the server rendering', async () => {
		const record = orderRecord(env.config, demoOrders(FIXED_NOW));
		const pdf = Buffer.from('%PDF-1.7 fake document');
		const sha = createHash('sha256').update(pdf).digest('hex');
		const res = await register(record, { sha, pdf: pdf.toString('base64') });
		expect(res.status).toBe(201);
		const got = await env.app.request(`/api/v1/contracts/${record.id}/pdf`, { headers: auth(token) });
		expect(got.status).toBe(200);
		expect(got.headers.get('Content-Type')).toBe('application/pdf');
		// The fake renderer's bytes, not the device's: the registered document is always the server's rendering.
		expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(SERVER_PDF))).toBe(true);
	});

	it('same content under a new key → 200 with the stored version, no second row, no re-render', async () => {
		const record = frameworkRecord(env.config);
		expect((await register(record)).status).toBe(201);
		const calls = verifyCalls.length;
		const res = await register(record);
		expect(res.status).toBe(200);
		expect(((await res.json()) as { contract: { id: string } }).contract.id).toBe(record.id);
		expect(contractRows(record.id)).toBe(1);
		expect(verifyCalls.length).toBe(calls);
	});

	it('different content for an existing id → 409 with the stored version', async () => {
		const record = frameworkRecord(env.config);
		expect((await register(record)).status).toBe(201);
		const changed = { ...record, contact: { ...record.contact, person: '李玥' } };
		const res = await register(changed);
		expect(res.status).toBe(409);
		const body = (await res.json()) as { error: string; stored: { record: ContractRecord; pdfSha256: string } };
		expect(body.error).toBe('conflict');
		expect(body.stored.record).toEqual(record);
		expect(body.stored.pdfSha256).toBe(PDF_SHA);
		const otherPdf = await register(record, { sha: 'c'.repeat(64) });
		expect(otherPdf.status).toBe(409);
	});

	it('Party A other than the verified entity → 422', async () => {
		const record = frameworkRecord(env.config, { identity: DEFAULT_VERIFICATION });
		const res = await register(record);
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: string; fields: object };
		expect(body.error).toBe('partyAMismatch');
		expect(Object.keys(body.fields)).toEqual(
			expect.arrayContaining(['record.partyA.name', 'record.partyA.creditCode'])
		);
		expect(contractRows(record.id)).toBe(0);
	});

	it('Party B other than the provider → 422', async () => {
		const record = frameworkRecord(env.config);
		const res = await register({ ...record, partyB: { ...record.partyB, name: '别的云有限公司' } });
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({ error: 'partyBMismatch' });
	});

	it('Party B other than the provider names the field; Party A is checked first', async () => {
		const record = frameworkRecord(env.config);
		expect(record.partyA.creditCode).not.toBe(env.config.provider.creditCode);
		const res = await register({ ...record, partyB: { ...record.partyB, creditCode: record.partyA.creditCode } });
		expect(res.status).toBe(422);
		expect(((await res.json()) as { fields: object }).fields).toEqual({
			'record.partyB.creditCode': ['partyBMismatch']
		});
		const both = frameworkRecord(env.config, { identity: DEFAULT_VERIFICATION });
		const res2 = await register({ ...both, partyB: { ...both.partyB, name: '别的云有限公司' } });
		expect(await res2.json()).toMatchObject({ error: 'partyAMismatch' });
	});

	it('an order contract with a refunded order → 422 naming the order; nothing stored', async () => {
		const orders = demoOrders(FIXED_NOW).slice(0, 3);
		const refunded = orders[1]!;
		const setStatus = (status: string) =>
			env.store.db
				.prepare('UPDATE orders SET data = ? WHERE id = ?')
				.run(JSON.stringify({ ...refunded, status }), refunded.id);
		setStatus('refunded');
		try {
			const record = orderRecord(env.config, orders);
			const res = await register(record);
			expect(res.status).toBe(422);
			const body = (await res.json()) as { error: string; message: string; fields: object };
			expect(body.error).toBe('orderRefunded');
			expect(body.message).toContain(refunded.id);
			expect(body.fields).toEqual({ 'record.orders.1.id': ['orderRefunded'] });
			expect(contractRows(record.id)).toBe(0);
		} finally {
			setStatus('paid');
		}
	});

	it('an order contract with an order the account does not have → 422 naming the order', async () => {
		const [first] = demoOrders(FIXED_NOW);
		const foreign = { ...first!, id: '99999999999999999999' };
		const record = orderRecord(env.config, [first!, foreign]);
		const res = await register(record);
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: string; message: string; fields: object };
		expect(body.message).toContain(foreign.id);
		expect(body.fields).toEqual({ 'record.orders.1.id': ['orderUnknown'] });
		expect(contractRows(record.id)).toBe(0);
	});

	it('verifyDocument false → 422 fingerprintMismatch; throwing → 422 unrenderable; nothing stored', async () => {
		const record = frameworkRecord(env.config);
		const res = await register(record, { sha: 'b'.repeat(64) });
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({ error: 'fingerprintMismatch' });
		const thrown = await register(record, { sha: 'e'.repeat(64) });
		expect(thrown.status).toBe(422);
		expect(await thrown.json()).toMatchObject({ error: 'unrenderable' });
		expect(contractRows(record.id)).toBe(0);
	});

	it('a renderer that is down (RenderUnavailableError) → 503 with Retry-After; the same key works once it is back', async () => {
		const record = frameworkRecord(env.config);
		rendererDown = true;
		try {
			const res = await register(record, { key: 'render-down' });
			expect(res.status).toBe(503);
			expect(res.headers.get('Retry-After')).toBe('1');
			expect(await res.json()).toMatchObject({ error: 'renderUnavailable' });
			expect(contractRows(record.id)).toBe(0);
		} finally {
			rendererDown = false;
		}
		// Not stored as the key's answer: the retry is checked again and succeeds.
		const retry = await register(record, { key: 'render-down' });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('Idempotent-Replayed')).toBeNull();
	});

	it('an unverified account → 403', async () => {
		const other = await signIn(env.app, 'demo-unverified');
		const res = await register(frameworkRecord(env.config), { tok: other });
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ error: 'unverified' });
	});

	it("another account's contract → 404 on read, register and stamping", async () => {
		const record = frameworkRecord(env.config);
		expect((await register(record)).status).toBe(201);
		const other = await signIn(env.app, 'demo-unverified');
		expect((await env.app.request(`/api/v1/contracts/${record.id}`, { headers: auth(other) })).status).toBe(404);
		expect((await env.app.request(`/api/v1/contracts/${record.id}`, { headers: auth(token) })).status).toBe(200);
		const stamping = await put(
			env.app,
			`/api/v1/contracts/${record.id}/stamping`,
			{ returnAddress: RETURN_ADDRESS },
			{ token: other }
		);
		expect(stamping.status).toBe(404);
		expect(await env.store.getStamping(record.id)).toBeUndefined();
	});
});

describe('Idempotency-Key', () => {
	it('missing → 400 and nothing stored', async () => {
		const record = frameworkRecord(env.config);
		const res = await register(record, { key: null });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { fields: object }).fields).toEqual({ 'Idempotency-Key': ['required'] });
		expect(contractRows(record.id)).toBe(0);
		const stamping = await put(
			env.app,
			`/api/v1/contracts/${record.id}/stamping`,
			{ returnAddress: RETURN_ADDRESS },
			{ token, key: null }
		);
		expect(stamping.status).toBe(400);
		const badKey = await register(record, { key: 'a b' });
		expect(((await badKey.json()) as { fields: object }).fields).toEqual({ 'Idempotency-Key': ['format'] });
	});

	it('same key and same body → the identical stored response, replayed', async () => {
		const record = frameworkRecord(env.config);
		const first = await register(record, { key: 'same-key' });
		const firstBody = await first.text();
		expect(first.status).toBe(201);
		const again = await register(record, { key: 'same-key' });
		expect(again.status).toBe(201); // not 200: the first answer, not a new evaluation
		expect(await again.text()).toBe(firstBody);
		expect(again.headers.get('Idempotent-Replayed')).toBe('true');
		expect(contractRows(record.id)).toBe(1);
	});

	it('a quoted key (structured-field string) is the same key', async () => {
		const record = frameworkRecord(env.config);
		expect((await register(record, { key: 'quoted-1' })).status).toBe(201);
		const again = await register(record, { key: '"quoted-1"' });
		expect(again.headers.get('Idempotent-Replayed')).toBe('true');
	});

	it('same key and another body → 422, the other body has no effect', async () => {
		const record = frameworkRecord(env.config);
		expect((await register(record, { key: 'reuse' })).status).toBe(201);
		const other = frameworkRecord(env.config);
		const res = await register(other, { key: 'reuse' });
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({ error: 'idempotencyKeyReused' });
		expect(contractRows(other.id)).toBe(0);
	});

	it('keys are per account: the same key from another account is another request', async () => {
		const a = frameworkRecord(env.config);
		expect((await register(a, { key: 'shared-key' })).status).toBe(201);
		const other = await signIn(env.app, 'demo-unverified');
		const res = await register(frameworkRecord(env.config), { key: 'shared-key', tok: other });
		expect(res.status).toBe(403);
	});

	it('a retry while the first is still running → 409, and nothing is stored', async () => {
		const record = frameworkRecord(env.config);
		const body = registerContractBody.parse({ record, pdfSha256: PDF_SHA });
		const hash = requestHash('PUT', `/api/v1/contracts/${record.id}`, body);
		expect(await env.store.claimIdempotency(DEMO_ACCOUNT_ID, 'in-flight', hash, env.clock.now)).toEqual({
			kind: 'claimed'
		});
		const res = await register(record, { key: 'in-flight' });
		expect(res.status).toBe(409);
		expect(res.headers.get('Retry-After')).toBe('1');
		expect(await res.json()).toMatchObject({ error: 'requestInProgress' });
		expect(contractRows(record.id)).toBe(0);
	});

	it('a key finished before the hash left the PDF out (hash of the whole old body) still replays that body', async () => {
		const record = frameworkRecord(env.config);
		const pdf = Buffer.from('%PDF-1.7 sent before').toString('base64');
		const sha = createHash('sha256').update(Buffer.from(pdf, 'base64')).digest('hex');
		const old = registerContractBody.parse({ record, pdfSha256: sha, pdfBase64: pdf });
		const legacyHash = requestHash('PUT', `/api/v1/contracts/${record.id}`, old);
		await env.store.claimIdempotency(DEMO_ACCOUNT_ID, 'pre-upgrade', legacyHash, env.clock.now);
		const stored = { status: 201, body: { contract: { id: record.id, status: 'effective' } } };
		await env.store.finishIdempotency(DEMO_ACCOUNT_ID, 'pre-upgrade', stored);
		const res = await register(record, { key: 'pre-upgrade', sha, pdf });
		expect(res.status).toBe(201);
		expect(res.headers.get('Idempotent-Replayed')).toBe('true');
		expect(await res.json()).toEqual(stored.body);
		expect(contractRows(record.id)).toBe(0);
		// Another body under that key is still another request.
		expect((await register(record, { key: 'pre-upgrade' })).status).toBe(422);
	});

	it('a running claim left by a crashed request is taken over after a minute', async () => {
		const record = frameworkRecord(env.config);
		const body = registerContractBody.parse({ record, pdfSha256: PDF_SHA });
		const hash = requestHash('PUT', `/api/v1/contracts/${record.id}`, body);
		await env.store.claimIdempotency(DEMO_ACCOUNT_ID, 'orphan', hash, env.clock.now - 120_000);
		expect((await register(record, { key: 'orphan' })).status).toBe(201);
	});

	it('claims left running by a previous process are released at start-up', async () => {
		const record = frameworkRecord(env.config);
		const body = registerContractBody.parse({ record, pdfSha256: PDF_SHA });
		const hash = requestHash('PUT', `/api/v1/contracts/${record.id}`, body);
		await env.store.claimIdempotency(DEMO_ACCOUNT_ID, 'restart', hash, env.clock.now);
		expect((await register(record, { key: 'restart' })).status).toBe(409);
		expect(await env.store.releaseRunningClaims()).toBeGreaterThanOrEqual(1);
		expect((await register(record, { key: 'restart' })).status).toBe(201);
	});

	it('the idempotency row is written with the effect: done row ↔ contract row', async () => {
		const record = frameworkRecord(env.config);
		expect((await register(record, { key: 'atomic-1' })).status).toBe(201);
		const row = env.store.db
			.prepare(`SELECT status, response_status FROM idempotency WHERE scope = ? AND key = ?`)
			.get(DEMO_ACCOUNT_ID, 'atomic-1');
		expect(row).toEqual({ status: 'done', response_status: 201 });
	});

	it('a 403 is not remembered: after verification the same key registers the contract', async () => {
		const other = await signIn(env.app, 'demo-unverified');
		const record = frameworkRecord(env.config, { identity: DEFAULT_VERIFICATION });
		expect((await register(record, { key: 'later', tok: other })).status).toBe(403);
		const verify = await env.app.request('/api/v1/admin/accounts/acct-100002/verify', {
			method: 'POST',
			headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(DEFAULT_VERIFICATION)
		});
		expect(verify.status).toBe(200);
		const res = await register(record, { key: 'later', tok: other });
		expect(res.status).toBe(201);
	});

	it('a rejected registration (422) is replayed for the same key, not re-rendered', async () => {
		const record = frameworkRecord(env.config);
		expect((await register(record, { key: 'bad-pdf', sha: 'b'.repeat(64) })).status).toBe(422);
		const calls = verifyCalls.length;
		const again = await register(record, { key: 'bad-pdf', sha: 'b'.repeat(64) });
		expect(again.status).toBe(422);
		expect(again.headers.get('Idempotent-Replayed')).toBe('true');
		expect(verifyCalls.length).toBe(calls);
	});
});

describe('PUT /contracts/:id/stamping', () => {
	const stamp = (id: string, body: unknown, key?: string) =>
		put(env.app, `/api/v1/contracts/${id}/stamping`, body, { token, key });

	it('stores the return address once; the same again → 200; a changed address → 409 with the stored one', async () => {
		const record = frameworkRecord(env.config);
		expect((await register(record)).status).toBe(201);
		const first = await stamp(record.id, { returnAddress: RETURN_ADDRESS });
		expect(first.status).toBe(201);
		expect(await first.json()).toEqual({
			stamping: { contractId: record.id, returnAddress: RETURN_ADDRESS, submittedAt: new Date(FIXED_NOW).toISOString() }
		});
		// Whitespace differences normalise away: still the same address.
		const same = await stamp(record.id, {
			returnAddress: { ...RETURN_ADDRESS, recipient: ` ${RETURN_ADDRESS.recipient} ` }
		});
		expect(same.status).toBe(200);

		const changed = await stamp(record.id, { returnAddress: { ...RETURN_ADDRESS, district: '福田区' } });
		expect(changed.status).toBe(409);
		const body = (await changed.json()) as { error: string; stored: { returnAddress: unknown } };
		expect(body.error).toBe('conflict');
		expect(body.stored.returnAddress).toEqual(RETURN_ADDRESS);
		expect((await env.store.getStamping(record.id))?.submission.returnAddress).toEqual(RETURN_ADDRESS);
		expect(
			(
				env.store.db.prepare('SELECT COUNT(*) AS n FROM stamping_requests WHERE contract_id = ?').get(record.id) as {
					n: number;
				}
			).n
		).toBe(1);
	});

	it('an outbound tracking number may follow once; a different one later → 409', async () => {
		const record = frameworkRecord(env.config);
		await register(record);
		expect((await stamp(record.id, { returnAddress: RETURN_ADDRESS })).status).toBe(201);
		const outbound = { courier: '顺丰速运', trackingNumber: 'SF1234567890' };
		const added = await stamp(record.id, { returnAddress: RETURN_ADDRESS, outbound });
		expect(added.status).toBe(200);
		expect(((await added.json()) as { stamping: { outbound: unknown } }).stamping.outbound).toEqual(outbound);
		const other = await stamp(record.id, {
			returnAddress: RETURN_ADDRESS,
			outbound: { ...outbound, trackingNumber: 'SF0000000001' }
		});
		expect(other.status).toBe(409);
	});

	it('an unknown contract → 404; a bad address → 400 naming the field', async () => {
		expect((await stamp(crypto.randomUUID(), { returnAddress: RETURN_ADDRESS })).status).toBe(404);
		const record = frameworkRecord(env.config);
		await register(record);
		const res = await stamp(record.id, { returnAddress: { ...RETURN_ADDRESS, phone: '123', district: '不存在区' } });
		expect(res.status).toBe(400);
		const fields = ((await res.json()) as { fields: Record<string, string[]> }).fields;
		expect(fields['returnAddress.phone']).toEqual(['phoneFormat']);
	});

	it('the 404 is not remembered: the same key works once the contract is registered', async () => {
		const record = frameworkRecord(env.config);
		expect((await stamp(record.id, { returnAddress: RETURN_ADDRESS }, 'early')).status).toBe(404);
		await register(record);
		expect((await stamp(record.id, { returnAddress: RETURN_ADDRESS }, 'early')).status).toBe(201);
	});
});

describe('GET /contracts/:id/pdf of a contract registered without a document', () => {
	it('a renderer down → 503 with Retry-After, nothing stored; the account at its render share → 429', async () => {
		let hold: Promise<void> | null = null;
		let down = true;
		const own = await makeEnv({
			env: { RENDERS_PER_ACCOUNT: '1' },
			renderDocument: async () => {
				if (hold) await hold;
				if (down) throw new RenderUnavailableError('render worker crashed');
				return { pdf: SERVER_PDF, sha256: createHash('sha256').update(SERVER_PDF).digest('hex') };
			}
		});
		try {
			const tok = await signIn(own.app);
			const record = frameworkRecord(own.config);
			const pdfSha256 = createHash('sha256').update(SERVER_PDF).digest('hex');
			await own.store.registerContract({
				accountId: DEMO_ACCOUNT_ID,
				record,
				pdfSha256,
				now: new Date(FIXED_NOW).toISOString()
			});
			const get = () => own.app.request(`/api/v1/contracts/${record.id}/pdf`, { headers: auth(tok) });
			const failed = await get();
			expect(failed.status).toBe(503);
			expect(failed.headers.get('Retry-After')).toBe('2');
			expect(await own.store.getContractPdf(record.id)).toBeUndefined();
			down = false;
			let release!: () => void;
			hold = new Promise((r) => (release = r));
			const first = get();
			await new Promise((r) => setTimeout(r, 20));
			const second = await get();
			expect(second.status).toBe(429);
			expect(second.headers.get('Retry-After')).toBe('1');
			release();
			expect((await first).status).toBe(200);
			expect(await own.store.getContractPdf(record.id)).toEqual(SERVER_PDF);
		} finally {
			await own.cleanup();
		}
	});
});
