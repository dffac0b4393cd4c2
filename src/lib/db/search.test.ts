// Contract search by any part of a number through the v5 suffix index, and the upgrade that builds it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilingContract, OrderContract } from '../domain/contract';
import { queryContracts, saveGeneratedContract, searchKeysOf, type GeneratedContract } from './contracts';
import { ContractDeskDB, DB_NAME, forgetDb, getDb } from './database';
import { openAtVersion } from '../../../tests/support/lib/db/migration-harness';
import { exampleFrameworkRecord, exampleOrder } from '../../../tests/support/lib/db/records';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

const generated = (record: GeneratedContract['record']): GeneratedContract => ({
	record,
	contentHash: 'c'.repeat(64),
	pdf: new Uint8Array([37]),
	pdfSha256: 'a'.repeat(64)
});

function orderRecord(ids: string[]): OrderContract {
	const { kind: _k, ...base } = exampleFrameworkRecord();
	const orders = ids.map((id) => {
		const {
			currency: _c,
			status: _s,
			updatedAt: _u,
			month: _m,
			...line
		} = exampleOrder(id, '2026-01-05T10:00:00+08:00');
		return line;
	});
	return { ...base, kind: 'order', orders, totalFen: orders.reduce((s, o) => s + o.amountFen, 0) };
}

function filingRecord(filingNumber: string): FilingContract {
	const { kind: _k, ...base } = exampleFrameworkRecord();
	return {
		...base,
		kind: 'filing',
		filing: {
			id: 'f1',
			filingNumber,
			orderNumber: '20260112000123',
			entityName: '深圳市喆堃科技有限公司',
			sites: [{ siteNumber: `${filingNumber}-1`, name: '官网', domains: ['example.com'] }],
			filedOn: '2026-01-01',
			status: 'active'
		}
	} as unknown as FilingContract;
}

const numbers = async (search: string) => (await queryContracts({ search }, 0, 50)).rows.map((r) => r.number);

describe('search by any part', () => {
	it('finds a contract by what people read off paper, and nothing else', async () => {
		const a = exampleFrameworkRecord('2026-12-02T10:00:00+08:00');
		const b = exampleFrameworkRecord('2026-12-02T11:00:00+08:00');
		await saveGeneratedContract(generated(a));
		await saveGeneratedContract(generated(b));
		const [, date, hex] = a.number.split('-');
		expect(await numbers(hex!)).toEqual([a.number]);
		expect(await numbers(`${date}-${hex}`)).toEqual([a.number]);
		expect(await numbers(hex!.slice(-6).toLowerCase())).toEqual([a.number]);
		expect(await numbers(` ${hex!.slice(2, 8)} `)).toEqual([a.number]);
		// A part shared by both: both, newest first.
		expect(await numbers(date!)).toEqual([b.number, a.number]);
		// Three characters only match from a number's start.
		expect(await numbers('HT-')).toEqual([b.number, a.number]);
		expect(await numbers(hex!.slice(-3))).toEqual([]);
	});

	it('finds filing and order contracts by a part of the filing number or order id', async () => {
		const filing = filingRecord('粤ICP备12345678号');
		const ids = ['240101000000000012345678', '240101000000000087654321'];
		await getDb().orders.bulkAdd(ids.map((id) => exampleOrder(id, '2026-01-05T10:00:00+08:00')));
		const order = orderRecord(ids);
		await saveGeneratedContract(generated(filing));
		await saveGeneratedContract(generated(order));
		expect(await numbers('12345678号')).toEqual([filing.number]);
		expect(await numbers('icp备1234')).toEqual([filing.number]);
		expect(await numbers('87654321')).toEqual([order.number]);
		expect((await numbers('12345678')).sort()).toEqual([order.number, filing.number].sort());
	});

	it('pages a part most numbers share through the date index, exact on the last page', async () => {
		const rows = Array.from({ length: 620 }, (_, i) => {
			const record = exampleFrameworkRecord(new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString());
			return {
				...record,
				status: 'effective' as const,
				contentHash: '',
				pdfSha256: '',
				registeredAt: null,
				searchKeys: searchKeysOf(record)
			};
		});
		await getDb().contracts.bulkAdd(rows);
		const first = await queryContracts({ search: '2026-10' }, 0, 20);
		expect(first.approximate).toBe(true);
		expect(first.total).toBeGreaterThanOrEqual(620);
		expect(first.rows.map((r) => r.id)).toEqual(
			rows
				.slice(-20)
				.reverse()
				.map((r) => r.id)
		);
		const last = await queryContracts({ search: '2026-10' }, 600, 20);
		expect(last).toMatchObject({ total: 620 });
		expect(last.approximate).toBeUndefined();
		expect(last.rows.map((r) => r.id)).toEqual(
			rows
				.slice(0, 20)
				.reverse()
				.map((r) => r.id)
		);
		expect((await queryContracts({ search: '2026-10', kind: 'order' }, 0, 20)).total).toBe(0);
	});

	it('indexes contracts of a version 4 database when it upgrades', async () => {
		const record = exampleFrameworkRecord();
		const old = openAtVersion(DB_NAME, 4);
		await old.open();
		await old.table('contracts').add({
			...record,
			status: 'effective',
			contentHash: 'c'.repeat(64),
			pdfSha256: 'a'.repeat(64),
			registeredAt: null,
			searchKeys: searchKeysOf(record)
		});
		old.close();
		const db = new ContractDeskDB();
		await db.open();
		expect((await db.contracts.get(record.id))?.searchParts).toContain(record.number.split('-')[2]!.toLowerCase());
		db.close();
		expect(await numbers(record.number.slice(-6))).toEqual([record.number]);
	});
});
