// Contracts on the device: the atomic write of a generated contract, paged lists, immutability.
import { newOutboxEntry } from '../domain/outbox';
import type { ContractKind, ContractRecord } from '../domain/contract';
import { assertOrdersAttachable, ContractRuleError } from '../domain/contractRules';
import { MIN_PART, normalizeSearch } from '../domain/search';
import { getDb } from './database';
export { ImmutableRecordError } from './immutability';
import type { ContractRow, DocumentDownloadRow, OutboxRow } from './types';
import type { Page } from './orders';

export function searchKeysOf(record: ContractRecord): string[] {
	const keys = [record.number.toLowerCase()];
	if (record.kind === 'filing') {
		keys.push(record.filing.filingNumber.toLowerCase(), record.filing.orderNumber);
		for (const site of record.filing.sites) keys.push(site.siteNumber.toLowerCase());
	}
	if (record.kind === 'order') for (const o of record.orders) keys.push(o.id);
	return [...new Set(keys)];
}

export type GeneratedContract = {
	record: ContractRecord;
	contentHash: string;
	pdfSha256: string;
	/** The form draft the contract was made from: deleted with the write, so it cannot make a second one. */
	draftKey?: string;
	/** A contract whose registration was refused, made void by this one in the same write. */
	replaces?: string;
} & (
	| { pdf: Uint8Array; blob?: undefined }
	/** The PDF already as a Blob (made where it was rendered; the caller keeps it to show the contract at once): stored as is. */
	| { blob: Blob; pdf?: undefined }
);

/**
 * One transaction: the contract, its PDF, the registration outbox row and the deletion of its
 * draft, or nothing at all. An order contract's orders are checked again inside it: a pull that
 * marked one refunded while the PDF was rendering must not slip through.
 */
export async function saveGeneratedContract(g: GeneratedContract): Promise<ContractRow> {
	const db = getDb();
	const row: ContractRow = {
		...g.record,
		status: 'pending',
		contentHash: g.contentHash,
		pdfSha256: g.pdfSha256,
		registeredAt: null,
		searchKeys: searchKeysOf(g.record)
	};
	const blob = g.blob ?? new Blob([g.pdf as BlobPart], { type: 'application/pdf' });
	// Only an order contract reads the orders: the others lock one store fewer.
	const stores = [db.contracts, db.documents, db.outbox, db.drafts, ...(g.record.kind === 'order' ? [db.orders] : [])];
	await db.transaction('rw', stores, async () => {
		if (g.record.kind === 'order') {
			const rows = await db.orders.bulkGet(g.record.orders.map((o) => o.id));
			const current = new Map(rows.filter((r) => r !== undefined).map((r) => [r.id, r]));
			assertOrdersAttachable(g.record.orders, (id) => current.get(id));
		}
		if (g.replaces !== undefined) {
			// Only a refused registration may be replaced: an effective or waiting contract stays what it is.
			const old = await db.contracts.get(g.replaces);
			const refused = await registrationRefusal(g.replaces);
			if (!old || old.status !== 'pending' || !refused) {
				throw new ContractRuleError([{ path: 'id', code: 'notReplaceable' }]);
			}
			// The user has acted on the refusal: its row leaves the queue (nothing is left to send), and the
			// void contract keeps the provider's reason as part of its history.
			await db.contracts.update(g.replaces, { status: 'void', replacedBy: row.id, refusal: refused.lastError });
			await db.outbox.delete(refused.id);
		}
		// Issued together, not one round trip each: IndexedDB runs a transaction's requests in order all the same, and
		// any failure aborts them all. On a phone every round trip to the storage process is a wait of its own.
		await Promise.all([
			db.contracts.add(row),
			db.documents.add({ contractId: row.id, blob, sha256: g.pdfSha256, size: blob.size }),
			db.outbox.add(newOutboxEntry('registerContract', row.id, { contractId: row.id })),
			g.draftKey === undefined ? undefined : db.drafts.delete(g.draftKey)
		]);
	});
	return row;
}

