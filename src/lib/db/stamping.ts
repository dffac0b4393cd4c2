// Stamping requests on the device: the one-transaction submission of a return address, and its draft.
import { newOutboxEntry } from '../domain/outbox';
import { stampingSubmission, type StampingSubmission } from '../domain/stamping';
import { shanghaiIso } from '../domain/time';
import { getDb } from './database';
import type { StampingRequestRow } from './types';
export { SubmittedStampingError } from './stampingGuard';

/** The `drafts` row holding what the user has typed into a contract's return-address form. */
export function stampingDraftKey(contractId: string): string {
	return `stamping:${contractId}`;
}

export type StampingErrorCode = 'invalid' | 'unknownContract' | 'alreadySubmitted';

export class StampingError extends Error {
	constructor(
		readonly code: StampingErrorCode,
		/** For `invalid`: message keys by dotted field path, as the form shows them. */
		readonly fields: Record<string, string[]> = {}
	) {
		super(code);
		this.name = 'StampingError';
	}
}

/**
 * One transaction: the submitted request, the outbox row that sends it (push.ts reads the submission
 * from the payload) and the deletion of the form's draft — or nothing at all. Refused when the
 * submission is invalid, the contract is not on this device, or a request was already submitted.
 */
export async function submitStamping(
	contractId: string,
	submission: StampingSubmission,
	now = new Date()
): Promise<StampingRequestRow> {
	const parsed = stampingSubmission.safeParse(submission);
	if (!parsed.success) {
		const fields: Record<string, string[]> = {};
		for (const issue of parsed.error.issues) (fields[issue.path.join('.')] ??= []).push(issue.message);
		throw new StampingError('invalid', fields);
	}
	const row: StampingRequestRow = {
		contractId,
		status: 'submitted',
		submission: parsed.data,
		submittedAt: shanghaiIso(now)
	};
	const db = getDb();
	await db.transaction('rw', [db.contracts, db.stampingRequests, db.outbox, db.drafts], async () => {
		if (!(await db.contracts.get(contractId))) throw new StampingError('unknownContract');
		// Checked inside the transaction: a second tab submitting at the same moment waits for this one.
		if ((await db.stampingRequests.get(contractId))?.status === 'submitted')
			throw new StampingError('alreadySubmitted');
		await db.stampingRequests.put(row);
		await db.outbox.add(newOutboxEntry('submitStamping', contractId, parsed.data));
		await db.drafts.delete(stampingDraftKey(contractId));
	});
	return row;
}

export async function getStampingRequest(contractId: string): Promise<StampingRequestRow | undefined> {
	return getDb().stampingRequests.get(contractId);
}
