// Backup: export every record and PDF of the account as one validated JSON file; import merges by id, only ever adding.
import { base64ToBytes, bytesToBase64 } from '../bytes/base64';
import { canonicalJson, sha256Hex } from '../domain/canonical';
import { shanghaiParts } from '../domain/time';
import type { Table } from 'dexie';
import { getDb } from '../db/database';
import { getMeta, META, setMeta, type Session } from '../db/meta';
import type { ContractRow, DocumentRow, StampingRequestRow } from '../db/types';
import {
	BACKUP_FORMAT,
	BACKUP_TABLES,
	BACKUP_VERSION,
	CONTRACT_MUTABLE_FIELDS,
	backupFileSchema,
	contractRowSchema,
	orderRowSchema,
	stampingRequestRowSchema,
	type BackupFile,
	type BackupRecords,
	type BackupTable
} from './backup-schema';

export type BackupErrorCode = 'notJson' | 'notBackup' | 'newerVersion' | 'invalid' | 'otherAccount' | 'nothingToExport';

export class BackupError extends Error {
	constructor(
		readonly code: BackupErrorCode,
		readonly detail = ''
	) {
		super(detail ? `${code}: ${detail}` : code);
		this.name = 'BackupError';
	}
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

async function blobBytes(blob: Blob): Promise<Uint8Array> {
	return new Uint8Array(await blob.arrayBuffer());
}

async function currentAccountId(): Promise<string | undefined> {
	const session = await getMeta<Session>(META.session);
	if (session) return session.accountId;
	return (await getDb().identity.toArray())[0]?.accountId;
}

/** Everything of the account on this device. The session token is left out on purpose: a file is not a login. */
export async function exportBackup(opts: { now?: Date; appVersion?: string } = {}): Promise<BackupFile> {
	const db = getDb();
	const accountId = await currentAccountId();
	if (!accountId) throw new BackupError('nothingToExport');
	const tables = [
		db.identity,
		db.provider,
		db.filings,
		db.orders,
		db.contracts,
		db.documents,
		db.stampingRequests,
		db.stampingEvents,
		db.outbox,
		db.drafts
	];
	const snapshot = await db.transaction('r', tables, async () => ({
		identity: await db.identity.toArray(),
		provider: await db.provider.toArray(),
		filings: await db.filings.toArray(),
		orders: await db.orders.toArray(),
		contracts: await db.contracts.toArray(),
		documents: await db.documents.toArray(),
		stampingRequests: await db.stampingRequests.toArray(),
		stampingEvents: await db.stampingEvents.toArray(),
		outbox: await db.outbox.toArray(),
		drafts: await db.drafts.toArray()
	}));
	// Blobs are read after the transaction: awaiting them inside would let IndexedDB commit under us.
	const documents = [];
	for (const d of snapshot.documents) {
		documents.push({
			contractId: d.contractId,
			sha256: d.sha256,
			size: d.size,
			type: d.blob.type || 'application/pdf',
			base64: bytesToBase64(await blobBytes(d.blob))
		});
	}
	const { documents: _, ...records } = snapshot;
	const file = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: (opts.now ?? new Date()).toISOString(),
		accountId,
		...(opts.appVersion ? { appVersion: opts.appVersion } : {}),
		records,
		documents
	};
	// Validating our own output means an export can always be imported again.
	const parsed = backupFileSchema.safeParse(file);
	if (!parsed.success) throw new BackupError('invalid', describeIssues(parsed.error.issues, file));
	return parsed.data;
}

/** Named by the Beijing date and time of the export (the UTC date is a day behind before 08:00 in China). */
export function backupFileName(exportedAt: string): string {
	const p = shanghaiParts(exportedAt);
	return `contract-desk-backup-${p.y}${p.m}${p.d}-${p.hh}${p.mm}${p.ss}.json`;
}

/** Export as a downloadable file and remember when (shown on the storage page). */
export async function exportBackupFile(
	opts: { appVersion?: string } = {}
): Promise<{ blob: Blob; name: string; file: BackupFile }> {
	const file = await exportBackup(opts);
	const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
	await setMeta(META.lastBackupAt, file.exportedAt);
	return { blob, name: backupFileName(file.exportedAt), file };
}

type Issue = { path: readonly PropertyKey[]; message: string };

/** The row an issue is in: [table, index] for records and documents, undefined for the envelope. */
function rowOf(issue: Issue): [string, number] | undefined {
	const [first, second, third] = issue.path;
	if (first === 'records' && typeof second === 'string' && typeof third === 'number') return [second, third];
	if (first === 'documents' && typeof second === 'number') return ['documents', second];
	return undefined;
}

/**
 * "outbox #4 (id …): payload.returnAddress.address loneSurrogate" — the first bad row in file order, so the
 * user (or whoever made the file) can find it; a file is refused whole, never imported in part.
 */
