// Pull: the account's data, registered contracts and paper-copy requests since a cursor, fetched page by page and
// merged into Dexie by db/merge.ts.
import { z } from 'zod';
import { changesResponse, restoredContract, type ChangesResponse } from '../domain/changes';
import { stampingEvent } from '../domain/stampingEvent';
import { getDb } from '../db/database';
import { applyChanges } from '../db/merge';
import { getMeta, META, type PullProgress, type Session } from '../db/meta';
import { apiFetch, HttpError } from './api';
import { downloadDocuments } from './documents';
import { restoreProgress } from './restore-progress';

const changesEnvelope = changesResponse.extend({
	contracts: z.array(z.unknown()),
	stampingEvents: z.array(z.unknown())
});

/** Contracts per page of a pull: one page is one Dexie transaction and at most a few MB of JSON. */
export const PULL_PAGE_LIMIT = 200;

export async function fetchChanges(
	session: Session,
	cursor: string | null | undefined,
	page?: string,
	limit = PULL_PAGE_LIMIT
): Promise<ChangesResponse> {
	const params = new URLSearchParams();
	if (cursor) params.set('since', cursor);
	if (page) params.set('page', page);
	params.set('limit', String(limit));
	// The holiday calendar comes with a pull's first page: the years published after the newest one held here.
	if (!page)
		params.set('calendarSince', String((await getDb().holidayYears.orderBy('revision').last())?.revision ?? 0));
	const { data } = await apiFetch(`/changes?${params}`, { token: session.token });
	// Contracts one by one: a record this app version cannot read (a newer template, say) is skipped, not
	// allowed to stop the whole restore; it stays on the server for a newer app.
	const envelope = changesEnvelope.parse(data);
	const contracts = envelope.contracts.flatMap((c) => {
		const parsed = restoredContract.safeParse(c);
		return parsed.success ? [parsed.data] : [];
	});
	// Likewise an event of a kind a later version adds (as 确认收到 added `confirmed`): skipped, not fatal to the pull.
	const stampingEvents = envelope.stampingEvents.flatMap((e) => {
		const parsed = stampingEvent.safeParse(e);
		return parsed.success ? [parsed.data] : [];
	});
	return { ...envelope, contracts, stampingEvents };
}

/**
 * One pull, page after page until the server says there is no next one; throws NetworkError /
 * HttpError for the caller to show or retry. Each page is committed with the position of the next,
 * so a reload or a lost connection resumes the pull where it stopped instead of starting over.
 * `maxPages` stops early on purpose; the next call goes on from the stored page.
 */
export async function pull(opts: { limit?: number; maxPages?: number } = {}): Promise<void> {
	const session = await getMeta<Session>(META.session);
	if (!session) return;
	const resume = await getMeta<PullProgress>(META.pullPage);
	let since = resume ? resume.since : ((await getMeta<string>(META.cursor)) ?? null);
	let page = resume?.page;
	let restored = resume?.restored ?? 0;
	let total = resume?.totalContracts ?? 0;
	let pages = 0;
	try {
		for (;;) {
			let changes: ChangesResponse;
			try {
				changes = await fetchChanges(session, since, page, opts.limit);
			} catch (e) {
				// The server can no longer continue the stored pull (its database was reset): start again from the cursor.
				if (!(resume && page === resume.page && e instanceof HttpError && e.status === 400)) throw e;
				await getDb().meta.delete(META.pullPage);
				since = (await getMeta<string>(META.cursor)) ?? null;
				page = undefined;
				restored = 0;
				continue;
			}
			if (page === undefined) total = changes.totalContracts ?? changes.contracts.length;
			const next = changes.next;
			const progress =
				next === null
					? undefined
					: { since, page: next, totalContracts: total, restored: restored + changes.contracts.length };
			// A long restore shows its progress; a small incremental pull stays silent.
			if (next !== null || restoreProgress.contracts) restoreProgress.contracts = { done: restored, total };
			await applyChanges(changes, { progress });
			restored += changes.contracts.length;
			if (restoreProgress.contracts) restoreProgress.contracts = { done: restored, total };
			if (next === null) break;
			page = next;
			// The rest follows in the background (sign-in shows the app after the first page); it resumes from here.
			if (++pages >= (opts.maxPages ?? Infinity)) break;
		}
	} finally {
		restoreProgress.contracts = null;
	}
	void downloadDocuments().catch(() => undefined);
}
