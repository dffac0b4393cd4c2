// The Store contract: the same behaviour, checked against the SQLite store and the PostgreSQL store (a real server).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { DEFAULT_VERIFICATION, DEMO_ACCOUNT_ID, DEMO_UNVERIFIED_ACCOUNT_ID, demoSeed, ORDER_COUNT } from '../seed';
import { FIXED_NOW, frameworkRecord, orderRecord, PDF_SHA, RETURN_ADDRESS } from '../../tests/support/server/app';
import { bundledSchedules } from '../calendar/holiday-seed';
import { openTestPg } from '../../tests/support/server/store/pg-db';
import { contentHash, openSqliteStore } from './sqlite/index';
import type { ContractRecord } from '../../src/lib/domain/contract';
import type { Order } from '../../src/lib/domain/order';
import { listUnsealedContracts } from './sql/records';
import { numbered, type Dialect, type Statement, type Steps } from './sql/steps';
import { SQLITE } from './sqlite/context';
import { POSTGRES } from './pg/context';
import type { Store } from './types';

/** The database's plan of an operation's first statement (PostgreSQL's with sequential scans priced out, as on a large table). */
type Plan = (op: (d: Dialect) => Steps<unknown>) => Promise<string>;
type Opened = { store: Store; cleanup: () => Promise<void>; plan: Plan };
const firstStatement = (op: (d: Dialect) => Steps<unknown>, d: Dialect) => op(d).next().value as Statement;

const STORES: [string, () => Promise<Opened>][] = [
	[
		'SQLite',
		async () => {
			const dir = mkdtempSync(join(tmpdir(), 'contract-desk-store-'));
			const store = openSqliteStore(dir);
			return {
				store,
				cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
				plan: async (op) => {
					const s = firstStatement(op, SQLITE);
					return (store.db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.args) as { detail: string }[])
						.map((r) => r.detail)
						.join('\n');
				}
			};
		}
	],
	[
		'PostgreSQL',
		async () => {
			const pg = await openTestPg();
			const plan: Plan = async (op) => {
				const s = firstStatement(op, POSTGRES);
				const client = await pg.store.pool.connect();
				try {
					await client.query('BEGIN');
					await client.query('SET LOCAL enable_seqscan = off');
					const { rows } = await client.query(`EXPLAIN ${numbered(s.sql)}`, [...s.args]);
					return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
				} finally {
					await client.query('ROLLBACK');
					client.release();
				}
			};
			return { store: pg.store, cleanup: pg.cleanup, plan };
		}
	]
];

const config = loadConfig({ DATA_DIR: tmpdir(), ADMIN_TOKEN: 'x'.repeat(16) });
const NOW = new Date(FIXED_NOW).toISOString();
const seedData = demoSeed(FIXED_NOW);
const ordersOf = (account: string): Order[] =>
	seedData.orders.filter((o) => o.accountId === account).map((o) => o.order);

