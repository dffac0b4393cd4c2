// 确认收到 on the device: the event and its outbox row in one transaction, refused before the return or twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StampingEvent } from '../domain/stamping';
import { prepareRequest } from '../sync/push';
import { saveGeneratedContract } from './contracts';
import { forgetDb, getDb } from './database';
import { submitStamping } from './stamping';
import { ReceiptError, confirmReceipt } from './stampingReceipt';
import { exampleFrameworkRecord } from '../../../tests/support/lib/db/records';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

async function aSubmittedRequest(): Promise<string> {
	const record = exampleFrameworkRecord();
	await saveGeneratedContract({
		record,
		contentHash: 'c'.repeat(64),
		pdf: new Uint8Array([1]),
		pdfSha256: 'a'.repeat(64)
	});
	await submitStamping(record.id, {
		returnAddress: {
			recipient: '李喆',
			phone: '13800138000',
			province: '广东省',
			city: '深圳市',
			district: '南山区',
			address: '科技园科苑路 8 号',
			postalCode: '518057'
		}
	});
	return record.id;
}

const providerEvent = (contractId: string, kind: 'received' | 'stamped' | 'returned', at: string): StampingEvent => ({
	id: `${contractId}:${kind}`,
	contractId,
	kind,
	at,
	...(kind === 'returned' ? { shipment: { courier: '顺丰速运', trackingNumber: 'SF1234567890' } } : {})
});

async function returned(id: string): Promise<void> {
	await getDb().stampingEvents.bulkPut([
		providerEvent(id, 'received', '2026-12-03T09:00:00+08:00'),
		providerEvent(id, 'stamped', '2026-12-04T09:00:00+08:00'),
		providerEvent(id, 'returned', '2026-12-10T09:00:00+08:00')
	]);
}

const receiptRows = async (id: string) =>
	(await getDb().outbox.where('resourceId').equals(id).toArray()).filter((r) => r.kind === 'confirmReceipt');

describe('confirmReceipt', () => {
	it('writes the confirmed event and the outbox row that sends it, under the server’s event id', async () => {
		const id = await aSubmittedRequest();
		await returned(id);
		const event = await confirmReceipt(id, new Date('2026-12-12T02:00:00Z'));
		expect(event).toEqual({
			id: `${id}:confirmed`,
			contractId: id,
			kind: 'confirmed',
			at: '2026-12-12T10:00:00.000+08:00'
		});
		expect(await getDb().stampingEvents.get(`${id}:confirmed`)).toEqual(event);
		const rows = await receiptRows(id);
		expect(rows.map((r) => [r.status, r.payload])).toEqual([['pending', { confirmedAt: event.at }]]);
		// The row's id is a fresh client UUID: the Idempotency-Key of every attempt.
		expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
		// What the sync engine sends for it.
		expect(await prepareRequest(rows[0]!)).toEqual({
			path: `/contracts/${id}/stamping/receipt`,
			body: { confirmedAt: event.at }
		});
	});

	it('refuses before the provider mailed it back, and writes nothing', async () => {
		const id = await aSubmittedRequest();
		await getDb().stampingEvents.put(providerEvent(id, 'received', '2026-12-03T09:00:00+08:00'));
		await expect(confirmReceipt(id)).rejects.toMatchObject({ code: 'notReturned' });
		expect(await getDb().stampingEvents.get(`${id}:confirmed`)).toBeUndefined();
		expect(await receiptRows(id)).toEqual([]);
	});

	it('refuses a second confirmation (another tab, a double tap): one event, one row', async () => {
		const id = await aSubmittedRequest();
		await returned(id);
		const results = await Promise.allSettled([confirmReceipt(id), confirmReceipt(id)]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(ReceiptError);
		expect(refused.reason.code).toBe('alreadyConfirmed');
		expect(await receiptRows(id)).toHaveLength(1);
	});

	it('refuses a contract without any request on this device', async () => {
		await expect(confirmReceipt(crypto.randomUUID())).rejects.toMatchObject({ code: 'noRequest' });
	});

	it('confirms a request submitted on another device once its return is here', async () => {
		const record = exampleFrameworkRecord();
		await saveGeneratedContract({
			record,
			contentHash: 'c'.repeat(64),
			pdf: new Uint8Array([1]),
			pdfSha256: 'a'.repeat(64)
		});
		await returned(record.id);
		await confirmReceipt(record.id);
		expect(await receiptRows(record.id)).toHaveLength(1);
	});

	it('rolls the event back when the outbox write fails', async () => {
		const id = await aSubmittedRequest();
		await returned(id);
		const db = getDb();
		db.outbox.hook('creating', function fail() {
			throw new Error('disk full');
		});
		await expect(confirmReceipt(id)).rejects.toThrow('disk full');
		expect(await db.stampingEvents.get(`${id}:confirmed`)).toBeUndefined();
	});
});
