// Contracts on the device: the atomic write of a generated contract, paged lists, immutability.
import { newOutboxEntry } from '../domain/outbox';
import type { ContractKind, ContractRecord, ContractStatus } from '../domain/contract';
import { getDb } from './database';
export { ImmutableRecordError } from './immutability';
import type { ContractRow } from './types';
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
	pdf: Uint8Array;
	pdfSha256: string;
};

/** One transaction: the contract, its PDF and the registration outbox row, or nothing at all. */
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
	const blob = new Blob([g.pdf as BlobPart], { type: 'application/pdf' });
	await db.transaction('rw', db.contracts, db.documents, db.outbox, async () => {
		await db.contracts.add(row);
		await db.documents.add({ contractId: row.id, blob, sha256: g.pdfSha256, size: g.pdf.byteLength });
		await db.outbox.add(newOutboxEntry('registerContract', row.id, { contractId: row.id }));
	});
	return row;
}

export type ContractQuery = { kind?: ContractKind; status?: ContractStatus; search?: string };

/** Newest first, through indexes: the first page stays fast with tens of thousands of rows. */
export async function queryContracts(q: ContractQuery, offset: number, limit: number): Promise<Page<ContractRow>> {
	const db = getDb();
	const search = q.search?.trim().toLowerCase();
	if (search) return searchContracts(search, q, offset, limit);
	let c;
	if (q.kind) {
		c = db.contracts.where('[kind+createdAt]').between([q.kind, ''], [q.kind, '\uffff']).reverse();
		if (q.status) c = c.filter((r) => r.status === q.status);
	} else if (q.status) {
		c = db.contracts.where('[status+createdAt]').between([q.status, ''], [q.status, '\uffff']).reverse();
	} else {
		c = db.contracts.orderBy('createdAt').reverse();
	}
	const [rows, total] = await Promise.all([c.clone().offset(offset).limit(limit).toArray(), c.count()]);
	return { rows, total };
}

/** Below this many hits, load them and sort; above, walk the date index and keep the hits. */
const SMALL_HIT_SET = 500;

/**
 * Search through the multi-entry key index using keys only, so a broad prefix ("ht-2026") over
 * 10,000 contracts costs a key scan, not loading every matching record.
 */
async function searchContracts(search: string, q: ContractQuery, offset: number, limit: number): Promise<Page<ContractRow>> {
	const db = getDb();
	let ids = new Set((await db.contracts.where('searchKeys').startsWith(search).primaryKeys()) as string[]);
	for (const [index, value] of [['kind', q.kind], ['status', q.status]] as const) {
		if (!value) continue;
		const allowed = new Set((await db.contracts.where(index).equals(value).primaryKeys()) as string[]);
		ids = new Set([...ids].filter((id) => allowed.has(id)));
	}
	if (ids.size <= SMALL_HIT_SET) {
		const rows = (await db.contracts.bulkGet([...ids])).filter((r): r is ContractRow => !!r);
		rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
		return { rows: rows.slice(offset, offset + limit), total: ids.size };
	}
	const rows = await db.contracts
		.orderBy('createdAt')
		.reverse()
		.filter((r) => ids.has(r.id))
		.offset(offset)
		.limit(limit)
		.toArray();
	return { rows, total: ids.size };
}

/** Ids of orders already attached to some contract, to mark them in the picker. */
export async function attachedOrderIds(): Promise<Map<string, string>> {
	const map = new Map<string, string>();
	await getDb()
		.contracts.where('kind')
		.equals('order')
		.each((c) => {
			if (c.kind === 'order') for (const o of c.orders) map.set(o.id, c.number);
		});
	return map;
}

export async function contractsForFiling(filingNumber: string): Promise<ContractRow[]> {
	return getDb().contracts.where('searchKeys').equals(filingNumber.toLowerCase()).filter((c) => c.kind === 'filing').toArray();
}
