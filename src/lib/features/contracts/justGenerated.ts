// The contract just generated, handed in memory to its detail page: shown at once, not read back from IndexedDB first.
import type { ContractRow, DocumentRow } from '../../db/types';

/**
 * `url`: an object URL of the document's Blob, made while the transaction was committing (the page's thread was
 * waiting anyway; making one is a synchronous call to the browser). Whoever takes it revokes it.
 */
export type Generated = { row: ContractRow; document: DocumentRow; url?: string };

let last: Generated | null = null;

/** Called once the contract's transaction has committed: what it holds is exactly what was stored. */
export function keepGenerated(g: Generated): void {
	if (last?.url && last.url !== g.url) URL.revokeObjectURL(last.url);
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
