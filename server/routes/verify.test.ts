// Public verification endpoint: the three answers without a session, what it never reveals, bad queries, the throttle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { ContractRecord } from '../../src/lib/domain/contract';
import { registeredCopyHashes } from '../render/registered-copy';
import { PUBLIC_VERIFY_LIMIT, publicVerifyRoutes } from './verify';
import { SlidingWindowLimiter } from '../auth/sliding-window';
import { DEMO_IDENTITY, demoOrders } from '../seed';
import { contentHash } from '../store/index';
import {
	FIXED_NOW,
	frameworkRecord,
	makeEnv,
	orderRecord,
	PDF_SHA,
	put,
	signIn,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let framework: ContractRecord;
let order: ContractRecord;

async function register(record: ContractRecord) {
	const token = await signIn(env.app);
	const res = await put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: PDF_SHA }, { token });
	expect(res.status).toBe(201);
}

const ask = (number: string, query: string) => env.app.request(`/api/v1/verify/${encodeURIComponent(number)}?${query}`);

beforeAll(async () => {
	env = await makeEnv();
	framework = frameworkRecord(env.config);
	order = orderRecord(
		env.config,
		demoOrders(FIXED_NOW)
			.filter((o) => o.status === 'paid')
			.slice(0, 3)
	);
	await register(framework);
	await register(order);
});
afterAll(async () => env.cleanup());

