// Order search through the v7 suffix index: any part of an id, product names, filters kept; the index (not a table walk) answers; the v6 → v7 upgrade.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { ContractDeskDB, DB_NAME, forgetDb, getDb } from './database';
import { openAtVersion } from '../../../tests/support/lib/db/migration-harness';
import { LATEST_VERSION } from './schema';
import { matchingOrderIds, queryOrders } from './orders';
import { exampleOrder } from '../../../tests/support/lib/db/records';
import type { OrderRow } from './types';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

const PRODUCTS = ['云服务器 CVM', '对象存储 COS', '云数据库 MySQL'];
/** n orders, one a minute from 2026-01-01, ids 20260101 + 12 digits, products in turn. */
function orders(n: number): OrderRow[] {
	return Array.from({ length: n }, (_, i) =>
		exampleOrder(
			`20260101${String(100_000_000_000 + i * 7919)}`,
			new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
			PRODUCTS[i % 3]
		)
	);
}
const ids = async (search: string, extra: { month?: string; product?: string } = {}) =>
	(await queryOrders({ search, ...extra }, 0, 50)).rows.map((r) => r.id);

type Access = { op: string; index: string; values?: boolean };
/** Records every read of the orders table at Dexie's lowest layer: which index, and whether rows were loaded. */
function recordAccess(db: ContractDeskDB): Access[] {
	const log: Access[] = [];
	const middleware: Middleware<DBCore> = {
		stack: 'dbcore',
		name: 'access-log',
		create: (down) => ({
			...down,
			table: (name) => {
				const t = down.table(name);
				if (name !== 'orders') return t;
				return {
					...t,
					query: (req) => (
						log.push({ op: 'query', index: req.query.index.name || ':id', values: req.values }),
						t.query(req)
					),
					openCursor: (req) => (
						log.push({ op: 'cursor', index: req.query.index.name || ':id', values: req.values }),
						t.openCursor(req)
					),
					count: (req) => (log.push({ op: 'count', index: req.query.index.name || ':id' }), t.count(req))
				};
			}
		})
	};
	db.use(middleware);
	return log;
}

describe('order search', () => {
	it('finds an order by a middle part of its id, by a product name, and keeps the filters', async () => {
		const rows = orders(30);
		await getDb().orders.bulkAdd(rows);
		const target = rows[17]!;
		expect(await ids(target.id.slice(9, 17))).toEqual([target.id]);
		expect(await ids(` ${target.id.slice(-6)} `)).toEqual([target.id]);
		// Three characters only match from the start of an id.
		expect(await ids(target.id.slice(-3))).toEqual([]);
		expect(await ids('202')).toHaveLength(30);
		// Product names still match (case folded), newest first, and the product filter still narrows.
		expect(await ids('cos')).toEqual(
			rows
				.filter((r) => r.product === '对象存储 COS')
				.map((r) => r.id)
				.reverse()
		);
		expect(await ids(target.id.slice(9, 17), { product: '对象存储 COS' })).toEqual(
			target.product === '对象存储 COS' ? [target.id] : []
		);
		expect(await ids(target.id.slice(9, 17), { product: target.product })).toEqual([target.id]);
		expect(await ids(target.id.slice(9, 17), { month: '2025-12' })).toEqual([]);
		expect(await matchingOrderIds({ search: target.id.slice(9, 17) })).toEqual([target.id]);
	});

	it('answers from the searchParts index without walking the table', async () => {
		const log = recordAccess(getDb()); // before the database opens: Dexie builds its stack then
		const rows = orders(2000);
		await getDb().orders.bulkAdd(rows);
		const target = rows[1234]!;
		log.length = 0;
		const page = await queryOrders({ search: target.id.slice(-8) }, 0, 20);
		expect(page.rows.map((r) => r.id)).toEqual([target.id]);
		expect(page.total).toBe(1);
		expect(log.some((a) => a.index === 'searchParts')).toBe(true);
		// No walk over the date index or the whole table: only index ranges, the product names and the hits by key.
		expect(log.filter((a) => a.op === 'cursor' && a.values !== false && a.index !== 'product')).toEqual([]);
		expect(log.filter((a) => a.index === 'paidAt' || a.index === '[month+paidAt]')).toEqual([]);
	});

	it('pages a part every id shares through the date index, exact on the last page', async () => {
		const rows = orders(620);
		await getDb().orders.bulkAdd(rows);
		const first = await queryOrders({ search: '20260101' }, 0, 20);
		expect(first.approximate).toBe(true);
		expect(first.rows.map((r) => r.id)).toEqual(
			rows
				.slice(-20)
				.reverse()
				.map((r) => r.id)
		);
		const last = await queryOrders({ search: '20260101' }, 600, 20);
		expect(last).toMatchObject({ total: 620 });
		expect(last.rows.map((r) => r.id)).toEqual(
			rows
				.slice(0, 20)
				.reverse()
				.map((r) => r.id)
		);
		expect(await matchingOrderIds({ search: '20260101' })).toHaveLength(620);
	});

	it('keeps the index of an order the pull replaces (bulkPut of a known id)', async () => {
		const [row] = orders(1);
		await getDb().orders.bulkPut([row!]);
		const { searchParts: _p, ...pulled } = { ...(await getDb().orders.get(row!.id))!, status: 'refunded' as const };
		await getDb().orders.bulkPut([pulled]);
		const stored = await getDb().orders.get(row!.id);
		expect(stored?.status).toBe('refunded');
		expect(stored?.searchParts).toContain(row!.id.slice(-8));
		expect(await ids(row!.id.slice(-8))).toEqual([row!.id]);
	});

	it('indexes the orders of a version 6 database when it upgrades', async () => {
		const rows = orders(3);
		const old = openAtVersion(DB_NAME, 6);
		await old.open();
		await old.table('orders').bulkAdd(rows);
		old.close();
		const db = new ContractDeskDB();
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		const stored = await db.orders.get(rows[1]!.id);
		expect(stored?.searchParts).toContain(rows[1]!.id.slice(-6));
		expect(stored?.searchParts?.every((p) => rows[1]!.id.endsWith(p) && p.length >= 4)).toBe(true);
		db.close();
		expect(await ids(rows[1]!.id.slice(10, 18))).toEqual([rows[1]!.id]);
	});
});
