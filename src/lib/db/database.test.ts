import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractDeskDB, DB_NAME, getDb, forgetDb } from './database';
import { openAtVersion } from '../../../tests/support/lib/db/migration-harness';
import { LATEST_VERSION, VERSIONS } from './schema';
import { saveGeneratedContract, queryContracts, searchKeysOf } from './contracts';
import { queryOrders, orderMonths } from './orders';
import { ImmutableRecordError } from './immutability';
import { exampleFrameworkRecord, exampleOrder } from '../../../tests/support/lib/db/records';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

describe('migrations', () => {
	it.each(VERSIONS.slice(0, -1).map((v) => v.version))(
		'upgrades data written by version %i to the latest version',
		async (previous) => {
			const old = openAtVersion(DB_NAME, previous);
			await old.open();
			await old.table('orders').bulkAdd([exampleOrder('100000000001', '2026-01-05T10:00:00+08:00')]);
			await old.table('outbox').add({
				id: 'o1',
				kind: 'registerContract',
				resourceId: 'c1',
				status: 'pending',
				attempts: 0,
				nextAttemptAt: 0,
				createdAt: 1,
				updatedAt: 1,
				payload: {}
			});
			old.close();

			const db = new ContractDeskDB();
			await db.open();
			expect(db.verno).toBe(LATEST_VERSION);
			expect(await db.orders.get('100000000001')).toMatchObject({ product: '云服务器' });
			expect(await db.outbox.where('[resourceId+createdAt]').between(['c1', 0], ['c1', Infinity]).count()).toBe(1);
			await db.drafts.put({ key: 'k', value: { a: 1 }, updatedAt: 1 });
			expect(await db.drafts.count()).toBe(1);
			db.close();
		}
	);
});

describe('contracts', () => {
	it('writes contract, document and outbox row in one transaction', async () => {
		const record = exampleFrameworkRecord();
		await saveGeneratedContract({
			record,
			contentHash: 'c'.repeat(64),
			pdf: new Uint8Array([37, 80, 68, 70]),
			pdfSha256: 'a'.repeat(64)
		});
		const db = getDb();
		expect(await db.contracts.get(record.id)).toMatchObject({ status: 'pending', number: record.number });
		expect((await db.documents.get(record.id))?.size).toBe(4);
		const outbox = await db.outbox.toArray();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({ kind: 'registerContract', resourceId: record.id, status: 'pending' });
	});

	it('writes nothing when any part fails', async () => {
		const record = exampleFrameworkRecord();
		const g = { record, contentHash: 'c'.repeat(64), pdf: new Uint8Array([1]), pdfSha256: 'a'.repeat(64) };
		await saveGeneratedContract(g);
		// The same id again: the contract insert fails, so no second document or outbox row may remain.
		await expect(saveGeneratedContract(g)).rejects.toThrow();
		expect(await getDb().outbox.count()).toBe(1);
	});

	it('refuses to change a generated contract or its document, but lets the status move', async () => {
		const record = exampleFrameworkRecord();
		await saveGeneratedContract({
			record,
			contentHash: 'c'.repeat(64),
			pdf: new Uint8Array([1]),
			pdfSha256: 'a'.repeat(64)
		});
		const db = getDb();
		await expect(db.contracts.update(record.id, { number: 'HT-20260101-00000000' })).rejects.toThrow(
			ImmutableRecordError
		);
		await expect(db.contracts.delete(record.id)).rejects.toThrow(ImmutableRecordError);
		await expect(db.documents.update(record.id, { sha256: 'b'.repeat(64) })).rejects.toThrow(ImmutableRecordError);
		await db.contracts.update(record.id, { status: 'effective', registeredAt: '2026-11-26T10:00:00+08:00' });
		expect((await db.contracts.get(record.id))?.status).toBe('effective');
		expect((await db.contracts.get(record.id))?.number).toBe(record.number);
	});

	it('pages newest first, filters by kind and status, and finds by number', async () => {
		const db = getDb();
		for (let i = 0; i < 30; i++) {
			const record = exampleFrameworkRecord(`2026-10-${String(i + 1).padStart(2, '0')}T09:00:00+08:00`);
			await saveGeneratedContract({
				record,
				contentHash: 'c'.repeat(64),
				pdf: new Uint8Array([1]),
				pdfSha256: 'a'.repeat(64)
			});
		}
		const first = await queryContracts({}, 0, 10);
		expect(first.total).toBe(30);
		expect(first.rows[0]!.createdAt).toBe('2026-10-30T09:00:00+08:00');
		expect(first.rows[9]!.createdAt).toBe('2026-10-21T09:00:00+08:00');
		const third = await queryContracts({ kind: 'framework' }, 20, 10);
		expect(third.rows.at(-1)!.createdAt).toBe('2026-10-01T09:00:00+08:00');
		expect((await queryContracts({ kind: 'order' }, 0, 10)).total).toBe(0);
		expect((await queryContracts({ status: 'effective' }, 0, 10)).total).toBe(0);
		const target = first.rows[3]!;
		const found = await queryContracts({ search: target.number.slice(0, 15) }, 0, 50);
		expect(found.rows.map((r) => r.id)).toContain(target.id);
		await db.contracts.update(target.id, { status: 'effective' });
		expect((await queryContracts({ status: 'effective' }, 0, 10)).rows.map((r) => r.id)).toEqual([target.id]);
	});

	it('searches a broad prefix over many contracts through the date index, newest first', async () => {
		const db = getDb();
		const rows = Array.from({ length: 600 }, (_, i) => {
			const record = exampleFrameworkRecord(new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString());
			return {
				...record,
				status: 'pending' as const,
				contentHash: '',
				pdfSha256: '',
				registeredAt: null,
				searchKeys: searchKeysOf(record)
			};
		});
		await db.contracts.bulkAdd(rows);
		const page = await queryContracts({ search: 'ht-2026' }, 20, 20);
		expect(page.total).toBe(600);
		expect(page.rows.map((r) => r.id)).toEqual(
			rows
				.slice(-40, -20)
				.reverse()
				.map((r) => r.id)
		);
		expect((await queryContracts({ search: 'ht-2026', status: 'effective' }, 0, 20)).total).toBe(0);
	});
});

describe('orders', () => {
	it('pages by payment time, filters by month and searches id and product', async () => {
		const db = getDb();
		await db.orders.bulkAdd([
			exampleOrder('200000000001', '2026-01-31T17:00:00+00:00', '云数据库'), // Shanghai: 2026-02-01
			exampleOrder('200000000002', '2026-01-15T10:00:00+08:00'),
			exampleOrder('200000000003', '2026-02-10T10:00:00+08:00')
		]);
		expect(await orderMonths()).toEqual(['2026-02', '2026-01']);
		const feb = await queryOrders({ month: '2026-02' }, 0, 10);
		expect(feb.rows.map((r) => r.id)).toEqual(['200000000003', '200000000001']);
		expect((await queryOrders({ search: '0002' }, 0, 10)).rows.map((r) => r.id)).toEqual(['200000000002']);
		expect((await queryOrders({ search: '数据库' }, 0, 10)).total).toBe(1);
		expect((await queryOrders({}, 1, 1)).rows[0]!.id).toBe('200000000001');
	});
});
