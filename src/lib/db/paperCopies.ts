// Paper copies in lists: contracts by paper-copy state (the list filter, the 纸质合同 page), and the contracts a new stamping request may name (its step 1).
import type { PaperState, PaperSummary } from '../domain/paperCopy';
import { MIN_PART, normalizeSearch } from '../domain/search';
import { refusedContractIds, type ContractQuery } from './contracts';
import { getDb } from './database';
import type { Page } from './orders';
import { allPaperSummaries } from './paperSummaries';
import type { ContractRow } from './types';

export type PaperFilter = PaperState | 'any';
export type PaperListRow = { contract: ContractRow; paper: PaperSummary };

/**
 * Contracts whose paper copy is in `state` ('any': has one), newest activity first, with the other list
 * filters (kind, status, search) applied to those few contracts.
 */
export async function contractsByPaperState(
	state: PaperFilter,
	q: ContractQuery,
	offset: number,
	limit: number
): Promise<Page<PaperListRow>> {
	const all = await allPaperSummaries();
	const wanted = [...all].filter(([, s]) => state === 'any' || s.state === state);
	const contracts = await getDb().contracts.bulkGet(wanted.map(([id]) => id));
	const stored = q.status === 'refused' ? 'pending' : q.status;
	const refused = stored === 'pending' ? await refusedContractIds(wanted.map(([id]) => id)) : null;
	const part = normalizeSearch(q.search ?? '');
	const prefix = (q.search ?? '').trim().toLowerCase();
	const rows: PaperListRow[] = [];
	contracts.forEach((c, i) => {
		if (!c) return;
		if (q.kind && c.kind !== q.kind) return;
		if (stored && c.status !== stored) return;
		if (refused && refused.has(c.id) !== (q.status === 'refused')) return;
		if (
			prefix &&
			!(part.length >= MIN_PART
				? (c.searchParts ?? []).some((p) => p.startsWith(part))
				: c.searchKeys.some((k) => k.startsWith(prefix)))
		)
			return;
		rows.push({ contract: c, paper: wanted[i]![1] });
	});
	const at = (r: PaperListRow) => r.paper.lastAt ?? r.contract.createdAt;
	rows.sort((a, b) => Date.parse(at(b)) - Date.parse(at(a)));
	return { rows: rows.slice(offset, offset + limit), total: rows.length };
}

/**
 * Step 1 of a new stamping request (选择对应合同): contracts that may still get one — not void, not refused, no
 * submitted request or provider event — newest first. The total comes from index counts minus the few
 * excluded, so it stays cheap at 10,000 contracts.
 */
export async function eligibleForStamping(offset: number, limit: number): Promise<Page<ContractRow>> {
	const db = getDb();
	const [requests, events, refused] = await Promise.all([
		db.stampingRequests.where('status').equals('submitted').primaryKeys(),
		db.stampingEvents.toArray(),
		refusedContractIds()
	]);
	const taken = new Set<string>([...(requests as string[]), ...events.map((e) => e.contractId), ...refused]);
	const takenRows = (await db.contracts.bulkGet([...taken])).filter(
		(c): c is ContractRow => !!c && c.status !== 'void'
	);
	const [candidates, rows] = await Promise.all([
		db.contracts.where('status').anyOf(['pending', 'effective']).count(),
		db.contracts
			.orderBy('createdAt')
			.reverse()
			.filter((c) => c.status !== 'void' && !taken.has(c.id))
			.offset(offset)
			.limit(limit)
			.toArray()
	]);
	return { rows, total: candidates - takenRows.length };
}
