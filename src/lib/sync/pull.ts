// Pull: the account's data, registered contracts and paper-copy requests since a cursor, page by page into Dexie.
import { canonicalJson, sha256Hex } from '../domain/canonical';
import { changesResponse, restoredContract, type ChangesResponse, type RestoredContract } from '../domain/changes';
import { z } from 'zod';
import { stampingEvent } from '../domain/stampingEvent';

const changesEnvelope = changesResponse.extend({
	contracts: z.array(z.unknown()),
	stampingEvents: z.array(z.unknown())
});
import { shanghaiMonth } from '../domain/time';
import { searchKeysOf } from '../db/contracts';
import { getDb } from '../db/database';
import { getMeta, META, type PullProgress, type Session } from '../db/meta';
import type { ContractRow, StampingRequestRow } from '../db/types';
import { apiFetch, HttpError } from './api';
import { downloadDocuments, noteSealedCopies } from './documents';
import { restoreProgress } from './restore-progress';

/** Contracts per page of a pull: one page is one Dexie transaction and at most a few MB of JSON. */
export const PULL_PAGE_LIMIT = 200;

export type ApplyOptions = {
	now?: Date;
	/** The pull this page belongs to, when more pages follow: kept so a reload resumes at the next one. */
	progress?: PullProgress;
};

/** A contract the server sent with its record, checked against its fingerprint before it may be stored. */
async function restorable(c: RestoredContract): Promise<ContractRow | null> {
	if (!c.record || !c.contentHash || !c.pdfSha256 || c.record.id !== c.id) return null;
	// The record is what the PDF was rendered from: a record that does not hash to the registered
	// fingerprint (damaged on the way, or another schema's version) must not pose as the contract.
	if ((await sha256Hex(canonicalJson(c.record))) !== c.contentHash) return null;
	return {
		...c.record,
		status: c.status,
		contentHash: c.contentHash,
		pdfSha256: c.pdfSha256,
		registeredAt: c.registeredAt,
		searchKeys: searchKeysOf(c.record)
	};
}

/**
 * Writes one page atomically, so a crash never leaves half a page with a moved cursor. Merge rules:
 * a contract already on the device keeps its record and document (only status and registration time
 * move); an unknown one is restored and its document queued for download; the outbox is never touched;
 * a submitted paper-copy request is never replaced; events are kept even before their contract arrives.
 */
export async function applyChanges(
	changes: ChangesResponse,
	opts: ApplyOptions | Date = {}
): Promise<{ restored: number }> {
	const { now = new Date(), progress } = opts instanceof Date ? { now: opts } : opts;
	const db = getDb();
	// Hashing is not a Dexie operation: awaited inside the transaction it would commit it early.
	const candidates = new Map<string, ContractRow>();
	for (const c of changes.contracts) {
		const row = await restorable(c);
		if (row) candidates.set(c.id, row);
	}
	let restored = 0;
	await db.transaction(
		'rw',
		[
			db.identity,
			db.provider,
			db.filings,
			db.orders,
			db.contracts,
			db.documents,
			db.documentDownloads,
			db.stampingRequests,
			db.stampingEvents,
			db.holidayYears,
			db.sealedCopies,
			db.meta
		],
		async () => {
			await db.identity.clear();
			await db.identity.put(changes.identity);
			await db.provider.put({ ...changes.provider, key: 'provider' });
			if (changes.filings.length) await db.filings.bulkPut(changes.filings);
			if (changes.orders.length)
				await db.orders.bulkPut(changes.orders.map((o) => ({ ...o, month: shanghaiMonth(o.paidAt) })));

			const ids = changes.contracts.map((c) => c.id);
			const [existing, documents] = await Promise.all([db.contracts.bulkGet(ids), db.documents.bulkGet(ids)]);
			for (const [i, c] of changes.contracts.entries()) {
				const local = existing[i];
				if (local) {
					// Only status moves; the record itself never changes once generated.
					if (local.status !== c.status || local.registeredAt !== c.registeredAt)
						await db.contracts.update(c.id, { status: c.status, registeredAt: c.registeredAt });
					continue;
				}
				const row = candidates.get(c.id);
				if (!row) continue;
				await db.contracts.add(row);
				restored++;
				if (!documents[i])
					await db.documentDownloads.put({
						contractId: c.id,
						state: 'queued',
						size: c.pdfSize ?? null,
						attempts: 0,
						updatedAt: now.getTime()
					});
			}

			await noteSealedCopies(changes.contracts);

			for (const s of changes.stampingRequests ?? []) {
				const local = await db.stampingRequests.get(s.contractId);
				// A submitted address never changes; a draft typed here gives way to the one already submitted elsewhere.
				if (local?.status === 'submitted') continue;
				const row: StampingRequestRow = {
					contractId: s.contractId,
					status: 'submitted',
					submission: s.submission,
					submittedAt: s.submittedAt
				};
				await db.stampingRequests.put(row);
			}
			if (changes.stampingEvents.length) await db.stampingEvents.bulkPut(changes.stampingEvents);
			// A year's schedule as the provider last published it; an older revision (a replayed page) never wins.
			for (const y of changes.holidayYears ?? []) {
				const local = await db.holidayYears.get(y.year);
				if (!local || local.revision <= y.revision) await db.holidayYears.put(y);
			}

			if (progress) {
				await db.meta.put({ key: META.pullPage, value: progress });
			} else {
				await db.meta.delete(META.pullPage);
				await db.meta.bulkPut([
					{ key: META.cursor, value: changes.cursor },
					{ key: META.lastSyncAt, value: now.toISOString() }
				]);
			}
		}
	);
	return { restored };
}

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