describe('GET /api/v1/verify/:number (no session)', () => {
	it('answers registered and matching for the content fingerprint, with masked names only', async () => {
		const res = await ask(framework.number, `fingerprint=${contentHash(framework)}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('Cache-Control')).toBe('no-store');
		expect(await res.json()).toEqual({
			number: framework.number,
			registered: true,
			match: true,
			kind: 'framework',
			registeredAt: new Date(FIXED_NOW).toISOString(),
			partyA: '深圳市喆**网络科技有限公司',
			// The provider's own name is public; only the customer's is masked.
			partyB: env.config.provider.name
		});
	});

	it('answers registered but not matching for another fingerprint, and accepts upper-case hex', async () => {
		const other = 'b'.repeat(64);
		const body = await (await ask(framework.number, `fingerprint=${other}`)).json();
		expect(body).toMatchObject({ registered: true, match: false, kind: 'framework' });
		const upper = await (await ask(framework.number, `fingerprint=${contentHash(framework).toUpperCase()}`)).json();
		expect(upper.match).toBe(true);
	});

	it('checks a PDF file by the registered PDF SHA-256', async () => {
		expect((await (await ask(framework.number, `pdfSha256=${PDF_SHA}`)).json()).match).toBe(true);
		// The content fingerprint is not the file's hash: given as a file hash it does not match.
		expect((await (await ask(framework.number, `pdfSha256=${contentHash(framework)}`)).json()).match).toBe(false);
	});

	it('answers not registered for an unknown number', async () => {
		const res = await ask('HT-20260615-00000000', `fingerprint=${'c'.repeat(64)}`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ number: 'HT-20260615-00000000', registered: false });
	});

	it('never reveals amounts, orders, contacts or full names', async () => {
		const text = await (await ask(order.number, `fingerprint=${contentHash(order)}`)).text();
		const body = JSON.parse(text);
		expect(Object.keys(body).sort()).toEqual([
			'kind',
			'match',
			'number',
			'partyA',
			'partyB',
			'registered',
			'registeredAt'
		]);
		expect(body.kind).toBe('order');
		if (order.kind !== 'order') throw new Error('order record expected');
		for (const secret of [
			String(order.totalFen),
			...order.orders.map((o) => o.id),
			order.contact.phone,
			order.contact.person,
			DEMO_IDENTITY.legalName,
			DEMO_IDENTITY.creditCode,
			DEMO_IDENTITY.legalRepresentative
		]) {
			expect(text).not.toContain(secret);
		}
	});

	it('refuses malformed queries with field errors, never a 5xx', async () => {
		const bad = [
			['HT-1', `fingerprint=${'a'.repeat(64)}`, 'number'],
			[framework.number, 'fingerprint=xyz', 'fingerprint'],
			[framework.number, '', 'fingerprint'],
			[framework.number, `fingerprint=${'a'.repeat(64)}&pdfSha256=${'a'.repeat(64)}`, 'fingerprint']
		] as const;
		for (const [number, query, field] of bad) {
			const res = await ask(number, query);
			expect(res.status, `${number}?${query}`).toBe(400);
			expect((await res.json()).fields).toHaveProperty(field);
		}
	});
});

describe('throttle', () => {
	it(`allows ${PUBLIC_VERIFY_LIMIT.limit} requests a minute per client address, then 429 with Retry-After`, async () => {
		const clock = { now: FIXED_NOW };
		let address = '198.51.100.7';
		const app = new Hono().route(
			'/verify',
			publicVerifyRoutes({
				lookup: (n) => env.store.contractsByNumber(n),
				clientAddress: () => address,
				now: () => clock.now
			})
		);
		const hit = () => app.request(`/verify/${framework.number}?fingerprint=${contentHash(framework)}`);
		for (let i = 0; i < PUBLIC_VERIFY_LIMIT.limit; i++) expect((await hit()).status).toBe(200);
		const refused = await hit();
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('Retry-After'))).toBe(60);
		expect((await refused.json()).error).toBe('tooManyRequests');
		// Another address is not held back by the first one.
		address = '203.0.113.9';
		expect((await hit()).status).toBe(200);
		// The window slides: a minute after the first hits, the first address may ask again.
		address = '198.51.100.7';
		clock.now += PUBLIC_VERIFY_LIMIT.windowMs + 1;
		expect((await hit()).status).toBe(200);
	});

	it('behind a trusted proxy the app throttles each forwarded client, and a client cannot spoof the header', async () => {
		const proxied = await makeEnv({ env: { TRUST_PROXY: '10.0.0.1' } });
		try {
			const ask = (peer: string, forwardedFor: string) =>
				proxied.app.request(
					`/api/v1/verify/HT-20260615-00000000?fingerprint=${'a'.repeat(64)}`,
					{ headers: { 'X-Forwarded-For': forwardedFor } },
					{ incoming: { socket: { remoteAddress: peer } } }
				);
			for (let i = 0; i < PUBLIC_VERIFY_LIMIT.limit; i++)
				expect((await ask('10.0.0.1', '198.51.100.7')).status).toBe(200);
			expect((await ask('10.0.0.1', '198.51.100.7')).status).toBe(429);
			// Another client behind the same proxy is not held back by the first.
			expect((await ask('10.0.0.1', '203.0.113.9')).status).toBe(200);
			// Not from the proxy: the header is ignored, so rotating it does not escape the peer's own limit.
			for (let i = 0; i < PUBLIC_VERIFY_LIMIT.limit; i++)
				expect((await ask('192.0.2.44', `198.18.0.${i + 1}`)).status).toBe(200);
			expect((await ask('192.0.2.44', '198.18.1.1')).status).toBe(429);
		} finally {
			await proxied.cleanup();
		}
	});

	it('the app route is throttled too (requests without a socket share one key)', async () => {
		const local = await makeEnv();
		try {
			const statuses: number[] = [];
			for (let i = 0; i <= PUBLIC_VERIFY_LIMIT.limit; i++) {
				statuses.push(
					(await local.app.request(`/api/v1/verify/HT-20260615-00000000?fingerprint=${'a'.repeat(64)}`)).status
				);
			}
			expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
			expect(statuses.at(-1)).toBe(429);
		} finally {
			await local.cleanup();
		}
	});
});

describe('the registered copy: its hash computed on the first file check that needs it, then kept', () => {
	const COPY_SHA = 'c'.repeat(64);
	let renders: { id: string; registeredAt: string }[];
	let fail: Error | null;
	const render = async (record: ContractRecord, registeredAt: string) => {
		renders.push({ id: record.id, registeredAt });
		await new Promise((r) => setTimeout(r, 20));
		if (fail) throw fail;
		return COPY_SHA;
	};
	const routes = () =>
		publicVerifyRoutes({
			lookup: (number) => env.store.contractsByNumber(number),
			registeredCopyHash: registeredCopyHashes({ store: env.store, render, now: () => FIXED_NOW }),
			limiter: new SlidingWindowLimiter({ limit: 1000, windowMs: 60_000 }),
			clientAddress: () => 'test',
			log: () => {}
		});
	const askFile = async (app: Hono, number: string, sha: string) => {
		const res = await app.request(`/${number}?pdfSha256=${sha}`);
		return { status: res.status, retryAfter: res.headers.get('Retry-After'), body: await res.json() };
	};
	let record: ContractRecord;
	beforeAll(async () => {
		record = frameworkRecord(env.config);
		await register(record);
	});

	it('the original and the QR fingerprint never render; a render failure is a retryable 503, nothing kept', async () => {
		renders = [];
		fail = null;
		const app = routes();
		expect((await askFile(app, record.number, PDF_SHA)).body).toMatchObject({ match: true, rendition: 'original' });
		expect((await (await app.request(`/${record.number}?fingerprint=${contentHash(record)}`)).json()).match).toBe(true);
		expect(renders).toEqual([]);

		fail = new Error('worker died');
		const failed = await askFile(app, record.number, COPY_SHA);
		expect(failed).toMatchObject({ status: 503, retryAfter: '5', body: { error: 'renderUnavailable' } });
		expect((await env.store.contractsByNumber(record.number))[0]!.registeredCopySha256).toBeNull();
	});

	it('computed once (concurrent checks share the render), stored, then served from the store', async () => {
		renders = [];
		fail = null;
		const app = routes();
		const answers = await Promise.all([1, 2, 3].map(() => askFile(app, record.number, COPY_SHA)));
		for (const a of answers)
			expect(a.body).toMatchObject({ registered: true, match: true, rendition: 'registeredCopy' });
		const stored = await env.store.getContract(record.id);
		expect(renders).toEqual([{ id: record.id, registeredAt: stored!.registeredAt }]);
		expect((await env.store.contractsByNumber(record.number))[0]!.registeredCopySha256).toBe(COPY_SHA);

		// Another process (or a restart) with a renderer that would fail: the kept hash answers, no render.
		fail = new Error('must not render');
		const again = routes();
		expect((await askFile(again, record.number, COPY_SHA)).body).toMatchObject({ rendition: 'registeredCopy' });
		expect(renders).toHaveLength(1);
	});

	it('a changed byte matches neither file, and asks the renderer nothing more once the hash is kept', async () => {
		renders = [];
		fail = null;
		const changed = await askFile(routes(), record.number, 'd'.repeat(64));
		expect(changed.body).toMatchObject({ registered: true, match: false });
		expect(changed.body).not.toHaveProperty('rendition');
		expect(renders).toEqual([]);
	});
});

describe('SlidingWindowLimiter', () => {
	it('forgets the least recently seen keys beyond maxKeys', () => {
		const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000, maxKeys: 2, now: () => 0 });
		expect(limiter.hit('a').allowed).toBe(true);
		expect(limiter.hit('b').allowed).toBe(true);
		expect(limiter.hit('c').allowed).toBe(true);
		expect(limiter.size).toBe(2);
		// 'a' was forgotten, so it is allowed again; 'c' is still remembered.
		expect(limiter.hit('a').allowed).toBe(true);
		expect(limiter.hit('a').allowed).toBe(false);
	});
});
