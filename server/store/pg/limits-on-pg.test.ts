// Limits that hold across processes on PostgreSQL: two app instances (own pools, own owner ids) on one database share the sign-in throttle, the global ceiling, the public verify limiter and the per-account render admission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { createApp, type AppDeps } from '../../app';
import { SIGN_IN_RULES } from '../../routes/session';
import { loadConfig } from '../../config';
import { PUBLIC_VERIFY_LIMIT } from '../../routes/verify';
import { RenderBusyError, RenderGate } from '../../render/render-gate';
import { demoSeed } from '../../seed';
import { FIXED_NOW, frameworkRecord, PDF_SHA, put, SERVER_PDF, signIn } from '../../../tests/support/server/app';
import { SharedThrottle } from '../../auth/throttle';
import { openTestPg, type TestPg } from '../../../tests/support/server/store/pg-db';
import type { PgStore } from './index';

let t: TestPg;
let stores: PgStore[];
const clock = { now: FIXED_NOW };
const config = loadConfig({
	DATA_DIR: tmpdir(),
	ADMIN_TOKEN: 'test-admin-token-0123',
	TRUST_PROXY: '10.0.0.1',
	SIGN_IN_FAILURES_PER_MINUTE: '20',
	SIGN_IN_SLOWDOWN_STEP_MS: '100',
	SIGN_IN_SLOWDOWN_MAX_MS: '1000'
});

/** One "process": every shared limit wired as bootstrap wires it with DATABASE_URL. */
function appOn(store: PgStore, more: Partial<AppDeps> = {}) {
	return createApp({
		store,
		config,
		staticDir: null,
		now: () => clock.now,
		log: () => {},
		signInThrottle: new SharedThrottle(store.failureLog(), {}, () => clock.now),
		signInFailureRate: store.failureRate(),
		verifyLimiter: store.rateLimiter({ ...PUBLIC_VERIFY_LIMIT, scope: 'verify', now: () => clock.now }),
		renderGate: new RenderGate(config.registration, store.renderLeases()),
		...more
	});
}

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const signInAttempt = async (app: ReturnType<typeof createApp>, code: string, forwardedFor: string) =>
	app.request(
		'/api/v1/session',
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
			body: JSON.stringify({ code })
		},
		from('10.0.0.1')
	);

beforeAll(async () => {
	t = await openTestPg();
	await t.store.seed(demoSeed(FIXED_NOW));
	stores = [t.store, await t.open()];
});
afterAll(() => t?.cleanup());