/** 'refused' is a pending contract whose registration the provider refused (its outbox row says so). */
export type ContractListStatus = ContractRow['status'] | 'refused';
export type ContractQuery = { kind?: ContractKind; status?: ContractListStatus; search?: string };

/** Newest first, through indexes: the first page stays fast with tens of thousands of rows. */
export async function queryContracts(q: ContractQuery, offset: number, limit: number): Promise<ContractPage> {
	const db = getDb();
	const search = q.search?.trim().toLowerCase();
	if (search) return searchContracts(search, q, offset, limit);
	// Refusals are rare: their ids come from the outbox's status index, and the rest is filtered by them.
	const refused = q.status === 'refused' || q.status === 'pending' ? await refusedContractIds() : new Set<string>();
	if (q.status === 'refused') {
		const rows = (await db.contracts.bulkGet([...refused])).filter(
			(r): r is ContractRow => r !== undefined && r.status === 'pending' && (!q.kind || r.kind === q.kind)
		);
		rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
		return { rows: rows.slice(offset, offset + limit), total: rows.length };
	}
	let c;
	if (q.kind) {
		c = db.contracts.where('[kind+createdAt]').between([q.kind, ''], [q.kind, '\uffff']).reverse();
		if (q.status) c = c.filter((r) => r.status === q.status);
	} else if (q.status) {
		c = db.contracts.where('[status+createdAt]').between([q.status, ''], [q.status, '\uffff']).reverse();
	} else {
		c = db.contracts.orderBy('createdAt').reverse();
	}
	if (refused.size) c = c.filter((r) => !refused.has(r.id));
	const [rows, total] = await Promise.all([c.clone().offset(offset).limit(limit).toArray(), c.count()]);
	return { rows, total };
}

/** Up to this many index entries, load the hits and sort them; above, walk the date index and keep the hits. */
const SMALL_HIT_SET = 500;

/** A page of search results; `approximate` when so many match that the total is estimated from the index. */
export type ContractPage = Page<ContractRow> & { approximate?: boolean };

/**
 * The contracts whose number, filing number or order id contains the search (normalised: case, hyphens and
 * spaces do not count) — one prefix range over the suffix index (v5). Fewer than MIN_PART characters only
 * match from the start of a key, as `HT-` does. A narrow search loads only its hits. A broad one (a part
 * most numbers share, such as the year) would cost a scan of thousands of keys to count exactly (≈ 0.5 s
 * at 10,000 in Chromium), so it walks the date index matching rows until the page is full and takes the
 * total from the index's entry count, which may count a contract more than once (several of its order ids).
 */
async function searchContracts(search: string, q: ContractQuery, offset: number, limit: number): Promise<ContractPage> {
	const db = getDb();
	const part = normalizeSearch(search);
	const byParts = part.length >= MIN_PART;
	const prefix = search.trim().toLowerCase();
	const range = () =>
		byParts ? db.contracts.where('searchParts').startsWith(part) : db.contracts.where('searchKeys').startsWith(prefix);
	const stored = q.status === 'refused' ? 'pending' : q.status;
	const refused = stored === 'pending' ? await refusedContractIds() : null;
	const keep = (r: ContractRow) =>
		(!q.kind || r.kind === q.kind) &&
		(!stored || r.status === stored) &&
		(!refused || refused.has(r.id) === (q.status === 'refused'));
	const entries = await range().count();
	if (entries <= SMALL_HIT_SET) {
		const ids = new Set((await range().primaryKeys()) as string[]);
		const rows = (await db.contracts.bulkGet([...ids])).filter((r): r is ContractRow => !!r && keep(r));
		rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
		return { rows: rows.slice(offset, offset + limit), total: rows.length };
	}
	const hit = (r: ContractRow) =>
		keep(r) &&
		(byParts ? (r.searchParts ?? []).some((p) => p.startsWith(part)) : r.searchKeys.some((k) => k.startsWith(prefix)));
	// One row more than the page tells whether another page follows; at the end the total is exact.
	const rows = await db.contracts
		.orderBy('createdAt')
		.reverse()
		.filter(hit)
		.offset(offset)
		.limit(limit + 1)
		.toArray();
	if (rows.length <= limit) return { rows, total: offset + rows.length };
	return { rows: rows.slice(0, limit), total: Math.max(entries, offset + limit + 1), approximate: true };
}

