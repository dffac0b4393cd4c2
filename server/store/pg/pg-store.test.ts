// What only PostgreSQL has to prove: many processes on one database — the commit-ordered cursor, claims of dead processes, migrations, seeding, retention and throttling shared.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { loadConfig } from '../../config';
import { DEFAULT_VERIFICATION, DEMO_ACCOUNT_ID, demoSeed } from '../../seed';
import { FIXED_NOW, frameworkRecord, PDF_SHA } from '../../../tests/support/server/app';
import { SharedThrottle } from '../../auth/throttle';
import { openTestPg, type TestPg } from '../../../tests/support/server/store/pg-db';
import { PG_SCHEMA_VERSION } from './index';

const config = loadConfig({ DATA_DIR: tmpdir(), ADMIN_TOKEN: 'x'.repeat(16) });
const NOW = new Date(FIXED_NOW).toISOString();

let t: TestPg;
/** A raw connection in the suite's schema, standing for "another transaction" whose timing the test controls. */
async function rawClient(): Promise<pg.Client> {
	const c = new pg.Client({ connectionString: t.url, options: `-c search_path=${t.schema}` });
	await c.connect();
	return c;
}
/** Resolves to 'pending' if the promise has not settled within ms. */
const within = <T>(p: Promise<T>, ms: number) =>
	Promise.race([p.then(() => 'settled' as const), new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms))]);

beforeAll(async () => {
	t = await openTestPg({ poolSize: 4 });
	await t.store.seed(demoSeed(FIXED_NOW));
});
afterAll(() => t?.cleanup());

