// The query of GET /changes: a cursor (since), the page of a pull in progress, and the contracts per page.
export const PULL_LIMIT = { default: 200, max: 1000 } as const;

export type ChangesQuery = { since: number; page?: string; limit: number };

/** The holiday-calendar part of a pull: the revision of the newest schedule the device holds (0: none). */
export type CalendarQuery = { calendarSince: number };

export type ParsedChangesQuery =
	{ ok: true; value: ChangesQuery; calendar: CalendarQuery } | { ok: false; fields: Record<string, string[]> };

export function parseChangesQuery(q: {
	since?: string;
	page?: string;
	limit?: string;
	calendarSince?: string;
}): ParsedChangesQuery {
	const fields: Record<string, string[]> = {};
	let calendarSince = 0;
	if (q.calendarSince !== undefined && q.calendarSince !== '') {
		if (/^\d{1,15}$/.test(q.calendarSince)) calendarSince = Number(q.calendarSince);
		else fields.calendarSince = ['cursor'];
	}
	let since = 0;
	if (q.since !== undefined && q.since !== '') {
		if (/^\d{1,15}$/.test(q.since)) since = Number(q.since);
		else fields.since = ['cursor'];
	}
	let limit: number = PULL_LIMIT.default;
	if (q.limit !== undefined && q.limit !== '') {
		const n = /^\d{1,6}$/.test(q.limit) ? Number(q.limit) : NaN;
		if (n >= 1 && n <= PULL_LIMIT.max) limit = n;
		else fields.limit = ['range'];
	}
	// The page token is opaque here; the store decides whether it names a pull it can continue.
	const page = q.page === undefined || q.page === '' ? undefined : q.page;
	if (page !== undefined && page.length > 500) fields.page = ['page'];
	if (Object.keys(fields).length) return { ok: false, fields };
	return { ok: true, value: { since, page, limit }, calendar: { calendarSince } };
}
