// The data layer's refusal to change a generated contract or its document.
import type { ContractDeskDB } from './database';
import { frozenContractChange } from './mergeRules';

export class ImmutableRecordError extends Error {
	constructor(what: string) {
		super(`${what} is immutable once generated`);
		this.name = 'ImmutableRecordError';
	}
}

/** The data layer itself refuses to change a generated contract or its document. */
export function guardImmutability(db: ContractDeskDB): void {
	db.contracts.hook('updating', (mods, _key, current) => {
		const key = frozenContractChange(mods, current);
		if (key) throw new ImmutableRecordError(`contract.${key}`);
		return undefined;
	});
	db.contracts.hook('deleting', () => {
		throw new ImmutableRecordError('contract');
	});
	db.documents.hook('updating', () => {
		throw new ImmutableRecordError('document');
	});
	db.documents.hook('deleting', () => {
		throw new ImmutableRecordError('document');
	});
}
