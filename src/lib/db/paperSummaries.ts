// The paper-copy state of contracts, read from requests, provider events and return-address drafts (light enough for home).
import { isTypedDraft, paperSummary, type PaperSummary } from '../domain/paperCopy';
import type { WorkCalendar } from '../domain/workdays';
import { getDb } from './database';
import { readWorkCalendar } from './holidays';
import type { DraftRow, StampingEventRow, StampingRequestRow } from './types';

/**
 * The drafts key prefix of return-address forms (db/stamping.ts's stampingDraftKey). Not imported from
 * there: that module brings the submission schema and the division tree, which home must not load.
 */
export const STAMPING_DRAFT_PREFIX = 'stamping:';

function summarise(
	requests: (StampingRequestRow | undefined)[],
	events: StampingEventRow[],
	drafts: (DraftRow | undefined)[],
	calendar: WorkCalendar
): Map<string, PaperSummary> {
	const ids = new Set<string>();
	const byId = new Map<string, StampingRequestRow>();
	for (const r of requests) {
		if (!r) continue;
		byId.set(r.contractId, r);
		ids.add(r.contractId);
	}
	const eventsBy = new Map<string, StampingEventRow[]>();
	for (const e of events) {
		(eventsBy.get(e.contractId) ?? eventsBy.set(e.contractId, []).get(e.contractId)!).push(e);
		ids.add(e.contractId);
	}
	const drafted = new Set<string>();
	for (const d of drafts) {
		if (!d || !isTypedDraft(d.value)) continue;
		const id = d.key.slice(STAMPING_DRAFT_PREFIX.length);
		drafted.add(id);
		ids.add(id);
	}
	const out = new Map<string, PaperSummary>();
	for (const id of ids) {
		const s = paperSummary(
			{ request: byId.get(id) ?? null, events: eventsBy.get(id) ?? [], drafted: drafted.has(id) },
			calendar
		);
		if (s) out.set(id, s);
	}
	return out;
}

/** The paper-copy state of these contracts (those with none are left out): a few index reads for a page. */
export async function paperSummaries(ids: readonly string[]): Promise<Map<string, PaperSummary>> {
	if (ids.length === 0) return new Map();
	const db = getDb();
	const [requests, events, drafts, calendar] = await Promise.all([
		db.stampingRequests.bulkGet([...ids]),
		db.stampingEvents
			.where('contractId')
			.anyOf([...ids])
			.toArray(),
		db.drafts.bulkGet(ids.map((id) => STAMPING_DRAFT_PREFIX + id)),
		readWorkCalendar()
	]);
	return summarise(requests, events, drafts, calendar);
}

/**
 * Every paper copy on the device. Requests are optional and few next to contracts (one per contract at
 * most, three events each), so they are read whole rather than through a per-state index.
 */
export async function allPaperSummaries(): Promise<Map<string, PaperSummary>> {
	const db = getDb();
	const [requests, events, drafts, calendar] = await Promise.all([
		db.stampingRequests.toArray(),
		db.stampingEvents.toArray(),
		db.drafts.where('key').startsWith(STAMPING_DRAFT_PREFIX).toArray(),
		readWorkCalendar()
	]);
	return summarise(requests, events, drafts, calendar);
}
