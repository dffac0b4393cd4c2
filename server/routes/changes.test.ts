// The paged pull: 5,000 registered contracts come down page by page, each exactly once, while registrations go on.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponse, type ChangesResponse } from '../../src/lib/domain/changes';
import { canonicalJson } from '../../src/lib/domain/canonical';
import { createHash } from 'node:crypto';
import { DEMO_ACCOUNT_ID } from '../seed';
import {
	auth,
	frameworkRecord,
	makeEnv,
	put,
	RETURN_ADDRESS,
	signIn,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let token: string;
let serial = 0;

/** A contract with a unique printed number: the id's first 8 hex digits are a counter. */
function uniqueRecord() {
	const hex = (serial++).toString(16).padStart(8, '0');
	return frameworkRecord(env.config, { id: `${hex}${randomUUID().slice(8)}` });
}

async function registerDirect(n: number, pdf?: Uint8Array): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const record = uniqueRecord();
		const sha = pdf ? createHash('sha256').update(pdf).digest('hex') : 'b'.repeat(64);
		const r = await env.store.registerContract({
			accountId: DEMO_ACCOUNT_ID,
			record,
			pdfSha256: sha,
			pdf,
			now: new Date().toISOString()
		});
		expect(r.kind).toBe('created');
		ids.push(record.id);
	}
	return ids;
}

async function pullPage(query: string): Promise<ChangesResponse> {
	const res = await env.app.request(`/api/v1/changes${query}`, { headers: auth(token) });
	expect(res.status, await res.clone().text()).toBe(200);
	return changesResponse.parse(await res.json());
}

beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
});
afterAll(() => env.cleanup());

describe('GET /changes, paged', () => {
	it('pages through 5,000 contracts: every one exactly once, none of those registered meanwhile, which the next pull brings', async () => {
		const original = new Set(await registerDirect(5_000));
		const seen = new Map<string, number>();
		const during: string[] = [];
		let orders = 0;
		let pages = 0;
		const first = await pullPage('?limit=200');
		expect(first.totalContracts).toBe(5_000);
		let page: ChangesResponse = first;
		for (;;) {
			pages++;
			expect(page.contracts.length).toBeLessThanOrEqual(200);
			// Every page carries the whole registered record and its fingerprints.
			for (const c of page.contracts) {
				seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
				expect(c.record?.id).toBe(c.id);
				expect(c.contentHash).toBe(createHash('sha256').update(canonicalJson(c.record)).digest('hex'));
			}
			orders += page.orders.length;
			// Registrations between two pages: the pull in progress must neither send nor lose them.
			during.push(...(await registerDirect(3)));
			if (page.next === null) break;
			expect(page.cursor).toBe(first.cursor);
			page = await pullPage(`?limit=200&page=${encodeURIComponent(page.next)}`);
		}
		expect(pages).toBeGreaterThanOrEqual(25);
		expect([...seen.values()].every((n) => n === 1)).toBe(true);
		expect(new Set(seen.keys())).toEqual(original);
		expect(orders).toBe(300);

		// The next pull, from the cursor the pages named, brings exactly the registrations made meanwhile.
		const next = await pullPage(`?since=${page.cursor}&limit=1000`);
		expect(next.next).toBeNull();
		expect(next.totalContracts).toBe(during.length);
		expect(next.contracts.map((c) => c.id).sort()).toEqual([...during].sort());
		expect(next.orders).toEqual([]);

		// Nothing new: an empty answer.
		const empty = await pullPage(`?since=${next.cursor}`);
		expect(empty).toMatchObject({
			cursor: next.cursor,
			next: null,
			totalContracts: 0,
			contracts: [],
			orders: [],
			filings: [],
			stampingRequests: [],
			stampingEvents: []
		});
	}, 120_000);

	it('carries stamping requests and the outbound parcel added later, and the PDF size', async () => {
		const pdf = new TextEncoder().encode('%PDF-1.7 restore');
		const [id] = await registerDirect(1, pdf);
		let cursor = (await pullPage(`?since=0&limit=1000`)).cursor;
		const res = await put(env.app, `/api/v1/contracts/${id}/stamping`, { returnAddress: RETURN_ADDRESS }, { token });
		expect(res.status).toBe(201);
		let delta = await pullPage(`?since=${cursor}`);
		expect(delta.stampingRequests).toEqual([
			{ contractId: id, submission: { returnAddress: RETURN_ADDRESS }, submittedAt: expect.any(String) }
		]);
		cursor = delta.cursor;
		const outbound = { courier: '顺丰速运', trackingNumber: 'SF1234567890' };
		expect(
			(await put(env.app, `/api/v1/contracts/${id}/stamping`, { returnAddress: RETURN_ADDRESS, outbound }, { token }))
				.status
		).toBe(200);
		delta = await pullPage(`?since=${cursor}`);
		expect(delta.stampingRequests).toEqual([
			{ contractId: id, submission: { returnAddress: RETURN_ADDRESS, outbound }, submittedAt: expect.any(String) }
		]);

		const full = await pullPage('?since=0&limit=1000');
		let found = full.contracts.find((c) => c.id === id);
		let p = full;
		while (!found && p.next) {
			p = await pullPage(`?limit=1000&page=${encodeURIComponent(p.next)}`);
			found = p.contracts.find((c) => c.id === id);
		}
		expect(found?.pdfSize).toBe(pdf.byteLength);
	});

	it('refuses a bad cursor, page or limit with field errors, and a page of a pull this database never started', async () => {
		for (const [query, field] of [
			['?since=abc', 'since'],
			['?limit=0', 'limit'],
			['?limit=1001', 'limit'],
			['?page=garbage', 'page'],
			// Names a sequence beyond the database's: it was reset since (or the token was made up).
			['?page=v1.0.999999999.0.0.', 'page']
		] as const) {
			const res = await env.app.request(`/api/v1/changes${query}`, { headers: auth(token) });
			expect(res.status, query).toBe(400);
			expect(((await res.json()) as { fields: Record<string, string[]> }).fields).toHaveProperty(field);
		}
	});

	it('another account pages through nothing of this one', async () => {
		const other = await signIn(env.app, 'demo-unverified');
		const res = await env.app.request('/api/v1/changes?limit=1000', { headers: auth(other) });
		const body = changesResponse.parse(await res.json());
		expect(body.contracts).toEqual([]);
		expect(body.totalContracts).toBe(0);
	});
});
