// The contract just generated, handed in memory to its detail page: shown at once, not read back from IndexedDB first.
import type { ContractRow, DocumentRow } from '../../db/types';

export type Generated = { row: ContractRow; document: DocumentRow };

let last: Generated | null = null;

/** Called once the contract's transaction has committed: what it holds is exactly what was stored. */
export function keepGenerated(g: Generated): void {
	last = g;
}

/**
 * The contract and document stored a moment ago, once: the detail page seeds its first render with them and its live
 * queries take over. Taken, not kept, so a later visit never starts from a status that has changed since.
 */
export function takeGenerated(contractId: string): Generated | undefined {
	if (last?.row.id !== contractId) return undefined;
	const g = last;
	last = null;
	return g;
}
