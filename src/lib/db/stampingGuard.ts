// The data layer's refusal to change or delete a submitted stamping request (线下盖章申请).
import type { ContractDeskDB } from './database';
import { ImmutableRecordError } from './immutability';
import { finalRequestChange, isFinal } from './mergeRules';
import type { StampingRequestRow } from './types';

export class SubmittedStampingError extends ImmutableRecordError {
	constructor(what: string) {
		super(what);
		this.message = `${what} can never change once submitted`;
		this.name = 'SubmittedStampingError';
	}
}

/**
 * A submitted return address is final on the provider's side (409 on any change), so the device refuses
 * to change it too. A draft row may still be replaced (a backup import marks it submitted), and writing
 * the same values again is no change (Dexie reports put() over an equal row as modifications).
 */
export function guardStampingRequests(db: ContractDeskDB): void {
	db.stampingRequests.hook('updating', (mods, _key, current: StampingRequestRow) => {
		const key = finalRequestChange(mods, current);
		if (key) throw new SubmittedStampingError(`stampingRequest.${key}`);
		return undefined;
	});
	db.stampingRequests.hook('deleting', (_key, current: StampingRequestRow | undefined) => {
		if (isFinal(current)) throw new SubmittedStampingError('stampingRequest');
	});
}
