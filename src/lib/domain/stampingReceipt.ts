// The customer's 确认收到 of a returned paper contract: its body, when it may be made, and the time it records.
import { z } from 'zod';
import type { StampingEvent } from './stampingEvent';

/** Body of PUT /api/v1/contracts/:id/stamping/receipt: when the customer said the stamped contract arrived. */
export const stampingReceipt = z.strictObject({
	confirmedAt: z.iso.datetime({ offset: true })
});

export type StampingReceipt = z.infer<typeof stampingReceipt>;

/** The event id of a contract's confirmation: one per request, so the device's and the server's rows are one row. */
export function receiptEventId(contractId: string): string {
	return `${contractId}:confirmed`;
}

export type ReceiptCheck =
	| { kind: 'allowed'; returnedAt: string }
	| { kind: 'alreadyConfirmed'; event: Pick<StampingEvent, 'at'> }
	/** The provider has not mailed it back (yet): there is nothing to confirm. */
	| { kind: 'notReturned' };

/**
 * Whether a request with these events may be confirmed now: only once the provider recorded the return, and
 * once. The device asks before it offers the button, the server before it stores the confirmation.
 */
export function checkReceipt(events: readonly Pick<StampingEvent, 'kind' | 'at'>[]): ReceiptCheck {
	const confirmed = events.find((e) => e.kind === 'confirmed');
	if (confirmed) return { kind: 'alreadyConfirmed', event: confirmed };
	const returned = events.find((e) => e.kind === 'returned');
	return returned ? { kind: 'allowed', returnedAt: returned.at } : { kind: 'notReturned' };
}

/**
 * The time the server records: the customer's, but never before the provider mailed it back nor after the
 * server's now — a phone's clock may be off, and the record must read in order.
 */
export function receiptTime(claimed: string, returnedAt: string, now: string): string {
	const t = Date.parse(claimed);
	if (t < Date.parse(returnedAt)) return returnedAt;
	if (t > Date.parse(now)) return now;
	return claimed;
}