describe('limits across two processes on PostgreSQL', () => {
	it.each([16, 64])(
		'%i wrong codes at once from one address, spread over both processes: at most the allowance answered 401',
		async (n) => {
			const apps = stores.map((s) => appOn(s));
			const address = `203.0.113.${n}`;
			const statuses = await Promise.all(
				Array.from({ length: n }, (_, i) =>
					signInAttempt(apps[i % 2]!, `pg-concurrent-${n}-${i}`, address).then((r) => r.status)
				)
			);
			expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_RULES.address.free);
			expect(statuses.filter((s) => s === 429)).toHaveLength(n - SIGN_IN_RULES.address.free);
		}
	);

	it('a success is taken back: the address keeps its allowance after signing in', async () => {
		const apps = stores.map((s) => appOn(s));
		expect((await signInAttempt(apps[0]!, 'demo', '198.51.100.60')).status).toBe(200);
		const statuses = await Promise.all(
			Array.from({ length: 11 }, (_, i) =>
				signInAttempt(apps[i % 2]!, `after-${i}`, '198.51.100.60').then((r) => r.status)
			)
		);
		expect(statuses.filter((s) => s === 401)).toHaveLength(10);
	});

	it('the global ceiling counts the failures of both processes; past it every failure is slowed', async () => {
		clock.now += 10 * 60_000; // a minute of its own
		const slept: number[][] = [[], []];
		const apps = stores.map((s, i) => appOn(s, { sleep: async (ms) => void slept[i]!.push(ms) }));
		for (let i = 0; i < 30; i++) {
			const res = await signInAttempt(apps[i % 2]!, `spread-${i}`, `198.18.1.${i}`);
			expect(res.status).toBe(401);
		}
		// 20 at once (10 through each process), then 100 ms per failure beyond, whichever process answers.
		expect([...slept[0]!, ...slept[1]!].sort((a, b) => a - b)).toEqual([
			100, 200, 300, 400, 500, 600, 700, 800, 900, 1000
		]);
		expect(slept[0]!.length).toBe(5);
		expect(slept[1]!.length).toBe(5);
	});

	it('public verification: 20 a minute per address, counted over both processes', async () => {
		const apps = stores.map((s) => appOn(s));
		const verify = async (i: number) =>
			apps[i % 2]!.request(
				`/api/v1/verify/HT-NOPE?fingerprint=${'a'.repeat(64)}`,
				{ headers: { 'X-Forwarded-For': '192.0.2.99' } },
				from('10.0.0.1')
			);
		const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => verify(i).then((r) => r.status)));
		expect(statuses.filter((s) => s === 429)).toHaveLength(10);
		expect(statuses.filter((s) => s !== 429)).toHaveLength(20);
	});

	it('render admission: one render per account across both processes; another account is not held up', async () => {
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let renders = 0;
		const verifyDocument = async () => {
			renders++;
			await held;
			return SERVER_PDF;
		};
		const apps = stores.map((s) => appOn(s, { verifyDocument }));
		const token = await signIn(apps[0]!);
		const one = frameworkRecord(config);
		const first = put(apps[0]!, `/api/v1/contracts/${one.id}`, { record: one, pdfSha256: PDF_SHA }, { token });
		while (renders === 0) await new Promise((r) => setTimeout(r, 10));
		// The same account through the other process: its one render is running.
		const two = frameworkRecord(config);
		const busy = await put(apps[1]!, `/api/v1/contracts/${two.id}`, { record: two, pdfSha256: PDF_SHA }, { token });
		expect(busy.status).toBe(429);
		expect(busy.headers.get('Retry-After')).toBeTruthy();
		// Another account's slot is its own (at the gate: the seed's other account is not verified).
		const gate = new RenderGate(config.registration, stores[1]!.renderLeases());
		expect(await gate.run('another-account', async () => 'rendered')).toBe('rendered');
		release();
		expect((await first).status).toBe(201);
		// Its slot is free again, whichever process asks.
		const again = await put(apps[1]!, `/api/v1/contracts/${two.id}`, { record: two, pdfSha256: PDF_SHA }, { token });
		expect(again.status).toBe(201);
	});

	it('a lease of a process that died expires; a live render renews its lease', async () => {
		const dead = await t.open();
		const shortA = new RenderGate({ perAccount: 1, total: 4 }, dead.renderLeases({ leaseMs: 600 }));
		const shortB = new RenderGate({ perAccount: 1, total: 4 }, stores[0]!.renderLeases({ leaseMs: 600 }));
		// A render that outlives its lease several times over keeps the slot: it is renewed.
		let finish!: () => void;
		const long = shortB.run('acct-renew', () => new Promise<void>((r) => (finish = r)));
		await new Promise((r) => setTimeout(r, 1_500));
		await expect(shortA.run('acct-renew', async () => 1)).rejects.toEqual(new RenderBusyError('account'));
		finish();
		await long;
		// A process killed mid-render: its pool is gone, the row stays until its lease runs out.
		void shortA.run('acct-dead', () => new Promise(() => {}));
		await new Promise((r) => setTimeout(r, 200));
		await dead.close();
		await expect(shortB.run('acct-dead', async () => 1)).rejects.toEqual(new RenderBusyError('account'));
		await new Promise((r) => setTimeout(r, 800));
		expect(await shortB.run('acct-dead', async () => 'taken over')).toBe('taken over');
	});
});