/** The contract an order is attached to. */
export type AttachedTo = { contractId: string; number: string };

/**
 * For the given order ids, the contract each is already attached to (one order, one contract). A
 * void contract or one whose registration was refused holds no orders. Only contracts holding one
 * of these ids are read (order ids are search keys), so a page of the picker costs a few index
 * lookups however many contracts exist, and its live query wakes only for them.
 */
export async function attachedOrders(ids: readonly string[]): Promise<Map<string, AttachedTo>> {
	const map = new Map<string, AttachedTo>();
	if (ids.length === 0) return map;
	const wanted = new Set(ids);
	const db = getDb();
	// Keys first: a multi-entry index yields a contract once per matching id, its rows only once.
	const keys = new Set(
		(await db.contracts
			.where('searchKeys')
			.anyOf([...wanted])
			.primaryKeys()) as string[]
	);
	const contracts = (await db.contracts.bulkGet([...keys])).filter(
		(c): c is ContractRow => c !== undefined && c.kind === 'order' && c.status !== 'void'
	);
	const refused = await refusedContractIds(contracts.filter((c) => c.status === 'pending').map((c) => c.id));
	// Newest first: where an order is in several contracts, the latest one is named.
	contracts.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
	for (const c of contracts) {
		if (c.kind !== 'order' || refused.has(c.id)) continue;
		for (const o of c.orders)
			if (wanted.has(o.id) && !map.has(o.id)) map.set(o.id, { contractId: c.id, number: c.number });
	}
	return map;
}

/** Why the provider refused to register this contract, when its registration row was rejected. */
export async function registrationRefusal(contractId: string): Promise<OutboxRow | undefined> {
	return getDb()
		.outbox.where('resourceId')
		.equals(contractId)
		.filter((r) => r.kind === 'registerContract' && r.status === 'rejected')
		.first();
}

/** Of these contracts (all when omitted), those whose registration the provider refused. */
export async function refusedContractIds(contractIds?: readonly string[]): Promise<Set<string>> {
	if (contractIds?.length === 0) return new Set();
	const outbox = getDb().outbox;
	const rows = await (
		contractIds ? outbox.where('resourceId').anyOf([...contractIds]) : outbox.where('status').equals('rejected')
	)
		.filter((r) => r.kind === 'registerContract' && r.status === 'rejected')
		.toArray();
	return new Set(rows.map((r) => r.resourceId));
}

export async function contractsForFiling(filingNumber: string): Promise<ContractRow[]> {
	return getDb()
		.contracts.where('searchKeys')
		.equals(filingNumber.toLowerCase())
		.filter((c) => c.kind === 'filing')
		.toArray();
}

/** The download state of those contracts whose document is not on the device yet, by contract id. */
export async function pendingDocuments(ids: readonly string[]): Promise<Map<string, DocumentDownloadRow>> {
	const rows = await getDb().documentDownloads.bulkGet([...ids]);
	return new Map(rows.filter((r): r is DocumentDownloadRow => r !== undefined).map((r) => [r.contractId, r]));
}

/** Documents still to download (queued) and refused ones (failed): the restore banner's counts. */
export async function documentQueueCounts(): Promise<{ queued: number; failed: number }> {
	const db = getDb();
	const [queued, failed] = await Promise.all([
		db.documentDownloads.where('state').equals('queued').count(),
		db.documentDownloads.where('state').equals('failed').count()
	]);
	return { queued, failed };
}
