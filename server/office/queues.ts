// The office's four paper-copy queues from the stored requests: which queue, the due date and its urgency, search, order, counts.
import { DUE_SOON_WORKDAYS, OFFICE_QUEUES, type OfficeQueue, type QueueItem } from '../../src/lib/domain/office';
import { containsSearch } from '../../src/lib/domain/search';
import type { StampingEvent } from '../../src/lib/domain/stampingEvent';
import { shanghaiDate } from '../../src/lib/domain/time';
import { isWorkday, returnDueDate, type WorkCalendar } from '../../src/lib/domain/workdays';
import type { PaperCopyRow } from '../store/index';

const QUEUE_OF: Record<StampingEvent['kind'], OfficeQueue> = {
	received: 'received',
	stamped: 'stamped',
	returned: 'returned',
	confirmed: 'returned'
};

/** Working days after `today` up to and including `due` (0 when due today or before). */
export function workdaysUntil(today: string, due: string, calendar: WorkCalendar, cap = 31): number {
	let n = 0;
	let day = today;
	for (let i = 0; i < cap * 3 && day < due; i++) {
		const [y, m, d] = day.split('-').map(Number) as [number, number, number];
		day = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
		if (isWorkday(day, calendar)) n++;
		if (n > cap) break;
	}
	return n;
}

export function queueItem(row: PaperCopyRow, calendar: WorkCalendar, now: number): QueueItem {
	const at = (kind: StampingEvent['kind']) => row.events.find((e) => e.kind === kind);
	const received = at('received');
	const returned = at('returned');
	const furthest = (['confirmed', 'returned', 'stamped', 'received'] as const).find((k) => at(k));
	const queue = furthest ? QUEUE_OF[furthest] : 'awaiting';
	const holding = queue === 'received' || queue === 'stamped';
	const due = holding && received ? returnDueDate(received.at, calendar) : null;
	const today = shanghaiDate(now);
	const overdue = !!due && today > due.due;
	const dueSoon = !!due && !overdue && workdaysUntil(today, due.due, calendar) <= DUE_SOON_WORKDAYS;
	return {
		contractId: row.contractId,
		number: row.number,
		kind: row.kind,
		companyName: row.companyName,
		accountId: row.accountId,
		queue,
		submittedAt: row.submittedAt,
		outbound: row.submission.outbound ?? null,
		receivedAt: received?.at ?? null,
		stampedAt: at('stamped')?.at ?? null,
		returnedAt: returned?.at ?? null,
		due,
		overdue,
		dueSoon,
		returnShipment: returned?.shipment ?? null,
		icpMaterialsEnclosed: returned?.icpMaterialsEnclosed === true,
		confirmedAt: at('confirmed')?.at ?? null
	};
}

/** Any part of the number or of Party A's name, normalised as the phone's search is. */
export function matches(item: QueueItem, q: string | undefined): boolean {
	if (!q || !q.trim()) return true;
	return containsSearch(item.number, q) || containsSearch(item.companyName, q);
}

const time = (s: string | null) => (s ? Date.parse(s) : 0);

/** Awaiting: oldest first. Held: overdue, then due soon, then by due date. Returned: latest first. */
export function compareIn(queue: OfficeQueue): (a: QueueItem, b: QueueItem) => number {
	if (queue === 'awaiting') return (a, b) => time(a.submittedAt) - time(b.submittedAt);
	if (queue === 'returned') return (a, b) => time(b.returnedAt) - time(a.returnedAt);
	const rank = (i: QueueItem) => (i.overdue ? 0 : i.dueSoon ? 1 : 2);
	return (a, b) =>
		rank(a) - rank(b) || (a.due?.due ?? '').localeCompare(b.due?.due ?? '') || time(a.receivedAt) - time(b.receivedAt);
}

export type Counts = Record<OfficeQueue, number>;

export function countQueues(items: readonly QueueItem[]): Counts {
	const counts = Object.fromEntries(OFFICE_QUEUES.map((q) => [q, 0])) as Counts;
	for (const i of items) counts[i.queue]++;
	return counts;
}

export function queuePage(
	rows: readonly PaperCopyRow[],
	calendar: WorkCalendar,
	now: number,
	query: { queue: OfficeQueue; q?: string; limit: number; offset: number }
) {
	const items = rows.map((r) => queueItem(r, calendar, now));
	const matching = items.filter((i) => matches(i, query.q));
	const inQueue = matching.filter((i) => i.queue === query.queue).sort(compareIn(query.queue));
	return {
		queue: query.queue,
		counts: countQueues(items),
		matching: countQueues(matching),
		items: inQueue.slice(query.offset, query.offset + query.limit),
		total: inQueue.length
	};
}
