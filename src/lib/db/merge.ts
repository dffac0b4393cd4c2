// How a pulled page and a backup file merge into the device's database, by the rules in mergeRules.ts.
import { canonicalJson, sha256Hex } from '../domain/canonical';
import type { ChangesResponse, RestoredContract } from '../domain/changes';
import { shanghaiMonth } from '../domain/time';
import type { BackupRecords, BackupTable } from '../pwa/backup-schema';
import { BACKUP_TABLES, orderRowSchema } from '../pwa/backup-schema';
import type { Table } from 'dexie';
import { searchKeysOf } from './contracts';
import { getDb, type ContractDeskDB } from './database';
import { META, type PullProgress } from './meta';
import { contractContent, holidayYearWins, requestMerge, same } from './mergeRules';
import type { ContractRow, DocumentRow, OutboxRow, StampingRequestRow } from './types';

/**
 * A contract restored from the server, checked against its fingerprint before it may be stored. The record is
 * what the PDF was rendered from: one that does not hash to the registered fingerprint (damaged on the way, or
 * another schema's version) must not pose as the contract.
 */
async function restorable(c: RestoredContract): Promise<ContractRow | null> {
	if (!c.record || !c.contentHash || !c.pdfSha256 || c.record.id !== c.id) return null;
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

// ── A pulled page ──────────────────────────────────────────────────────────────────────────────────────────────

export type ApplyOptions = {
	now?: Date;
	/** The pull this page belongs to, when more pages follow: kept so a reload resumes at the next one. */
	progress?: PullProgress;
};

/**
 * Writes one page atomically, so a crash never leaves half a page with a moved cursor. The server is the
 * provider's word: its identity, provider, filings and orders replace the device's. A contract already on the
 * device keeps its record and document (only status and registration time move); an unknown one is restored and
 * its document queued for download; the outbox is never touched; a submitted paper-copy request is never
 * replaced; events are kept even before their contract arrives.
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
				const row: StampingRequestRow = {
					contractId: s.contractId,
					status: 'submitted',
					submission: s.submission,
					submittedAt: s.submittedAt
				};
				// A submitted address never changes; a draft typed here gives way to the one already submitted elsewhere.
				const merge = requestMerge(await db.stampingRequests.get(s.contractId), row);
				if (merge === 'add' || merge === 'replace') await db.stampingRequests.put(row);
			}
			if (changes.stampingEvents.length) await db.stampingEvents.bulkPut(changes.stampingEvents);
			for (const y of changes.holidayYears ?? []) {
				if (holidayYearWins(await db.holidayYears.get(y.year), y)) await db.holidayYears.put(y);
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

/**
 * Inside the pull's transaction: the contracts the server has sealed, as rows without bytes (a new seal replaces
 * a kept copy with another hash). Only contracts on this device; an older server sends no `sealed`.
 */
async function noteSealedCopies(contracts: readonly RestoredContract[]): Promise<void> {
	const db = getDb();
	for (const c of contracts) {
		if (!c.sealed) continue;
		const local = await db.sealedCopies.get(c.id);
		if (local?.sha256 === c.sealed.sha256 || !(await db.contracts.get(c.id))) continue;
		await db.sealedCopies.put({
			contractId: c.id,
			sha256: c.sealed.sha256,
			size: c.sealed.size,
			sealedAt: c.sealed.sealedAt
		});
	}
}

// ── A backup file ──────────────────────────────────────────────────────────────────────────────────────────────

/** The device's tables a backup file holds, by the file's table names. */
export function backupTables(db: ContractDeskDB): Table<unknown, string>[] {
	return BACKUP_TABLES.map((name) => db[name] as Table<unknown, string>);
}

export type RefusalReason = 'immutableConflict' | 'corruptDocument' | 'documentMismatch' | 'submittedConflict';
export type Refusal = { table: BackupTable; id: string; reason: RefusalReason };
type Counts = Record<BackupTable, number>;

/**
 * added: new on this device. skipped: already here, identical. kept: already here and different, the
 * device's copy wins (server data is refreshed by sync, drafts are the user's latest typing).
 * updated: a submitted return address replacing a local draft. refused: would change something immutable.
 * A contract's status is never taken from a file: imported contracts are pending until the next pull says otherwise.
 */
export type ImportReport = { added: Counts; skipped: Counts; kept: Counts; updated: Counts; refused: Refusal[] };

const zero = (): Counts => ({
	identity: 0,
	provider: 0,
	filings: 0,
	orders: 0,
	contracts: 0,
	stampingRequests: 0,
	stampingEvents: 0,
	outbox: 0,
	drafts: 0,
	documents: 0
});
export const total = (c: Counts): number => Object.values(c).reduce((a, b) => a + b, 0);

/** A file's PDF, decoded and checked against its size and fingerprint before the transaction opens. */
export type DecodedDocument = { contractId: string; sha256: string; bytes: Uint8Array; type: string; ok: boolean };

/**
 * Merges a validated file by id in one transaction. It only adds (and lets a contract's status move
 * forward, which the provider may do): a contract, a document or a submitted return address that
 * differs from the device's copy is refused and reported, never overwritten.
 */
export async function mergeBackup(r: BackupRecords, decoded: readonly DecodedDocument[]): Promise<ImportReport> {
	const report: ImportReport = { added: zero(), skipped: zero(), kept: zero(), updated: zero(), refused: [] };
	const db = getDb();
	const tables = [...backupTables(db), db.meta];
	// Only Dexie promises are awaited inside: anything else (even a nested native async helper) can make
	// Dexie lose the transaction in a real browser, which then commits early.
	await db.transaction('rw', tables, async () => {
		const now = Date.now();
		// A row that was being sent when the file was made has no sender any more: it is due again.
		const outbox = (r.outbox as OutboxRow[]).map((o) =>
			o.status === 'sending' ? { ...o, status: 'pending' as const, nextAttemptAt: now } : o
		);
		// Records the provider owns, queue rows and drafts: added when missing; otherwise the device's copy
		// wins (the next pull refreshes provider data, a local draft is the user's latest typing).
		const plainTables = [
			{ name: 'identity', table: db.identity, rows: r.identity, key: (x: { accountId: string }) => x.accountId },
			{ name: 'provider', table: db.provider, rows: r.provider, key: (x: { key: string }) => x.key },
			{ name: 'filings', table: db.filings, rows: r.filings, key: (x: { id: string }) => x.id },
			{ name: 'orders', table: db.orders, rows: r.orders, key: (x: { id: string }) => x.id },
			{ name: 'stampingEvents', table: db.stampingEvents, rows: r.stampingEvents, key: (x: { id: string }) => x.id },
			{ name: 'drafts', table: db.drafts, rows: r.drafts, key: (x: { key: string }) => x.key },
			{ name: 'outbox', table: db.outbox, rows: outbox, key: (x: { id: string }) => x.id }
		] as unknown as {
			name: keyof BackupRecords;
			table: Table<unknown, string>;
			rows: unknown[];
			key: (row: unknown) => string;
		}[];
		for (const { name, table, rows, key } of plainTables) {
			const locals = await table.bulkGet(rows.map(key));
			const fresh: unknown[] = [];
			rows.forEach((row, i) => {
				// An order's search parts are the device's own index (v7), not part of the file's record.
				const local =
					name === 'orders' && locals[i] !== undefined
						? (orderRowSchema.safeParse(locals[i]).data ?? locals[i])
						: locals[i];
				if (local === undefined) fresh.push(row);
				else if (same(local, row)) report.skipped[name]++;
				else report.kept[name]++;
			});
			if (fresh.length) await table.bulkAdd(fresh);
			report.added[name] += fresh.length;
		}

		// A file's word on a contract's status counts for nothing: only the server says whether it is effective.
		// A void contract was never registered and never will be: it stays void (nothing of it is queued).
		const contracts = (r.contracts as ContractRow[]).map((c) => ({
			...c,
			status: c.status === 'void' ? ('void' as const) : ('pending' as const),
			registeredAt: null
		}));
		const localContracts = await db.contracts.bulkGet(contracts.map((c) => c.id));
		const contractsHere = new Map<string, ContractRow>();
		const newContracts: ContractRow[] = [];
		contracts.forEach((row, i) => {
			const local = localContracts[i];
			if (!local) {
				newContracts.push(row);
				contractsHere.set(row.id, row);
			} else if (contractContent(local) !== contractContent(row)) {
				contractsHere.set(row.id, local);
				report.refused.push({ table: 'contracts', id: row.id, reason: 'immutableConflict' });
			} else {
				contractsHere.set(row.id, local);
				report.skipped.contracts++;
			}
		});
		if (newContracts.length) {
			await db.contracts.bulkAdd(newContracts);
			// The next pull starts from scratch, so it brings the server's status of every contract, these included.
			await db.meta.delete(META.cursor);
		}
		report.added.contracts += newContracts.length;

		const good = decoded.filter((d) => {
			if (!d.ok) report.refused.push({ table: 'documents', id: d.contractId, reason: 'corruptDocument' });
			return d.ok;
		});
		const localDocs = await db.documents.bulkGet(good.map((d) => d.contractId));
		const missing = good.filter((d) => !contractsHere.has(d.contractId)).map((d) => d.contractId);
		const otherContracts = new Map(
			(await db.contracts.bulkGet(missing)).filter((c) => c !== undefined).map((c) => [c.id, c])
		);
		const newDocs: DocumentRow[] = [];
		good.forEach((d, i) => {
			const local = localDocs[i];
			if (local) {
				if (local.sha256 === d.sha256) report.skipped.documents++;
				else report.refused.push({ table: 'documents', id: d.contractId, reason: 'immutableConflict' });
				return;
			}
			// A document belongs beside the contract whose fingerprint it carries, and nowhere else.
			const contract = contractsHere.get(d.contractId) ?? otherContracts.get(d.contractId);
			if (!contract || contract.pdfSha256 !== d.sha256) {
				report.refused.push({ table: 'documents', id: d.contractId, reason: 'documentMismatch' });
				return;
			}
			newDocs.push({
				contractId: d.contractId,
				blob: new Blob([d.bytes as BlobPart], { type: d.type }),
				sha256: d.sha256,
				size: d.bytes.byteLength
			});
		});
		if (newDocs.length) await db.documents.bulkAdd(newDocs);
		report.added.documents += newDocs.length;

		const requests = r.stampingRequests as StampingRequestRow[];
		const localRequests = await db.stampingRequests.bulkGet(requests.map((s) => s.contractId));
		const newRequests: StampingRequestRow[] = [];
		const replaced: StampingRequestRow[] = [];
		requests.forEach((row, i) => {
			const merge = requestMerge(localRequests[i], row);
			if (merge === 'add') newRequests.push(row);
			else if (merge === 'same') report.skipped.stampingRequests++;
			else if (merge === 'replace') replaced.push(row);
			else if (merge === 'keep') report.kept.stampingRequests++;
			else report.refused.push({ table: 'stampingRequests', id: row.contractId, reason: 'submittedConflict' });
		});
		if (newRequests.length) await db.stampingRequests.bulkAdd(newRequests);
		if (replaced.length) await db.stampingRequests.bulkPut(replaced);
		report.added.stampingRequests += newRequests.length;
		report.updated.stampingRequests += replaced.length;
	});
	return report;
}
