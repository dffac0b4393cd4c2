// 确认收到 on the server: the customer ends a returned stamping request; the store decides against its own records.
import type { StampingReceipt } from '../../src/lib/domain/stampingReceipt';
import type { IdemHandle, Outcome } from '../http/idempotency';
import type { ReceiptResult, Store } from '../store/index';

/**
 * Registers the confirmation once (the shared rule, checkReceipt, runs in the store's transaction): 201 when
 * stored, 200 for a repeat (another key, another device: the first confirmation stands), 409 `notReturned` while
 * the provider has not mailed it back, 404 for a request this account does not have.
 */
export async function confirmReceipt(
	store: Store,
	input: { accountId: string; contractId: string; body: StampingReceipt; now: string },
	idem: IdemHandle
): Promise<Outcome> {
	const result = await store.confirmReceipt(
		{ accountId: input.accountId, contractId: input.contractId, confirmedAt: input.body.confirmedAt, now: input.now },
		idem.commit(receiptResponse)
	);
	return { ...receiptResponse(result), committed: true };
}

export function receiptResponse(result: ReceiptResult): Outcome {
	switch (result.kind) {
		case 'confirmed':
			return { status: 201, body: { event: result.event } };
		case 'same':
			return { status: 200, body: { event: result.event } };
		case 'notReturned':
			return {
				status: 409,
				body: {
					error: 'notReturned',
					message: 'The stamped contract has not been mailed back yet, so its receipt cannot be confirmed',
					fields: { kind: ['notReturned'] },
					events: result.events
				}
			};
		case 'notFound':
			return { status: 404, body: { error: 'notFound', message: 'Not found' } };
	}
}
