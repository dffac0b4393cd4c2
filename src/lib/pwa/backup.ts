// Backup: export every record and PDF of the account as one validated JSON file; import merges by id, only ever adding.
import { base64ToBytes, bytesToBase64 } from '../bytes/base64';
import { sha256Hex } from '../domain/canonical';
import { shanghaiParts } from '../domain/time';
import { getDb } from '../db/database';
import { backupTables, mergeBackup, type DecodedDocument, type ImportReport } from '../db/merge';
import { getMeta, META, setMeta, type Session } from '../db/meta';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, backupFileSchema, type BackupFile } from './backup-schema';

export { total, type ImportReport, type Refusal, type RefusalReason } from '../db/merge';

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
	const snapshot = await db.transaction('r', backupTables(db), async () => ({
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

/** Validates a file of this account, checks its PDFs against their fingerprints, then merges it (see db/merge.ts). */
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

	return mergeBackup(file.records, decoded);
}