describe.each(STORES)('Store contract: %s', (_name, open) => {
	let store: Store;
	let cleanup: () => Promise<void>;
	let plan: Plan;
	const register = (record: ContractRecord, accountId = DEMO_ACCOUNT_ID, pdfSha256 = PDF_SHA, pdf?: Uint8Array) =>
		store.registerContract({ accountId, record, pdfSha256, pdf, now: NOW });

	beforeAll(async () => {
		({ store, cleanup, plan } = await open());
		expect(await store.isEmpty()).toBe(true);
		await store.seed(seedData);
	});
	afterAll(() => cleanup());

	it('accounts: seeded once, found by access code (kept only as a hash), listed, verified', async () => {
		expect(await store.isEmpty()).toBe(false);
		expect((await store.findAccountByCode('demo'))?.id).toBe(DEMO_ACCOUNT_ID);
		expect(await store.findAccountByCode('nope')).toBeUndefined();
		expect((await store.listAccounts()).map((a) => a.id)).toEqual([DEMO_ACCOUNT_ID, DEMO_UNVERIFIED_ACCOUNT_ID]);
		expect(await store.getAccount('acct-x')).toBeUndefined();
		expect(await store.verifyAccount({ accountId: 'acct-x', details: DEFAULT_VERIFICATION, now: NOW })).toEqual({
			kind: 'notFound'
		});
		const v = await store.verifyAccount({
			accountId: DEMO_UNVERIFIED_ACCOUNT_ID,
			details: DEFAULT_VERIFICATION,
			now: NOW
		});
		expect(v.kind).toBe('verified');
		const again = await store.verifyAccount({ accountId: DEMO_UNVERIFIED_ACCOUNT_ID, now: NOW });
		expect(again).toEqual({ kind: 'unchanged', identity: v.kind === 'verified' ? v.identity : null });
		expect((await store.getAccount(DEMO_UNVERIFIED_ACCOUNT_ID))?.identity.status).toBe('verified');
		expect((await store.listAdminActions()).map((a) => [a.action, a.target])).toContainEqual([
			'verify',
			DEMO_UNVERIFIED_ACCOUNT_ID
		]);
	});

	it("catalog: the account's own orders and filings only", async () => {
		const mine = ordersOf(DEMO_ACCOUNT_ID).slice(0, 3);
		const got = await store.getOrders(DEMO_ACCOUNT_ID, [...mine.map((o) => o.id), 'unknown']);
		expect(got.map((o) => o.id).sort()).toEqual(mine.map((o) => o.id).sort());
		expect(
			await store.getOrders(
				DEMO_UNVERIFIED_ACCOUNT_ID,
				mine.map((o) => o.id)
			)
		).toEqual([]);
		const filing = seedData.filings.find((f) => f.accountId === DEMO_ACCOUNT_ID)!.filing;
		expect(await store.getFiling(DEMO_ACCOUNT_ID, filing.id)).toEqual(filing);
		expect(await store.getFiling(DEMO_UNVERIFIED_ACCOUNT_ID, filing.id)).toBeUndefined();
	});

	it('sessions: valid until expiry, deleted on sign-out, purged when expired', async () => {
		const later = new Date(FIXED_NOW + 60_000).toISOString();
		await store.createSession('t1', DEMO_ACCOUNT_ID, NOW, later);
		await store.createSession('t2', DEMO_ACCOUNT_ID, NOW, later);
		expect(await store.getSession('t1', NOW)).toEqual({ accountId: DEMO_ACCOUNT_ID, expiresAt: later });
		expect(await store.getSession('t1', later)).toBeUndefined();
		await store.deleteSession('t2');
		expect(await store.getSession('t2', NOW)).toBeUndefined();
		const purged = await store.purgeExpired({ now: FIXED_NOW + 120_000, idempotencyBefore: 0 });
		expect(purged.sessions).toBe(1);
	});

	it("registration: created, the same again, a conflict, another account's id, a taken number, an attached order", async () => {
		const record = frameworkRecord(config);
		const pdf = new Uint8Array([37, 80, 68, 70]);
		const created = await register(record, DEMO_ACCOUNT_ID, PDF_SHA, pdf);
		expect(created.kind).toBe('created');
		if (created.kind !== 'created') return;
		expect(created.contract).toMatchObject({
			id: record.id,
			status: 'effective',
			registeredAt: NOW,
			hasPdf: true,
			record
		});
		expect(await store.getContractPdf(record.id)).toEqual(pdf);
		expect((await register(record)).kind).toBe('same');
		const changed = await register({
			...record,
			contact: { ...(record as { contact: object }).contact, person: '王珺' }
		} as ContractRecord);
		expect(changed.kind).toBe('conflict');
		expect((await register(record, DEMO_UNVERIFIED_ACCOUNT_ID)).kind).toBe('foreign');
		// Another id printing the same number.
		const twin = { ...frameworkRecord(config), number: record.number };
		expect(await register(twin)).toEqual({ kind: 'numberTaken', number: record.number });
		// One order, one contract.
		const orders = ordersOf(DEMO_ACCOUNT_ID).slice(0, 2);
		const first = orderRecord(config, orders);
		expect((await register(first)).kind).toBe('created');
		const second = orderRecord(config, [orders[1]!, ordersOf(DEMO_ACCOUNT_ID)[5]!]);
		expect(await register(second)).toEqual({
			kind: 'orderAttached',
			attached: [{ orderId: orders[1]!.id, contractId: first.id, number: first.number }]
		});
		expect(await store.findAttachedOrders([orders[0]!.id, 'none'])).toEqual([
			{ orderId: orders[0]!.id, contractId: first.id, number: first.number }
		]);
		// In the order asked, unknown ones left out: both of the contract's orders were attached with it.
		expect(await store.findAttachedOrders([orders[1]!.id, 'none', orders[0]!.id])).toEqual([
			{ orderId: orders[1]!.id, contractId: first.id, number: first.number },
			{ orderId: orders[0]!.id, contractId: first.id, number: first.number }
		]);
		expect(await store.findAttachedOrders([])).toEqual([]);
		const stored = await store.getContract(first.id);
		expect(stored).toMatchObject({ id: first.id, accountId: DEMO_ACCOUNT_ID, hasPdf: false, record: first });
		const admin = await store.listContractsForAdmin();
		expect(admin.find((r) => r.id === first.id)).toMatchObject({
			number: first.number,
			kind: 'order',
			stampingEvents: []
		});
	});

	it('a document kept later: only for a contract without one, only under its registered hash, once', async () => {
		const record = frameworkRecord(config);
		expect((await register(record)).kind).toBe('created');
		expect(await store.getContractPdf(record.id)).toBeUndefined();
		expect((await store.getContract(record.id))?.hasPdf).toBe(false);
		const pdf = new Uint8Array([37, 80, 68, 70, 45, 49]);
		expect(await store.setContractPdf(record.id, 'b'.repeat(64), pdf)).toBe(false);
		expect(await store.getContractPdf(record.id)).toBeUndefined();
		expect(await store.setContractPdf(record.id, PDF_SHA, pdf)).toBe(true);
		expect(await store.getContractPdf(record.id)).toEqual(pdf);
		expect((await store.getContract(record.id))?.hasPdf).toBe(true);
		// A second writer (another process rendering at the same time) changes nothing.
		expect(await store.setContractPdf(record.id, PDF_SHA, new Uint8Array([1, 2, 3]))).toBe(false);
		expect(await store.getContractPdf(record.id)).toEqual(pdf);
		expect(await store.setContractPdf('no-such-contract', PDF_SHA, pdf)).toBe(false);
	});

	it('public verification: contracts by number with the registered copy hash, kept once (the first one stays)', async () => {
		const record = frameworkRecord(config);
		expect(await store.contractsByNumber(record.number)).toEqual([]);
		await register(record);
		const before = await store.contractsByNumber(record.number);
		expect(before).toEqual([
			{
				id: record.id,
				record,
				contentHash: contentHash(record),
				pdfSha256: PDF_SHA,
				registeredAt: NOW,
				registeredCopySha256: null
			}
		]);
		const copy = { contractId: record.id, rendition: 'registeredCopy' as const, computedAt: NOW };
		await store.putRenditionHash({ ...copy, pdfSha256: 'c'.repeat(64) });
		await store.putRenditionHash({ ...copy, pdfSha256: 'd'.repeat(64) });
		expect((await store.contractsByNumber(record.number))[0]!.registeredCopySha256).toBe('c'.repeat(64));
		await expect(
			store.putRenditionHash({ ...copy, contractId: 'no-such-contract', pdfSha256: 'c'.repeat(64) })
		).rejects.toThrow();
	});

	it('sealed copies: contracts with bytes and no copy listed, the first copy kept, the contract pulled again with it', async () => {
		const pdf = new Uint8Array([37, 80, 68, 70]);
		const record = frameworkRecord(config);
		await register(record, DEMO_ACCOUNT_ID, PDF_SHA, pdf);
		const withoutBytes = frameworkRecord(config);
		await register(withoutBytes);
		const unsealed = await store.listUnsealedContracts(10_000);
		expect(unsealed).toContain(record.id);
		expect(unsealed).not.toContain(withoutBytes.id);
		expect(await store.getSealedCopy(record.id)).toBeUndefined();

		const cursor = Number((await store.changes(DEMO_ACCOUNT_ID, 0))!.cursor);
		const copy = { contractId: record.id, pdf: new Uint8Array([1, 2, 3]), pdfSha256: 'e'.repeat(64), sealedAt: NOW };
		expect(await store.putSealedCopy(copy)).toBe('stored');
		expect(await store.putSealedCopy({ ...copy, pdf: new Uint8Array([9]), pdfSha256: 'f'.repeat(64) })).toBe('exists');
		expect(await store.putSealedCopy({ ...copy, contractId: 'no-such-contract' })).toBe('notFound');
		expect(await store.getSealedCopy(record.id)).toEqual(copy);
		expect(await store.listUnsealedContracts(10_000)).not.toContain(record.id);

		const page = await store.changesPage(DEMO_ACCOUNT_ID, { since: cursor, limit: 100 });
		if (page.kind !== 'page') throw new Error(page.kind);
		expect(page.page.contracts.map((c) => [c.id, c.sealed])).toEqual([
			[record.id, { sha256: 'e'.repeat(64), size: 3, sealedAt: NOW }]
		]);
		const all = await store.changesPage(DEMO_ACCOUNT_ID, { since: 0, limit: 10_000 });
		if (all.kind !== 'page') throw new Error(all.kind);
		expect(all.page.contracts.find((c) => c.id === withoutBytes.id)!.sealed).toBeNull();
	});

	it('sealed copies: the waiting list is read from its partial index, never by scanning every contract', async () => {
		const steps = await plan((d) => listUnsealedContracts(d, 20));
		expect(steps).toContain('contracts_waiting_seal');
		expect(steps).not.toMatch(/SCAN contracts\b|Seq Scan on contracts\b|TEMP B-TREE|Sort/);
	});

	it("idempotency: claim, running, mismatch, replay after finish; the key is finished in the effect's own transaction", async () => {
		expect(await store.claimIdempotency('s', 'k1', 'h1', FIXED_NOW)).toEqual({ kind: 'claimed' });
		expect(await store.claimIdempotency('s', 'k1', 'h1', FIXED_NOW + 1000)).toEqual({ kind: 'running' });
		expect(await store.claimIdempotency('s', 'k1', 'h2', FIXED_NOW + 1000)).toEqual({ kind: 'mismatch' });
		// Stale after a minute: a hung owner's claim is taken over.
		expect(await store.claimIdempotency('s', 'k1', 'h1', FIXED_NOW + 61_000)).toEqual({ kind: 'claimed' });
		await store.finishIdempotency('s', 'k1', { status: 201, body: { ok: 1 } });
		expect(await store.claimIdempotency('s', 'k1', 'h1', FIXED_NOW)).toEqual({
			kind: 'replay',
			response: { status: 201, body: { ok: 1 } }
		});
		expect(await store.claimIdempotency('s', 'k2', 'h', FIXED_NOW)).toEqual({ kind: 'claimed' });
		await store.releaseIdempotency('s', 'k2');
		expect(await store.claimIdempotency('s', 'k2', 'other', FIXED_NOW)).toEqual({ kind: 'claimed' });
		// Finished inside the registration's transaction.
		expect(await store.claimIdempotency('s', 'k3', 'h', FIXED_NOW)).toEqual({ kind: 'claimed' });
		const record = frameworkRecord(config);
		await store.registerContract(
			{ accountId: DEMO_ACCOUNT_ID, record, pdfSha256: PDF_SHA, now: NOW },
			{ scope: 's', key: 'k3', respond: (r) => ({ status: 201, body: { kind: r.kind } }) }
		);
		expect(await store.claimIdempotency('s', 'k3', 'h', FIXED_NOW)).toEqual({
			kind: 'replay',
			response: { status: 201, body: { kind: 'created' } }
		});
		// respond → null releases the key with the effect.
		expect(await store.claimIdempotency('s', 'k4', 'h', FIXED_NOW)).toEqual({ kind: 'claimed' });
		await store.registerContract(
			{ accountId: DEMO_ACCOUNT_ID, record, pdfSha256: PDF_SHA, now: NOW },
			{ scope: 's', key: 'k4', respond: () => null }
		);
		expect(await store.claimIdempotency('s', 'k4', 'h', FIXED_NOW)).toEqual({ kind: 'claimed' });
		// Retention deletes rows claimed before the cut.
		const purged = await store.purgeExpired({ now: FIXED_NOW + 1, idempotencyBefore: FIXED_NOW + 62_000 });
		expect(purged.idempotency).toBeGreaterThanOrEqual(4);
		expect(await store.claimIdempotency('s', 'k1', 'different', FIXED_NOW)).toEqual({ kind: 'claimed' });
	});

	it('paper copy: the return address is immutable, the parcel may follow once, events in order', async () => {
		const record = frameworkRecord(config);
		await register(record);
		const submit = (submission: object, accountId = DEMO_ACCOUNT_ID) =>
			store.submitStamping({ accountId, contractId: record.id, submission: submission as never, now: NOW });
		expect((await submit({ returnAddress: RETURN_ADDRESS }, DEMO_UNVERIFIED_ACCOUNT_ID)).kind).toBe('notFound');
		expect(await store.addStampingEvent({ contractId: record.id, kind: 'received', now: NOW })).toMatchObject({
			kind: 'outOfOrder',
			reason: 'noStampingRequest'
		});
		expect((await submit({ returnAddress: RETURN_ADDRESS })).kind).toBe('created');
		expect((await submit({ returnAddress: RETURN_ADDRESS })).kind).toBe('same');
		expect((await submit({ returnAddress: { ...RETURN_ADDRESS, recipient: '王珺' } })).kind).toBe('conflict');
		const outbound = { courier: '顺丰速运', trackingNumber: 'SF1234567890' };
		expect((await submit({ returnAddress: RETURN_ADDRESS, outbound })).kind).toBe('updated');
		expect(
			(await submit({ returnAddress: RETURN_ADDRESS, outbound: { ...outbound, trackingNumber: 'SF0000000000' } })).kind
		).toBe('conflict');
		expect((await store.getStamping(record.id))?.submission).toEqual({ returnAddress: RETURN_ADDRESS, outbound });
		expect(await store.addStampingEvent({ contractId: record.id, kind: 'stamped', now: NOW })).toMatchObject({
			kind: 'outOfOrder',
			reason: 'expected received'
		});
		expect((await store.addStampingEvent({ contractId: record.id, kind: 'received', now: NOW })).kind).toBe('added');
		expect((await store.addStampingEvent({ contractId: record.id, kind: 'stamped', now: NOW })).kind).toBe('added');
		const returned = await store.addStampingEvent({
			contractId: record.id,
			kind: 'returned',
			shipment: outbound,
			now: NOW
		});
		expect(returned.kind === 'added' && returned.events.map((e) => e.kind)).toEqual([
			'received',
			'stamped',
			'returned'
		]);
		expect(await store.addStampingEvent({ contractId: record.id, kind: 'returned', now: NOW })).toMatchObject({
			reason: 'alreadyReturned'
		});
		expect((await store.listStampingEvents(record.id)).at(-1)).toMatchObject({ kind: 'returned', shipment: outbound });
		expect(await store.addStampingEvent({ contractId: 'none', kind: 'received', now: NOW })).toEqual({
			kind: 'notFound'
		});
		const row = (await store.listContractsForAdmin()).find((r) => r.id === record.id)!;
		expect(row).toMatchObject({ stampingSubmittedAt: NOW, stampingEvents: ['received', 'stamped', 'returned'] });
	});

	it('确认收到: only the owner’s returned request, once (12 at once: one stores it), pulled like the provider’s events', async () => {
		const record = frameworkRecord(config);
		await register(record);
		const confirm = (accountId = DEMO_ACCOUNT_ID, confirmedAt = NOW, contractId = record.id) =>
			store.confirmReceipt({ accountId, contractId, confirmedAt, now: NOW });
		expect(await confirm()).toEqual({ kind: 'notFound' }); // no request yet
		await store.submitStamping({
			accountId: DEMO_ACCOUNT_ID,
			contractId: record.id,
			submission: { returnAddress: RETURN_ADDRESS },
			now: NOW
		});
		expect(await confirm()).toEqual({ kind: 'notReturned', events: [] });
		for (const kind of ['received', 'stamped'] as const) {
			await store.addStampingEvent({ contractId: record.id, kind, now: NOW });
			expect((await confirm()).kind).toBe('notReturned');
		}
		const shipment = { courier: '顺丰速运', trackingNumber: 'SF1234567890' };
		await store.addStampingEvent({ contractId: record.id, kind: 'returned', shipment, now: NOW });
		expect(await confirm(DEMO_UNVERIFIED_ACCOUNT_ID)).toEqual({ kind: 'notFound' });
		expect(await confirm(DEMO_ACCOUNT_ID, NOW, 'none')).toEqual({ kind: 'notFound' });

		const before = await store.changesPage(DEMO_ACCOUNT_ID, { since: 0, limit: 1000 });
		const results = await Promise.all(Array.from({ length: 12 }, () => confirm()));
		expect(results.map((r) => r.kind).sort()).toEqual(['confirmed', ...Array(11).fill('same')]);
		const event = { id: `${record.id}:confirmed`, contractId: record.id, kind: 'confirmed', at: NOW };
		for (const r of results) expect(r).toMatchObject({ event });
		expect((await store.listStampingEvents(record.id)).map((e) => e.kind)).toEqual([
			'received',
			'stamped',
			'returned',
			'confirmed'
		]);
		// An earlier phone clock is kept to the return's time (here the same instant).
		expect(await confirm(DEMO_ACCOUNT_ID, '2020-01-01T00:00:00Z')).toMatchObject({ kind: 'same', event });
		const after = await store.changesPage(DEMO_ACCOUNT_ID, {
			since: Number(before.kind === 'page' && before.page.cursor),
			limit: 1000
		});
		expect(after.kind === 'page' && after.page.stampingEvents).toEqual([event]);
		const row = (await store.listContractsForAdmin()).find((r) => r.id === record.id)!;
		expect(row.stampingEvents).toEqual(['received', 'stamped', 'returned', 'confirmed']);
		// The provider's transitions stay closed after it.
		expect(await store.addStampingEvent({ contractId: record.id, kind: 'returned', now: NOW })).toMatchObject({
			kind: 'outOfOrder'
		});
	});

	it('pull: a cursor brings exactly what changed after it; pages cover every row once; a page from the future is refused', async () => {
		const full = await store.changesPage(DEMO_ACCOUNT_ID, { since: 0, limit: 1000 });
		expect(full.kind).toBe('page');
		if (full.kind !== 'page') return;
		let cursor = Number(full.page.cursor);
		const ids: string[] = [];
		for (let i = 0; i < 7; i++) {
			const r = frameworkRecord(config);
			await register(r);
			ids.push(r.id);
		}
		const seen: string[] = [];
		let orders = 0;
		let page = await store.changesPage(DEMO_ACCOUNT_ID, { since: cursor, limit: 3 });
		for (;;) {
			if (page.kind !== 'page') throw new Error(page.kind);
			seen.push(...page.page.contracts.map((c) => c.id));
			orders += page.page.orders.length;
			if (!page.page.next) break;
			page = await store.changesPage(DEMO_ACCOUNT_ID, { since: cursor, page: page.page.next, limit: 3 });
		}
		expect(seen).toEqual(ids);
		expect(orders).toBe(0);
		cursor = Number(page.page.cursor);
		const empty = await store.changesPage(DEMO_ACCOUNT_ID, { since: cursor, limit: 3 });
		expect(empty.kind === 'page' && [empty.page.contracts.length, empty.page.next, empty.page.totalContracts]).toEqual([
			0,
			null,
			0
		]);
		const whole = await store.changes(DEMO_ACCOUNT_ID, 0);
		expect(whole?.orders).toHaveLength(ordersOf(DEMO_ACCOUNT_ID).length);
		expect(ORDER_COUNT).toBe(ordersOf(DEMO_ACCOUNT_ID).length);
		expect((await store.changes(DEMO_ACCOUNT_ID, cursor))?.contracts).toEqual([]);
		expect(await store.changes('acct-x', 0)).toBeUndefined();
		expect(await store.changesPage(DEMO_ACCOUNT_ID, { since: 0, page: `v1.0.${cursor + 10}.0.0.`, limit: 3 })).toEqual({
			kind: 'badPage'
		});
		expect(await store.changesPage(DEMO_ACCOUNT_ID, { since: 0, page: 'garbage', limit: 3 })).toEqual({
			kind: 'badPage'
		});
		expect(await store.changesPage('acct-x', { since: 0, limit: 3 })).toEqual({ kind: 'noAccount' });
	});

	it('holiday calendar: bundled years seeded once, a publication is a new revision, the same days again change nothing', async () => {
		const bundled = bundledSchedules();
		expect(bundled.length).toBeGreaterThan(0);
		const seeded = await store.seedHolidayYears(bundled, NOW);
		expect(seeded).toEqual(bundled.map((s) => s.year));
		expect(await store.seedHolidayYears(bundled, NOW)).toEqual([]);
		const years = await store.listHolidayYears();
		expect(years.map((y) => [y.year, y.source])).toEqual(bundled.map((s) => [s.year, 'bundled']));
		const revision = years[0]!.revision;
		const first = bundled[0]!;
		const same = await store.publishHolidayYear({ schedule: first, now: NOW });
		expect(same.kind).toBe('unchanged');
		const changed = { ...first, holidays: first.holidays.slice(1) };
		const updated = await store.publishHolidayYear({ schedule: changed, now: NOW });
		expect(updated.kind).toBe('updated');
		expect(updated.year).toMatchObject({ year: first.year, source: 'admin', holidays: changed.holidays });
		expect(updated.year.revision).toBeGreaterThan(revision);
		expect((await store.listHolidayYears(revision)).map((y) => y.year)).toEqual([first.year]);
		const created = await store.publishHolidayYear({ schedule: { year: 2099, holidays: [], workdays: [] }, now: NOW });
		expect(created.kind).toBe('created');
		expect((await store.listAdminActions()).map((a) => a.action)).toEqual(
			expect.arrayContaining(['seedHolidayYears', 'replaceHolidayYear', 'publishHolidayYear'])
		);
	});

	it('races: of 12 concurrent registrations of one number, one order or one id, and of 12 return addresses, exactly one wins', async () => {
		const base = frameworkRecord(config);
		const sameNumber = Array.from({ length: 12 }, (_, i) =>
			i === 0 ? base : { ...frameworkRecord(config), number: base.number }
		);
		const byNumber = await Promise.all(sameNumber.map((r) => register(r)));
		expect(byNumber.filter((r) => r.kind === 'created')).toHaveLength(1);
		expect(byNumber.filter((r) => r.kind === 'numberTaken')).toHaveLength(11);

		const order = ordersOf(DEMO_ACCOUNT_ID)[100]!;
		const byOrder = await Promise.all(Array.from({ length: 12 }, () => register(orderRecord(config, [order]))));
		expect(byOrder.filter((r) => r.kind === 'created')).toHaveLength(1);
		expect(byOrder.filter((r) => r.kind === 'orderAttached')).toHaveLength(11);

		// Retries of one registration racing each other (five rounds: the window is narrow).
		let one = frameworkRecord(config);
		for (let round = 0; round < 5; round++) {
			one = frameworkRecord(config);
			const byId = await Promise.all(Array.from({ length: 12 }, () => register(one)));
			expect(byId.map((r) => r.kind).sort()).toEqual(['created', ...Array(11).fill('same')]);
		}

		const addresses = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				store.submitStamping({
					accountId: DEMO_ACCOUNT_ID,
					contractId: one.id,
					submission: { returnAddress: { ...RETURN_ADDRESS, recipient: `收件人${i}` } },
					now: NOW
				})
			)
		);
		expect(addresses.filter((r) => r.kind === 'created')).toHaveLength(1);
		expect(addresses.filter((r) => r.kind === 'conflict')).toHaveLength(11);

		const claims = await Promise.all(
			Array.from({ length: 12 }, () => store.claimIdempotency('race', 'key', 'h', Date.now()))
		);
		expect(claims.map((c) => c.kind).sort()).toEqual(['claimed', ...Array(11).fill('running')]);
	});
	it('office: staff and their sessions (idle ones end, revocable), the hash never in the audit', async () => {
		expect(
			await store.createStaff({ login: 'li', roles: ['intake'], passwordHash: 'argon2id$h1', now: NOW, actor: 'token' })
		).toBe('created');
		expect(
			await store.createStaff({ login: 'li', roles: ['admin'], passwordHash: 'argon2id$h2', now: NOW, actor: 'token' })
		).toBe('exists');
		expect(await store.getStaff('li')).toEqual({
			login: 'li',
			roles: ['intake'],
			passwordHash: 'argon2id$h1',
			mustChangePassword: true,
			createdAt: NOW,
			lastSignInAt: null
		});
		const at = (ms: number) => new Date(FIXED_NOW + ms).toISOString();
		await store.createStaffSession({ tokenHash: 's1', login: 'li', now: at(0), expiresAt: at(3_600_000) });
		await store.createStaffSession({ tokenHash: 's2', login: 'li', now: at(0), expiresAt: at(3_600_000) });
		expect((await store.getStaff('li'))?.lastSignInAt).toBe(at(0));
		// Used within the idle window: alive, and its last use moves on.
		expect(await store.touchStaffSession({ tokenHash: 's1', now: at(60_000), idleSince: at(0) })).toEqual({
			login: 'li'
		});
		expect(await store.touchStaffSession({ tokenHash: 's1', now: at(120_000), idleSince: at(60_000) })).toEqual({
			login: 'li'
		});
		// s2 was last used at 0: idle since before 60 s → over.
		expect(await store.touchStaffSession({ tokenHash: 's2', now: at(120_000), idleSince: at(60_000) })).toBeUndefined();
		expect(await store.countStaffSessions({ login: 'li', now: at(120_000), idleSince: at(60_000) })).toBe(1);
		// Past the absolute expiry, even when used just now.
		expect(await store.touchStaffSession({ tokenHash: 's1', now: at(3_600_000), idleSince: at(0) })).toBeUndefined();
		await store.createStaffSession({ tokenHash: 's3', login: 'li', now: at(0), expiresAt: at(3_600_000) });
		await store.deleteStaffSession('s3');
		expect(await store.touchStaffSession({ tokenHash: 's3', now: at(1), idleSince: at(0) })).toBeUndefined();
		await store.createStaffSession({ tokenHash: 's4', login: 'li', now: at(0), expiresAt: at(3_600_000) });
		expect(await store.revokeStaffSessions({ login: 'li', exceptTokenHash: 's4' })).toBe(2);
		expect(await store.revokeStaffSessions({ login: 'li' })).toBe(1);

		expect(
			await store.setStaffPassword({
				login: 'li',
				passwordHash: 'argon2id$h3',
				mustChangePassword: false,
				now: NOW,
				actor: 'li'
			})
		).toBe(true);
		expect(
			await store.setStaffPassword({
				login: 'nobody',
				passwordHash: 'x',
				mustChangePassword: false,
				now: NOW,
				actor: 'li'
			})
		).toBe(false);
		expect(
			await store.setStaffRoles({ login: 'li', roles: ['intake', 'dispatch'], now: NOW, actor: 'boss' })
		).toMatchObject({
			roles: ['intake', 'dispatch'],
			mustChangePassword: false,
			passwordHash: 'argon2id$h3'
		});
		expect((await store.listStaff()).map((m) => m.login)).toContain('li');
		const trail = await store.listAdminActions({ target: 'staff:li' });
		expect(trail.map((r) => [r.actor, r.action])).toEqual([
			['boss', 'staff.roles'],
			['li', 'staff.passwordChange'],
			['token', 'staff.create']
		]);
		expect(trail[0]).toMatchObject({ before: { roles: ['intake'] }, after: { roles: ['intake', 'dispatch'] } });
		expect(JSON.stringify(trail)).not.toContain('argon2id');
		expect((await store.listAdminActions({ actor: 'boss' })).map((r) => r.action)).toEqual(['staff.roles']);
	});

	it('office: an account made with an issued code (found however typed), a rotated code, its contracts', async () => {
		const code = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345';
		const account = await store.createAccount({
			id: 'acct-office-1',
			accountName: '新客户',
			code,
			now: NOW,
			actor: 'admin1'
		});
		expect(account).toMatchObject({ id: 'acct-office-1', identity: { status: 'unverified', accountName: '新客户' } });
		expect((await store.findAccountByCode('abcd efgh jkmn pqrs tvwx yz01 2345'))?.id).toBe('acct-office-1');
		expect((await store.findAccountByCode('ABCDEFGHJKMNPQRSTVWXYZO12345'))?.id).toBe('acct-office-1');
		await store.createSession('cust-1', 'acct-office-1', NOW, new Date(FIXED_NOW + 60_000).toISOString());
		const later = new Date(FIXED_NOW + 1000).toISOString();
		expect(
			await store.setAccessCode({
				accountId: 'acct-office-1',
				code: '0000-1111-2222-3333-4444-5555-6666',
				revokeSessions: true,
				now: later,
				actor: 'admin1'
			})
		).toEqual({ kind: 'set', revokedSessions: 1 });
		expect(await store.getSession('cust-1', NOW)).toBeUndefined();
		expect(await store.findAccountByCode(code)).toBeUndefined();
		expect((await store.findAccountByCode('0000111122223333444455556666'))?.id).toBe('acct-office-1');
		expect(
			await store.setAccessCode({ accountId: 'nope', code: 'x', revokeSessions: false, now: later, actor: 'a' })
		).toEqual({ kind: 'notFound' });
		const row = (await store.listOfficeAccounts()).find((r) => r.account.id === 'acct-office-1');
		expect(row).toMatchObject({ codeIssuedAt: later, contracts: 0 });
		const trail = await store.listAdminActions({ target: 'acct-office-1' });
		expect(trail.map((r) => r.action)).toEqual(['account.accessCode', 'account.create']);
		expect(trail[0]).toMatchObject({ actor: 'admin1', before: { codeIssuedAt: NOW }, after: { codeIssuedAt: later } });
		expect(JSON.stringify(trail)).not.toMatch(/ABCD|0000-1111/);

		const record = frameworkRecord(config);
		await register(record);
		const mine = await store.listAccountContracts(DEMO_ACCOUNT_ID);
		expect(mine.find((c) => c.id === record.id)).toEqual({
			id: record.id,
			number: record.number,
			kind: 'framework',
			registeredAt: NOW,
			partyA: record.partyA
		});
	});

	it('office: paper copies with their events (a dispatch with ICP materials), refusals, the audit actor and before → after', async () => {
		const record = frameworkRecord(config);
		await register(record);
		await store.submitStamping({
			accountId: DEMO_ACCOUNT_ID,
			contractId: record.id,
			submission: { returnAddress: RETURN_ADDRESS },
			now: NOW
		});
		let copy = (await store.listPaperCopies()).find((r) => r.contractId === record.id);
		expect(copy).toMatchObject({
			accountId: DEMO_ACCOUNT_ID,
			number: record.number,
			kind: 'framework',
			companyName: record.partyA.name,
			submittedAt: NOW,
			events: []
		});
		await store.addStampingEvent({ contractId: record.id, kind: 'received', now: NOW, actor: 'desk' });
		await store.addStampingEvent({ contractId: record.id, kind: 'stamped', now: NOW });
		const shipment = { courier: '顺丰速运', trackingNumber: 'SF0000000009' };
		const returned = await store.addStampingEvent({
			contractId: record.id,
			kind: 'returned',
			shipment,
			icpMaterialsEnclosed: true,
			now: NOW,
			actor: 'courier'
		});
		expect(returned).toMatchObject({
			kind: 'added',
			event: { kind: 'returned', shipment, icpMaterialsEnclosed: true }
		});
		copy = (await store.listPaperCopies()).find((r) => r.contractId === record.id);
		expect(copy?.events.map((e) => e.kind)).toEqual(['received', 'stamped', 'returned']);
		expect(copy?.events[2]).toMatchObject({ icpMaterialsEnclosed: true });
		expect((await store.listStampingEvents(record.id))[0]).not.toHaveProperty('icpMaterialsEnclosed');
		const pulled = await store.changes(DEMO_ACCOUNT_ID, 0);
		expect(pulled?.stampingEvents.find((e) => e.contractId === record.id && e.kind === 'returned')).toMatchObject({
			icpMaterialsEnclosed: true
		});
		const trail = await store.listAdminActions({ target: record.id });
		expect(trail.map((r) => [r.actor, r.action])).toEqual([
			['courier', 'stamping.returned'],
			['token', 'stamping.stamped'],
			['desk', 'stamping.received']
		]);
		expect(trail[0]).toMatchObject({
			before: { step: 'stamped' },
			after: { step: 'returned', shipment, icpMaterialsEnclosed: true }
		});
		// Paged newest first.
		const page = await store.listAdminActions({ target: record.id, limit: 2 });
		expect(page.map((r) => r.action)).toEqual(['stamping.returned', 'stamping.stamped']);
		expect((await store.listAdminActions({ target: record.id, before: page[1]!.id })).map((r) => r.action)).toEqual([
			'stamping.received'
		]);

		const refusal = {
			accountId: DEMO_ACCOUNT_ID,
			contractId: record.id,
			number: record.number,
			kind: 'framework' as const,
			templateVersion: record.templateVersion,
			reason: 'partyAMismatch',
			fields: ['record.partyA.name'],
			at: NOW
		};
		await store.recordRefusal(refusal);
		await store.recordRefusal({ ...refusal, reason: 'old', at: new Date(FIXED_NOW - 86_400_000).toISOString() });
		expect(await store.listRefusals(new Date(FIXED_NOW - 3_600_000).toISOString())).toEqual([refusal]);
	});
});
