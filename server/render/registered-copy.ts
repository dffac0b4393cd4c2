// The registered copy's SHA-256 of a contract (the file 下载登记版 makes), rendered on the first public file check that needs it and kept in the store.
import type { ContractRecord } from '../../src/lib/domain/contract';
import type { NumberedContract, Store } from '../store/index';

/** Renders the registered copy (the record with its registration time printed) and answers its PDF's SHA-256. */
export type RenderRegisteredCopy = (record: ContractRecord, registeredAt: string) => Promise<string>;

/** The registered copy's hash of a registered contract, from the store or rendered once. */
export type RegisteredCopyHash = (row: NumberedContract & { registeredAt: string }) => Promise<string>;

/**
 * The registered copy's hash of a contract, computed on the first file check that needs it and then kept in the
 * store, so registration never pays for it and each contract is rendered for it at most once per process: calls
 * for a contract whose render is running wait for that render.
 */
export function registeredCopyHashes(deps: {
	store: Store;
	render: RenderRegisteredCopy;
	now?: () => number;
}): RegisteredCopyHash {
	const running = new Map<string, Promise<string>>();
	const now = deps.now ?? Date.now;
	return (row) => {
		if (row.registeredCopySha256) return Promise.resolve(row.registeredCopySha256);
		let pending = running.get(row.id);
		if (!pending) {
			pending = (async () => {
				const pdfSha256 = await deps.render(row.record, row.registeredAt);
				const computedAt = new Date(now()).toISOString();
				await deps.store.putRenditionHash({ contractId: row.id, rendition: 'registeredCopy', pdfSha256, computedAt });
				return pdfSha256;
			})().finally(() => running.delete(row.id));
			running.set(row.id, pending);
		}
		return pending;
	};
}
