// A stamping request (线下盖章申请) on the server: the return address stored once per contract, and the answer kept with its idempotency claim.
import type { StampingReply, StampingView } from '../../src/lib/domain/api';
import type { StampingSubmission } from '../../src/lib/domain/stamping';
import type { IdemHandle, Outcome } from '../http/idempotency';
import type { StampingResult, Store, StoredStamping } from '../store/index';

export function stampingView(stamping: StoredStamping): StampingView {
	return { contractId: stamping.contractId, ...stamping.submission, submittedAt: stamping.createdAt };
}

/**
 * Stores the request in the store's transaction: 201 when new, 200 for the same request again or one adding the
 * outbound parcel, 409 with the stored one for another return address, 404 for a contract this account does not have.
 */
export async function submitStamping(
	store: Store,
	input: { accountId: string; contractId: string; submission: StampingSubmission; now: string },
	idem: IdemHandle
): Promise<Outcome> {
	const result = await store.submitStamping(input, idem.commit(stampingResponse));
	return { ...stampingResponse(result), committed: true };
}

export function stampingResponse(result: StampingResult): Outcome {
	switch (result.kind) {
		case 'created':
			return { status: 201, body: { stamping: stampingView(result.stamping) } satisfies StampingReply };
		case 'same':
		case 'updated':
			return { status: 200, body: { stamping: stampingView(result.stamping) } satisfies StampingReply };
		case 'conflict':
			return {
				status: 409,
				body: {
					error: 'conflict',
					message: 'The return address was already submitted and cannot be changed',
					stored: stampingView(result.stamping)
				}
			};
		case 'notFound':
			return { status: 404, body: { error: 'notFound', message: 'Not found' } };
	}
}
