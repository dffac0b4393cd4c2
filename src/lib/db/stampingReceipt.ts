// 确认收到 on the device: the confirmation event and the outbox row that tells the provider, in one transaction.
import { newOutboxEntry } from '../domain/outbox';
import { checkReceipt, receiptEventId, type StampingReceipt } from '../domain/stampingReceipt';
import { shanghaiIso } from '../domain/time';
import { getDb } from './database';
import type { StampingEventRow } from './types';

export type ReceiptErrorCode = 'noRequest' | 'notReturned' | 'alreadyConfirmed';

export class ReceiptError extends Error {
	constructor(readonly code: ReceiptErrorCode) {
		super(code);
		this.name = 'ReceiptError';
	}
}

/**
 * Ends a returned request: the `confirmed` event (under the id the server gives it too, so its copy coming back
 * with a pull is the same row) and the outbox row that sends it, or nothing. Refused unless the provider's
 * return is on this device and no confirmation is, checked inside the transaction (a second tab waits).
 */
export async function confirmReceipt(contractId: string, now = new Date()): Promise<StampingEventRow> {
	const db = getDb();
	const confirmedAt = shanghaiIso(now);
	const event: StampingEventRow = { id: receiptEventId(contractId), contractId, kind: 'confirmed', at: confirmedAt };
	await db.transaction('rw', [db.stampingRequests, db.stampingEvents, db.outbox], async () => {
		const events = await db.stampingEvents.where('contractId').equals(contractId).toArray();
		// A request submitted on another device has events here but no row: the provider's events imply it.
		if (!(await db.stampingRequests.get(contractId)) && events.length === 0) throw new ReceiptError('noRequest');
		const check = checkReceipt(events);
		if (check.kind !== 'allowed') throw new ReceiptError(check.kind);
		const payload: StampingReceipt = { confirmedAt };
		await db.stampingEvents.add(event);
		await db.outbox.add(newOutboxEntry('confirmReceipt', contractId, payload, now.getTime()));
	});
	return event;
}