describe('PostgreSQL store across processes', () => {
	it('the change cursor is commit-ordered: a later sequence cannot commit first, and no pull skips the earlier one', async () => {
		const start = await t.store.changesPage(DEMO_ACCOUNT_ID, { since: 0, limit: 1 });
		if (start.kind !== 'page') throw new Error(start.kind);
		const since = Number(start.page.cursor);
		// Transaction A takes sequence since+1 (as every writer does) and stays open: a slow registration.
		const a = await rawClient();
		await a.query('BEGIN');
		const seqA = Number(
			(await a.query(`UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value`)).rows[0].value
		);
		expect(seqA).toBe(since + 1);
		await a.query(`INSERT INTO filings (id, account_id, data, seq) VALUES ('filing-late', $1, $2, $3)`, [
			DEMO_ACCOUNT_ID,
			JSON.stringify({ id: 'filing-late' }),
			seqA
		]);
		// B, a registration through the store, starts after A and would take since+2: it must wait for A.
		const record = frameworkRecord(config);
		const b = t.store.registerContract({ accountId: DEMO_ACCOUNT_ID, record, pdfSha256: PDF_SHA, now: NOW });
		expect(await within(b, 400)).toBe('pending');
		// A pull meanwhile sees neither and keeps its cursor: nothing it returns lets a device move past A.
		const during = await t.store.changesPage(DEMO_ACCOUNT_ID, { since, limit: 10 });
		expect(
			during.kind === 'page' && [during.page.cursor, during.page.contracts.length, during.page.filings.length]
		).toEqual([String(since), 0, 0]);
		await a.query('COMMIT');
		await a.end();
		const registered = await b;
		expect(registered.kind === 'created' && registered.contract.seq).toBe(since + 2);
		// The pull from the old cursor brings both, A's row included.
		const after = await t.store.changesPage(DEMO_ACCOUNT_ID, { since, limit: 10 });
		if (after.kind !== 'page') throw new Error(after.kind);
		expect(after.page.cursor).toBe(String(since + 2));
		expect(after.page.filings.map((f) => f.id)).toEqual(['filing-late']);
		expect(after.page.contracts.map((c) => c.id)).toEqual([record.id]);
	});

	it('for contrast: with a bare sequence the later value commits first and a "max committed" cursor skips the earlier one', async () => {
		const c1 = await rawClient();
		const c2 = await rawClient();
		await c1.query(`CREATE SEQUENCE IF NOT EXISTS bare_seq; CREATE TABLE IF NOT EXISTS bare_rows (seq bigint)`);
		await c1.query('BEGIN');
		const s1 = Number((await c1.query(`INSERT INTO bare_rows SELECT nextval('bare_seq') RETURNING seq`)).rows[0].seq);
		await c2.query(`INSERT INTO bare_rows SELECT nextval('bare_seq')`); // autocommit: s1 + 1 is visible first
		const cursor = Number((await c2.query(`SELECT max(seq) AS m FROM bare_rows`)).rows[0].m);
		await c1.query('COMMIT');
		const next = await c2.query(`SELECT seq FROM bare_rows WHERE seq > $1`, [cursor]);
		expect(cursor).toBe(s1 + 1);
		expect(next.rows).toEqual([]); // s1 was never sent: the bug the counter row prevents
		await c1.end();
		await c2.end();
	});

	it("a running claim of a process killed with -9 is taken over by another at once; a live one's is not", async () => {
		// A real server-like process claims a key and hangs mid-request.
		const child = spawn(
			process.execPath,
			['--import', 'tsx', join(import.meta.dirname, '../../../tests/support/processes/claim-holder.ts')],
			{
				env: { ...process.env, DATABASE_URL: t.url, PG_SCHEMA: t.schema, CLAIM_KEY: 'k-dead' },
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		const line = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout!.on('data', (d: Buffer) => {
				out += d.toString();
				if (out.includes('\n')) resolve(out);
			});
			child.on('exit', (code) => reject(new Error(`fixture exited ${code}`)));
		});
		expect(line).toMatch(/^CLAIMED claimed \d+/);
		const p2 = await t.open();
		expect(await p2.claimIdempotency('acct', 'k-live', 'h', Date.now())).toEqual({ kind: 'claimed' });
		expect(await p2.claimIdempotency('acct', 'k-dead', 'h', Date.now())).toEqual({ kind: 'running' });
		// A third process starting while both live releases nothing.
		expect(await (await t.open()).releaseRunningClaims()).toBe(0);
		await new Promise<void>((resolve) => {
			child.once('exit', () => resolve());
			child.kill('SIGKILL');
		});
		// The database notices the dead connections at once; give it a moment to end the backend.
		let claim = await p2.claimIdempotency('acct', 'k-dead', 'h', Date.now());
		for (let i = 0; i < 20 && claim.kind === 'running'; i++) {
			await new Promise((r) => setTimeout(r, 50));
			claim = await p2.claimIdempotency('acct', 'k-dead', 'h', Date.now());
		}
		expect(claim).toEqual({ kind: 'claimed' });
		// The live process's claim stays its own, for a newcomer too.
		const p3 = await t.open();
		expect(await p3.claimIdempotency('acct', 'k-live', 'h', Date.now())).toEqual({ kind: 'running' });
	});

	it('start-up releases only the running claims of processes that are gone', async () => {
		const p1 = await t.open();
		const p2 = await t.open();
		expect(await p1.claimIdempotency('acct', 'gone-1', 'h', Date.now())).toEqual({ kind: 'claimed' });
		expect(await p2.claimIdempotency('acct', 'alive-1', 'h', Date.now())).toEqual({ kind: 'claimed' });
		await p1.close(); // as gone as a crash, for the database: its connections are closed
		const p3 = await t.open();
		expect(await p3.releaseRunningClaims()).toBe(1);
		expect(await p3.claimIdempotency('acct', 'gone-1', 'other', Date.now())).toEqual({ kind: 'claimed' });
		expect(await p3.claimIdempotency('acct', 'alive-1', 'h', Date.now())).toEqual({ kind: 'running' });
	});

	it('processes starting at once: migrations applied once under the lock, the demo seeded once', async () => {
		const fresh = await openTestPg();
		try {
			const stores = await Promise.all([fresh.open(), fresh.open(), fresh.open()]);
			const versions = await fresh.store.pool.query(`SELECT version FROM schema_migrations ORDER BY version`);
			expect(versions.rows.map((r) => r.version)).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
			await Promise.all(stores.map((s) => s.seed(demoSeed(FIXED_NOW))));
			const n = await fresh.store.pool.query(`SELECT count(*)::int AS n FROM accounts`);
			expect(n.rows[0].n).toBe(2);
		} finally {
			await fresh.cleanup();
		}
	});

	it('retention run by every process at once deletes each row once and fails none', async () => {
		const procs = await Promise.all([t.open(), t.open(), t.open()]);
		for (let i = 0; i < 50; i++) {
			await t.store.claimIdempotency('old', `k${i}`, 'h', 1_000);
			await t.store.finishIdempotency('old', `k${i}`, { status: 201, body: {} });
		}
		const results = await Promise.all(procs.map((p) => p.purgeExpired({ now: FIXED_NOW, idempotencyBefore: 2_000 })));
		expect(results.reduce((n, r) => n + r.idempotency, 0)).toBe(50);
		expect((await t.store.pool.query(`SELECT count(*)::int AS n FROM idempotency WHERE scope = 'old'`)).rows[0].n).toBe(
			0
		);
	});

	it('sign-in throttling is shared: failures counted by one process slow the same client down on another', async () => {
		const clock = { now: FIXED_NOW };
		const p2 = await t.open();
		const one = new SharedThrottle(t.store.failureLog(), {}, () => clock.now);
		const two = new SharedThrottle(p2.failureLog(), {}, () => clock.now);
		const key = [{ key: 'address:203.0.113.9', rule: { free: 10 } }];
		for (let i = 0; i < 9; i++) await (i % 2 ? one : two).fail(key);
		expect(await two.check(key)).toEqual({ allowed: true });
		await one.fail(key);
		expect(await two.check(key)).toEqual({ allowed: false, retryAfterMs: 1_000 });
		// attempt (check and record at once) agrees: refused with the same wait, nothing recorded.
		expect(await two.attempt(key)).toEqual({ allowed: false, retryAfterMs: 1_000 });
		clock.now += 1_000;
		expect(await one.check(key)).toEqual({ allowed: true });
		// Outside the 15-minute window the failures no longer count.
		clock.now += 15 * 60_000;
		await two.fail(key);
		expect(await one.check(key)).toEqual({ allowed: true });
	});

	it('the database itself refuses to change a registered contract or a submitted return address', async () => {
		const record = frameworkRecord(config);
		await t.store.registerContract({ accountId: DEMO_ACCOUNT_ID, record, pdfSha256: PDF_SHA, now: NOW });
		await t.store.submitStamping({
			accountId: DEMO_ACCOUNT_ID,
			contractId: record.id,
			submission: {
				returnAddress: {
					recipient: '张喆',
					phone: '0755-86001234',
					province: '广东省',
					city: '深圳市',
					district: '南山区',
					address: '高新南七道18号',
					postalCode: '518057'
				}
			},
			now: NOW
		});
		await expect(
			t.store.pool.query(`UPDATE contracts SET pdf_sha256 = $1 WHERE id = $2`, ['c'.repeat(64), record.id])
		).rejects.toThrow(/immutable/);
		await expect(
			t.store.pool.query(
				`UPDATE stamping_requests SET submission = jsonb_set(submission::jsonb, '{returnAddress,recipient}', '"王珺"')::text WHERE contract_id = $1`,
				[record.id]
			)
		).rejects.toThrow(/immutable/);
		// Status and registration time may move (they are the provider's), the content may not.
		await t.store.pool.query(`UPDATE contracts SET status = 'effective' WHERE id = $1`, [record.id]);
	});

	it('verifications and registrations of one account racing each other never deadlock (row locks leave foreign keys alone)', async () => {
		const deadlocks = async () => {
			await new Promise((r) => setTimeout(r, 1_500)); // backends report their statistics when idle, within a second
			return Number(
				(await t.store.pool.query(`SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`)).rows[0]
					.deadlocks
			);
		};
		const p2 = await t.open();
		const before = await deadlocks();
		const ops = Array.from({ length: 24 }, (_, i) =>
			i % 2
				? (i % 4 === 1 ? t.store : p2).verifyAccount({
						accountId: DEMO_ACCOUNT_ID,
						details: { ...DEFAULT_VERIFICATION, legalRepresentative: `张${i}` },
						now: NOW
					})
				: (i % 4 === 0 ? t.store : p2).registerContract({
						accountId: DEMO_ACCOUNT_ID,
						record: frameworkRecord(config),
						pdfSha256: PDF_SHA,
						now: NOW
					})
		);
		const results = await Promise.all(ops);
		expect(results.every((r) => r.kind === 'verified' || r.kind === 'created')).toBe(true);
		expect(await deadlocks()).toBe(before);
	});

	it('keeps synchronous_commit on for every connection of the pool', async () => {
		const { rows } = await t.store.pool.query(`SHOW synchronous_commit`);
		expect(rows[0].synchronous_commit).toBe('on');
	});
});
