// Pull: the account's data and server-side status changes, since a cursor, written into Dexie.
import { changesResponse, type ChangesResponse } from '../domain/changes';
import { shanghaiMonth } from '../domain/time';
import { getDb } from '../db/database';
import { getMeta, META, type Session } from '../db/meta';
import { apiFetch } from './api';

/** Writes one pull result atomically, so a crash never leaves half a delta with a new cursor. */
export async function applyChanges(changes: ChangesResponse, now = new Date()): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[db.identity, db.provider, db.filings, db.orders, db.contracts, db.stampingEvents, db.meta],
		async () => {
			await db.identity.clear();
			await db.identity.put(changes.identity);
			await db.provider.put({ ...changes.provider, key: 'provider' });
			if (changes.filings.length) await db.filings.bulkPut(changes.filings);
			if (changes.orders.length)
				await db.orders.bulkPut(changes.orders.map((o) => ({ ...o, month: shanghaiMonth(o.paidAt) })));
			for (const c of changes.contracts) {
				// Only status moves; the record itself never changes once generated.
				await db.contracts.update(c.id, { status: c.status, registeredAt: c.registeredAt });
			}
			if (changes.stampingEvents.length) await db.stampingEvents.bulkPut(changes.stampingEvents);
			await db.meta.bulkPut([
				{ key: META.cursor, value: changes.cursor },
				{ key: META.lastSyncAt, value: now.toISOString() }
			]);
		}
	);
}

export async function fetchChanges(session: Session, cursor: string | undefined): Promise<ChangesResponse> {
	const query = cursor ? `?since=${encodeURIComponent(cursor)}` : '';
	const { data } = await apiFetch(`/changes${query}`, { token: session.token });
	return changesResponse.parse(data);
}

/** One pull round; throws NetworkError / HttpError for the caller to show or retry. */
export async function pull(): Promise<void> {
	const session = await getMeta<Session>(META.session);
	if (!session) return;
	const cursor = await getMeta<string>(META.cursor);
	await applyChanges(await fetchChanges(session, cursor));
}

