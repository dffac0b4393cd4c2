// The data layer's refusal to change a generated contract or its document.
import { canonicalJson } from '../domain/canonical';
import type { ContractDeskDB } from './database';

/** Fields the provider may change after generation; everything else is frozen. */
// searchParts is an index derived from the frozen keys (written again by the v5 upgrade), not content.
const MUTABLE_FIELDS = new Set(['status', 'registeredAt', 'replacedBy', 'refusal', 'searchParts']);

export class ImmutableRecordError extends Error {
	constructor(what: string) {
		super(`${what} is immutable once generated`);
		this.name = 'ImmutableRecordError';
	}
}

/** The data layer itself refuses to change a generated contract or its document. */
export function guardImmutability(db: ContractDeskDB): void {
	db.contracts.hook('updating', (mods, _key, current) => {
		// Dexie may report unchanged arrays as modified (new references), so compare values.
		for (const [key, value] of Object.entries(mods)) {
			if (MUTABLE_FIELDS.has(key)) continue;
			const path = key.split('.');
			const old = path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], current);
			if (canonicalJson(old) !== canonicalJson(value)) throw new ImmutableRecordError(`contract.${key}`);
		}
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
