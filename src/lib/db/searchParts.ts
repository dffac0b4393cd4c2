// Every contract and order written gets its search index (suffixes of its numbers) from the database, whoever writes it.
import { searchPartsOf } from '../domain/search';
import type { ContractDeskDB } from './database';

/**
 * Derived on creation rather than by each writer: generation, the pull, a backup import and the bench all
 * add contracts, and a row without its parts would be invisible to search. Search keys never change after.
 */
export function indexSearchParts(db: ContractDeskDB): void {
	db.contracts.hook('creating', (_key, row) => {
		row.searchParts = searchPartsOf(row.searchKeys ?? []);
	});
	// Orders come from the pull (bulkPut: new ones are created, known ones replaced), a backup import and tests.
	db.orders.hook('creating', (_key, row) => {
		row.searchParts = searchPartsOf([row.id]);
	});
	// A replaced row (a refund pulled later) arrives without its parts; the id, and so the parts, never change.
	db.orders.hook('updating', (mods, key) =>
		'searchParts' in mods || 'id' in mods ? { searchParts: searchPartsOf([String(key)]) } : undefined
	);
}
