// Which of a listed contract's other numbers a search matched, when its own number does not contain it.
import type { ContractRecord } from '../../domain/contract';
import { containsSearch, MIN_PART, normalizeSearch } from '../../domain/search';

export type MatchField = 'filingNumber' | 'filingOrderNumber' | 'siteNumber' | 'orderId';
export type SearchMatch = { field: MatchField; value: string };

/** The first filing number, filing order number, site number or order id containing the search; null when the number shows it. */
export function otherMatch(c: ContractRecord, search: string): SearchMatch | null {
	if (normalizeSearch(search).length < MIN_PART || containsSearch(c.number, search)) return null;
	const candidates: SearchMatch[] = [];
	if (c.kind === 'filing') {
		candidates.push(
			{ field: 'filingNumber', value: c.filing.filingNumber },
			{ field: 'filingOrderNumber', value: c.filing.orderNumber }
		);
		for (const site of c.filing.sites) candidates.push({ field: 'siteNumber', value: site.siteNumber });
	}
	if (c.kind === 'order') for (const o of c.orders) candidates.push({ field: 'orderId', value: o.id });
	return candidates.find((m) => containsSearch(m.value, search)) ?? null;
}