export function describeIssues(issues: readonly Issue[], data?: unknown): string {
	const order = (i: Issue) => {
		const row = rowOf(i);
		return row ? [(BACKUP_TABLES as readonly string[]).indexOf(row[0]), row[1]] : [-1, -1];
	};
	const first = [...issues].sort((a, b) => {
		const [ta, ra] = order(a);
		const [tb, rb] = order(b);
		return ta! - tb! || ra! - rb!;
	})[0];
	if (!first) return '';
	const row = rowOf(first);
	if (!row) return `${first.path.map(String).join('.') || '$'}: ${first.message}`;
	const [table, index] = row;
	const rows =
		table === 'documents'
			? (data as BackupFile | undefined)?.documents
			: (data as { records?: Record<string, unknown[]> } | undefined)?.records?.[table];
	const raw = Array.isArray(rows) ? (rows[index] as Record<string, unknown> | undefined) : undefined;
	const id = raw && typeof raw === 'object' ? (raw.id ?? raw.contractId ?? raw.key ?? raw.accountId) : undefined;
	const field = first.path
		.slice(table === 'documents' ? 2 : 3)
		.map(String)
		.join('.');
	return `${table} #${index + 1}${typeof id === 'string' ? ` (${id.slice(0, 64)})` : ''}: ${field || '$'} ${first.message}`;
}

/** Checks the envelope first so an old or foreign file gets a precise reason, then the whole file. */
export function parseBackup(input: unknown): BackupFile {
	let data = input;
	if (typeof input === 'string') {
		try {
			data = JSON.parse(input);
		} catch {
			throw new BackupError('notJson');
		}
	}
	const envelope = data as { format?: unknown; version?: unknown } | null;
	if (!envelope || typeof envelope !== 'object' || envelope.format !== BACKUP_FORMAT)
		throw new BackupError('notBackup');
	if (typeof envelope.version === 'number' && envelope.version > BACKUP_VERSION)
		throw new BackupError('newerVersion', String(envelope.version));
	const parsed = backupFileSchema.safeParse(data);
	if (!parsed.success) throw new BackupError('invalid', describeIssues(parsed.error.issues, data));
	return parsed.data;
}

/** The frozen part of a contract, normalised by the same schema on both sides before comparing. */
function contractContent(row: unknown): string {
	const parsed = contractRowSchema.safeParse(row);
	const value = { ...((parsed.success ? parsed.data : row) as Record<string, unknown>) };
	for (const f of CONTRACT_MUTABLE_FIELDS) delete value[f];
	return canonicalJson(value);
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

type DecodedDocument = { contractId: string; sha256: string; bytes: Uint8Array; type: string; ok: boolean };

/**
 * Validates, then merges by id in one transaction. It only adds (and lets a contract's status move
 * forward, which the provider may do): a contract, a document or a submitted return address that
 * differs from the device's copy is refused and reported, never overwritten.
 */
export async function importBackup(input: unknown): Promise<ImportReport> {
	const file = parseBackup(input);
	const accountId = await currentAccountId();
	if (accountId && accountId !== file.accountId) throw new BackupError('otherAccount', file.accountId);

	// Hashing is async (WebCrypto) and must happen before the transaction opens.
	const decoded: DecodedDocument[] = [];
	for (const d of file.documents) {
		const bytes = base64ToBytes(d.base64);
		const ok = bytes.byteLength === d.size && (await sha256Hex(bytes)) === d.sha256;
		decoded.push({ contractId: d.contractId, sha256: d.sha256, bytes, type: d.type || 'application/pdf', ok });
	}

	const report: ImportReport = { added: zero(), skipped: zero(), kept: zero(), updated: zero(), refused: [] };
	const r = file.records;
	const db = getDb();
	const tables = [
		db.identity,
		db.provider,
		db.filings,
		db.orders,
		db.contracts,
		db.documents,
		db.stampingRequests,
		db.stampingEvents,
		db.outbox,
		db.drafts,
		db.meta
	];
	// Only Dexie promises are awaited inside: anything else (even a nested native async helper) can make
	// Dexie lose the transaction in a real browser, which then commits early.
	await db.transaction('rw', tables, async () => {
		const now = Date.now();
		// A row that was being sent when the file was made has no sender any more: it is due again.
		const outbox = r.outbox.map((o) =>
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
			const local = localRequests[i];
			if (!local) newRequests.push(row);
			else if (same(stampingRequestRowSchema.safeParse(local).data ?? local, row)) report.skipped.stampingRequests++;
			else if (local.status === 'submitted') {
				// The submitted return address can never change.
				if (row.status === 'submitted')
					report.refused.push({ table: 'stampingRequests', id: row.contractId, reason: 'submittedConflict' });
				else report.kept.stampingRequests++;
			} else if (row.status === 'submitted')
				replaced.push(row); // the file knows it was sent: a local draft must not reopen it
			else report.kept.stampingRequests++;
		});
		if (newRequests.length) await db.stampingRequests.bulkAdd(newRequests);
		if (replaced.length) await db.stampingRequests.bulkPut(replaced);
		report.added.stampingRequests += newRequests.length;
		report.updated.stampingRequests += replaced.length;
	});
	return report;
}
