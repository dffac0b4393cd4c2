// The generated-contract write with its draft, the paid-only check inside it, and the attached-orders lookup.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderContract } from '../domain/contract';
import { ContractRuleError } from '../domain/contractRules';
import {
	attachedOrders,
	queryContracts,
	refusedContractIds,
	saveGeneratedContract,
	type GeneratedContract
} from './contracts';
import { forgetDb, getDb } from './database';
import { exampleFrameworkRecord, exampleOrder } from '../../../tests/support/lib/db/records';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

const generated = (record: GeneratedContract['record'], draftKey?: string): GeneratedContract => ({
	record,
	contentHash: 'c'.repeat(64),
	pdf: new Uint8Array([37, 80, 68, 70]),
	pdfSha256: 'a'.repeat(64),
	draftKey
});

function orderRecord(ids: string[], createdAt = '2026-11-26T10:00:00+08:00'): OrderContract {
	const { kind: _kind, ...base } = exampleFrameworkRecord(createdAt);
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

describe('saveGeneratedContract with the draft', () => {
	it('deletes the draft in the same transaction as the contract', async () => {
		const db = getDb();
		await db.drafts.put({ key: 'contract.framework', value: { step: 'confirm' }, updatedAt: 1 });
		await db.drafts.put({ key: 'contracts.list', value: {}, updatedAt: 1 });
		const record = exampleFrameworkRecord();
		await saveGeneratedContract(generated(record, 'contract.framework'));
		expect(await db.contracts.get(record.id)).toBeDefined();
		expect(await db.drafts.get('contract.framework')).toBeUndefined();
		// Only its own draft: other forms keep theirs.
		expect(await db.drafts.get('contracts.list')).toBeDefined();
	});

	it('keeps the draft when the save fails, so the user can try again', async () => {
		const db = getDb();
		const record = exampleFrameworkRecord();
		await saveGeneratedContract(generated(record));
		await db.drafts.put({ key: 'contract.framework', value: { step: 'confirm' }, updatedAt: 1 });
		// The same id again: the contract insert fails and the whole transaction with it.
		await expect(saveGeneratedContract(generated(record, 'contract.framework'))).rejects.toThrow();
		expect(await db.drafts.get('contract.framework')).toMatchObject({ value: { step: 'confirm' } });
		expect(await db.outbox.count()).toBe(1);
	});

	it('refuses an order contract whose order was refunded meanwhile, writing nothing and keeping the draft', async () => {
		const db = getDb();
		await db.orders.bulkAdd([
			exampleOrder('100000000001', '2026-01-05T10:00:00+08:00'),
			{ ...exampleOrder('100000000002', '2026-01-05T10:00:00+08:00'), status: 'refunded' }
		]);
		await db.drafts.put({ key: 'contract.order', value: { ids: ['100000000001', '100000000002'] }, updatedAt: 1 });
		const record = orderRecord(['100000000001', '100000000002']);
		const error = await saveGeneratedContract(generated(record, 'contract.order')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ContractRuleError);
		expect(error).toMatchObject({
			discrepancies: [{ path: 'orders.1.id', code: 'orderRefunded', id: '100000000002' }]
		});
		expect([
			await db.contracts.count(),
			await db.documents.count(),
			await db.outbox.count(),
			await db.drafts.count()
		]).toEqual([0, 0, 0, 1]);

		await db.orders.update('100000000002', { status: 'paid' });
		await saveGeneratedContract(generated(record, 'contract.order'));
		expect([await db.contracts.count(), await db.drafts.count()]).toEqual([1, 0]);
	});
});

describe('attachedOrders', () => {
	it('names the newest contract of each asked-for order, and nothing else', async () => {
		const db = getDb();
		const ids = ['100000000001', '100000000002', '100000000003', '100000000004'];
		await db.orders.bulkAdd(ids.map((id) => exampleOrder(id, '2026-01-05T10:00:00+08:00')));
		const older = orderRecord(['100000000001', '100000000002'], '2026-11-01T10:00:00+08:00');
		const newer = orderRecord(['100000000002', '100000000003'], '2026-11-20T10:00:00+08:00');
		await saveGeneratedContract(generated(older));
		await saveGeneratedContract(generated(newer));
		const map = await attachedOrders(['100000000001', '100000000002', '100000000004']);
		expect(map).toEqual(
			new Map([
				['100000000001', { contractId: older.id, number: older.number }],
				['100000000002', { contractId: newer.id, number: newer.number }]
			])
		);
		expect(await attachedOrders([])).toEqual(new Map());
	});

	it('does not take a filing contract whose filing order number equals an order id', async () => {
		const { kind: _kind, ...base } = exampleFrameworkRecord();
		const filingOrderNumber = '440300230412000123';
		await saveGeneratedContract(
			generated({
				...base,
				kind: 'filing',
				filing: {
					id: 'f1',
					filingNumber: '粤ICP备2023012345号',
					orderNumber: filingOrderNumber,
					entityName: base.partyA.name,
					sites: [{ siteNumber: '粤ICP备2023012345号-1', name: '官网', domains: ['a.cn'] }],
					filedOn: '2023-04-20'
				}
			})
		);
		expect(await attachedOrders([filingOrderNumber])).toEqual(new Map());
	});

	it('reads only the contracts holding the asked-for ids', async () => {
		const db = getDb();
		const ids = Array.from({ length: 50 }, (_, i) => String(200_000_000_000 + i));
		await db.orders.bulkAdd(ids.map((id) => exampleOrder(id, '2026-01-05T10:00:00+08:00')));
		for (const id of ids) await saveGeneratedContract(generated(orderRecord([id])));
		let read = 0;
		// Count rows Dexie hands out of the contracts table while answering for two ids.
		db.contracts.hook('reading', (row) => (read++, row));
		const map = await attachedOrders([ids[3]!, ids[7]!]);
		expect([...map.keys()].sort()).toEqual([ids[3], ids[7]]);
		expect(read).toBe(2);
	});
});

describe('a refused registration', () => {
	/** What the outbox does when the provider answers 422: the row is kept, rejected, with the reason. */
	async function refuse(contractId: string) {
		const db = getDb();
		const row = await db.outbox.where('resourceId').equals(contractId).first();
		await db.outbox.update(row!.id, {
			status: 'rejected',
			lastError: { code: 'partyAMismatch', detail: 'Party A … — record.partyA.name partyAMismatch', status: 422 }
		});
	}

	it('is its own list status; pending lists only the contracts still waiting', async () => {
		const a = exampleFrameworkRecord('2026-11-20T10:00:00+08:00');
		const b = exampleFrameworkRecord('2026-11-21T10:00:00+08:00');
		await saveGeneratedContract(generated(a));
		await saveGeneratedContract(generated(b));
		await refuse(a.id);
		expect(await refusedContractIds()).toEqual(new Set([a.id]));
		expect((await queryContracts({ status: 'refused' }, 0, 10)).rows.map((r) => r.id)).toEqual([a.id]);
		expect((await queryContracts({ status: 'pending' }, 0, 10)).rows.map((r) => r.id)).toEqual([b.id]);
		expect(
			(await queryContracts({ status: 'refused', search: a.number.slice(0, 8).toLowerCase() }, 0, 10)).rows.map(
				(r) => r.id
			)
		).toEqual([a.id]);
	});

	it('frees its orders, and a replacement makes it void in the same write', async () => {
		const db = getDb();
		await db.orders.bulkAdd([exampleOrder('100000000001', '2026-01-05T10:00:00+08:00')]);
		const old = orderRecord(['100000000001'], '2026-11-20T10:00:00+08:00');
		await saveGeneratedContract(generated(old));
		expect((await attachedOrders(['100000000001'])).get('100000000001')?.contractId).toBe(old.id);
		await refuse(old.id);
		expect(await attachedOrders(['100000000001'])).toEqual(new Map());

		const next = orderRecord(['100000000001'], '2026-11-21T10:00:00+08:00');
		await saveGeneratedContract({ ...generated(next), replaces: old.id });
		expect(await db.contracts.get(old.id)).toMatchObject({
			status: 'void',
			replacedBy: next.id,
			refusal: { code: 'partyAMismatch' }
		});
		// Acted on: the refused row leaves the queue; the void contract keeps the reason.
		expect(await db.outbox.where('resourceId').equals(old.id).count()).toBe(0);
		expect((await attachedOrders(['100000000001'])).get('100000000001')?.contractId).toBe(next.id);
		expect((await queryContracts({ status: 'void' }, 0, 10)).rows.map((r) => r.id)).toEqual([old.id]);
	});

	it('only a refused contract can be replaced; nothing is written otherwise', async () => {
		const db = getDb();
		const waiting = exampleFrameworkRecord('2026-11-20T10:00:00+08:00');
		await saveGeneratedContract(generated(waiting));
		const next = exampleFrameworkRecord('2026-11-21T10:00:00+08:00');
		const error = await saveGeneratedContract({ ...generated(next), replaces: waiting.id }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ContractRuleError);
		expect(await db.contracts.get(next.id)).toBeUndefined();
		expect((await db.contracts.get(waiting.id))?.status).toBe('pending');
	});
});
