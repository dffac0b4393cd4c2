// The contract list's state: filters kept on the device, the search once typing stops, one page of contracts with their
// paper copies, refusals and pending downloads — each a live query, so a pull updates the page in place.
import { Draft } from '../../../components/draft.svelte';
import { Live } from '../../../components/live.svelte';
import { pendingDocuments, queryContracts, refusedContractIds, type ContractListStatus } from '../../../db/contracts';
import { contractsByPaperState, type PaperFilter } from '../../../db/paperCopies';
import { paperSummaries } from '../../../db/paperSummaries';
import type { ContractKind } from '../../../domain/contract';
import { listSearch } from './search.svelte';

export const LIST_PAGE_SIZE = 20;

export type ListFilters = { kind: ContractKind | ''; status: ContractListStatus | ''; paper?: PaperFilter | '' };

/** Made while a component initialises (its queries are effects of that component). */
export class ContractListState {
	// The selects are kept on the device (they show what they filter); the search is kept for this visit only.
	readonly filters = new Draft<ListFilters>('contracts.list', { kind: '', status: '', paper: '' });
	page = $state(0);
	// Search runs a little after typing stops: a short prefix such as "HT-" matches every contract.
	search = $state(listSearch.value);
	readonly contracts = new Live(() => {
		const { kind, status, paper } = this.filters.value;
		const q = { kind: kind || undefined, status: status || undefined, search: this.search };
		const offset = this.page * LIST_PAGE_SIZE;
		return async () => {
			// A paper-copy state narrows the list to the few contracts with a request; the rest go through the indexes.
			const result = paper
				? await contractsByPaperState(paper, q, offset, LIST_PAGE_SIZE).then((p) => ({
						rows: p.rows.map((r) => r.contract),
						total: p.total,
						approximate: false
					}))
				: await queryContracts(q, offset, LIST_PAGE_SIZE);
			// Restored contracts whose document is still on its way are marked in their row.
			return { ...result, downloads: await pendingDocuments(result.rows.map((r) => r.id)) };
		};
	});
	/** The paper copy of each row of this page: live, so a pull bringing the provider's events updates the badges. */
	readonly papers = new Live(() => {
		const ids = (this.contracts.current?.rows ?? []).map((c) => c.id);
		return () => paperSummaries(ids);
	});
	/** Which rows of this page were refused: a few index reads for the page, not the whole list. */
	readonly refused = new Live(() => {
		const ids = (this.contracts.current?.rows ?? []).filter((c) => c.status === 'pending').map((c) => c.id);
		return () => refusedContractIds(ids);
	});
	filtered = $derived(
		Boolean(this.filters.value.kind || this.filters.value.status || this.filters.value.paper || listSearch.value.trim())
	);
	/** No contract at all (not a filter matching none): the page offers the ways to start instead of the list. */
	none = $derived(this.contracts.current?.total === 0 && !this.filtered);

	constructor() {
		$effect(() => {
			const s = listSearch.value;
			const timer = setTimeout(() => (this.search = s), 200);
			return () => clearTimeout(timer);
		});
		// Another filter or search starts again at the first page.
		$effect(() => {
			void [this.filters.value.kind, this.filters.value.status, this.filters.value.paper, this.search];
			this.page = 0;
		});
	}
}
