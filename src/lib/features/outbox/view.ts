// What the outbox page shows: rows grouped by what they ask of the user, their contract number, why and until when a row waits.
import './i18n';
import { getDb } from '../../db/database';
import type { OutboxRow } from '../../db/types';
import { contractRecord } from '../../domain/contract';
import { shanghaiDateTime } from '../../domain/time';
import { t } from '../../i18n/index.svelte';
import { blockerOf, compareRows } from '../../sync/outbox';

export type OutboxItem = OutboxRow & {
	/** Human contract number, when the contract is on this device. */
	number: string | null;
	/** Pending, but an earlier row of the same contract is not done yet: that row's kind and state (rejected: it waits for the user). */
	blockedBy: Pick<OutboxRow, 'kind' | 'status'> | null;
	/** For a 409: this device's version, to show beside `conflict`. */
	local?: unknown;
};

/** Numbers, "blocked" and 409 versions for a handful of rows (one page or one group). */
async function enrich(rows: OutboxRow[]): Promise<OutboxItem[]> {
	const db = getDb();
	const contracts = await db.contracts.bulkGet([...new Set(rows.map((r) => r.resourceId))]);
	const byId = new Map(contracts.filter((c) => c !== undefined).map((c) => [c.id, c]));
	const items: OutboxItem[] = [];
	for (const row of rows) {
		const contract = byId.get(row.resourceId);
		let blockedBy: OutboxItem['blockedBy'] = null;
		if (row.status === 'pending') {
			const blocker = await blockerOf(row);
			if (blocker) blockedBy = { kind: blocker.kind, status: blocker.status };
		}
		let local: unknown;
		if (row.status === 'rejected' && row.conflict !== undefined) {
			if (row.kind === 'registerContract' && contract) {
				const parsed = contractRecord.safeParse(contract);
				local = { pdfSha256: contract.pdfSha256, record: parsed.success ? parsed.data : contract };
			} else local = row.payload;
		}
		items.push({ ...row, number: contract?.number ?? null, blockedBy, local });
	}
	return items;
}

/** Newest first, one indexed page; numbers and "blocked" are looked up for that page only. */
export async function listOutbox(offset: number, limit: number): Promise<{ rows: OutboxItem[]; total: number }> {
	const db = getDb();
	const [rows, total] = await Promise.all([
		db.outbox.orderBy('createdAt').reverse().offset(offset).limit(limit).toArray(),
		db.outbox.count()
	]);
	return { rows: await enrich(rows), total };
}

/**
 * What a person asks of the outbox, in that order: what needs me (refused, or held behind a refusal), what is still
 * on its way, and what arrived. Rows that wait behind a refused row need the same person, so they go with it.
 */
export type OutboxGroups = { attention: OutboxItem[]; waiting: OutboxItem[]; delivered: OutboxItem[] };

export function needsUser(item: Pick<OutboxItem, 'status' | 'blockedBy'>): boolean {
	return item.status === 'rejected' || item.blockedBy?.status === 'rejected';
}

/** Sorts rows into the three groups: the first two in sending order, the history newest first. */
export function groupOutbox(items: OutboxItem[]): OutboxGroups {
	const groups: OutboxGroups = { attention: [], waiting: [], delivered: [] };
	for (const item of items) {
		if (item.status === 'done') groups.delivered.push(item);
		else if (needsUser(item)) groups.attention.push(item);
		else groups.waiting.push(item);
	}
	groups.attention.sort(compareRows);
	groups.waiting.sort(compareRows);
	groups.delivered.sort((a, b) => b.updatedAt - a.updatedAt || compareRows(b, a));
	return groups;
}

/** The page as a whole, for its title: the most pressing group that has anything in it. */
export type OutboxState = 'attention' | 'waiting' | 'delivered' | 'empty';

export function outboxState(counts: { attention: number; waiting: number; delivered: number }): OutboxState {
	if (counts.attention > 0) return 'attention';
	if (counts.waiting > 0) return 'waiting';
	if (counts.delivered > 0) return 'delivered';
	return 'empty';
}

/** Unfinished rows (few: they leave as they are sent) all at once; the history one page at a time, newest first. */
export async function loadOutbox(
	historyOffset: number,
	historyLimit: number
): Promise<OutboxGroups & { deliveredTotal: number }> {
	const db = getDb();
	const [open, done] = await Promise.all([
		db.outbox.where('status').anyOf('pending', 'sending', 'rejected').toArray(),
		db.outbox.where('status').equals('done').toArray()
	]);
	done.sort((a, b) => b.updatedAt - a.updatedAt || compareRows(b, a));
	const page = done.slice(historyOffset, historyOffset + historyLimit);
	const groups = groupOutbox(await enrich([...open, ...page]));
	return { ...groups, deliveredTotal: done.length };
}

/** The whole page's state once its rows are loaded: what its title says. */
export function pageStateOf(
	view: Pick<OutboxGroups, 'attention' | 'waiting'> & { deliveredTotal: number }
): OutboxState {
	return outboxState({
		attention: view.attention.length,
		waiting: view.waiting.length,
		delivered: view.deliveredTotal
	});
}

/** When a row is tried next: what it waits for (an earlier row, a sign-in, the network), now, or a time; '—' when never. */
export function nextTry(row: OutboxItem, now: number, sync: { sessionExpired: boolean; online: boolean }): string {
	if (row.status === 'done' || row.status === 'rejected') return '—';
	if (row.blockedBy)
		return t(`outboxBlockedBy${row.blockedBy.status === 'rejected' ? 'Refused' : ''}_${row.blockedBy.kind}`);
	if (sync.sessionExpired) return t('outboxNextTrySignIn');
	if (!sync.online) return t('outboxNextTryOffline');
	if (row.status === 'sending' || row.nextAttemptAt <= now) return t('outboxNextTryNow');
	return shanghaiDateTime(row.nextAttemptAt);
}
