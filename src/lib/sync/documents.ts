// Background download of restored contracts' PDFs and of the provider's sealed copies: a few at a time, checked against the server's SHA-256, resumable.
import { sha256Hex } from '../domain/canonical';
import { contractRecord, type ContractRecord } from '../domain/contract';
import { getDb } from '../db/database';
import { getMeta, META, setMeta, type Session, type StorageFull } from '../db/meta';
import type { DocumentDownloadRow, DownloadProblem } from '../db/types';
import { API_BASE } from './api';
import { restoreProgress } from './restore-progress';

export const DOWNLOAD_CONCURRENCY = 3;
/** A broken transfer is tried again by itself this many times before it waits for the user's retry. */
export const AUTO_RETRIES = 3;

export type DownloadReport = {
	stored: number;
	failed: number;
	/** Why the run ended before the queue was empty; null when it emptied (or had nothing to do). */
	stopped: null | 'offline' | 'unauthorized' | 'serverBusy' | 'storageFull' | 'signedOut';
};

/** Renders a record on the device (the renderer is deterministic); null: never re-render, only download. */
export type RenderDocument = (record: ContractRecord) => Promise<Uint8Array>;

export type DownloadOptions = {
	concurrency?: number;
	fetchImpl?: typeof fetch;
	baseUrl?: string;
	timeoutMs?: number;
	render?: RenderDocument | null;
};

async function renderOnDevice(record: ContractRecord): Promise<Uint8Array> {
	// Loaded only when needed: jsPDF and the fonts stay out of the sync code's bundle.
	const [{ loadContractFonts }, { renderContractPdf }] = await Promise.all([
		import('../pdf/fonts'),
		import('../pdf/render')
	]);
	return renderContractPdf(record, await loadContractFonts(record.templateVersion));
}

/** The run stops as a whole: the condition holds for every other document too. */
class Stop extends Error {
	constructor(readonly reason: NonNullable<DownloadReport['stopped']>) {
		super(reason);
	}
}

function isQuotaError(e: unknown): boolean {
	const name = (e as { name?: string; inner?: { name?: string } } | null)?.name;
	const inner = (e as { inner?: { name?: string } } | null)?.inner?.name;
	return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}

let running: Promise<DownloadReport> | null = null;
/** Bumped at sign-in and sign-out: a run of the previous session stops and is never joined again. */
let generation = 0;

/** Stops the run in progress after its current document; the next call starts afresh (new session, new database). */
export function cancelDownloads(): void {
	generation++;
	running = null;
}

/**
 * Downloads every queued document. One run per tab at a time (a second call joins the running one);
 * another tab doing the same stores nothing twice (the document's key refuses a second copy).
 */
export function downloadDocuments(opts: DownloadOptions = {}): Promise<DownloadReport> {
	if (running) return running;
	const mine = run(opts, generation).finally(() => {
		if (running === mine) {
			running = null;
			restoreProgress.downloading = false;
		}
	});
	running = mine;
	return mine;
}

async function run(opts: DownloadOptions, gen: number): Promise<DownloadReport> {
	const report: DownloadReport = { stored: 0, failed: 0, stopped: null };
	const session = await getMeta<Session>(META.session);
	if (!session) return { ...report, stopped: 'signedOut' };
	const db = getDb();
	const tried = new Set<string>();
	// Rows queued while this run works (the next pull page) are picked up before it ends; a row tried once
	// waits for the next run, so a transfer that keeps breaking cannot spin here.
	const nextBatch = async () =>
		(await db.documentDownloads.where('state').equals('queued').toArray())
			.filter((r) => !tried.has(r.contractId))
			.sort((a, b) => a.updatedAt - b.updatedAt);
	let queue = await nextBatch();
	if (queue.length === 0) return downloadSealedCopies(report, session, opts, gen);
	restoreProgress.downloading = true;
	restoreProgress.documentsDone = 0;
	let stop = null as Stop | null;
	const worker = async () => {
		for (let row = queue.shift(); row && !stop && gen === generation; row = queue.shift()) {
			tried.add(row.contractId);
			try {
				const ok = await downloadOne(row, session, opts);
				if (ok) {
					report.stored++;
					restoreProgress.documentsDone++;
				} else report.failed++;
			} catch (e) {
				if (e instanceof Stop) stop ??= e;
				else throw e;
			}
		}
	};
	while (queue.length > 0 && !stop && gen === generation) {
		await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? DOWNLOAD_CONCURRENCY) }, worker));
		if (!stop) queue = await nextBatch();
	}
	if (stop?.reason === 'storageFull') await recordStorageFull();
	else if (report.stored > 0) await db.meta.delete(META.storageFull);
	if (stop) return { ...report, stopped: stop.reason };
	return downloadSealedCopies(report, session, opts, gen);
}

/** The sealed copies announced but not on the device yet, one after another, after the documents. */
async function downloadSealedCopies(
	report: DownloadReport,
	session: Session,
	opts: DownloadOptions,
	gen: number
): Promise<DownloadReport> {
	const db = getDb();
	const waiting = await db.sealedCopies.filter((r) => !r.blob).toArray();
	for (const row of waiting) {
		if (gen !== generation) break;
		let res: Response;
		try {
			res = await (opts.fetchImpl ?? fetch)(
				`${opts.baseUrl ?? API_BASE}/contracts/${encodeURIComponent(row.contractId)}/sealed`,
				{
					headers: { authorization: `Bearer ${session.token}`, accept: 'application/pdf' },
					signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
					cache: 'no-store'
				}
			);
		} catch {
			return { ...report, stopped: 'offline' };
		}
		if (res.status === 401) return { ...report, stopped: 'unauthorized' };
		if (!res.ok) continue;
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await res.arrayBuffer());
		} catch {
			continue;
		}
		// A copy that is not the announced one is not kept: the next run asks again.
		if (bytes.byteLength !== row.size || (await sha256Hex(bytes)) !== row.sha256) continue;
		try {
			await db.sealedCopies.update(row.contractId, {
				blob: new Blob([bytes as BlobPart], { type: 'application/pdf' })
			});
		} catch (e) {
			if (isQuotaError(e)) return { ...report, stopped: 'storageFull' };
			throw e;
		}
		report.stored++;
	}
	return report;
}

/** true: stored; false: refused (marked failed); throws Stop when the whole run must end. */
async function downloadOne(row: DocumentDownloadRow, session: Session, opts: DownloadOptions): Promise<boolean> {
	const db = getDb();
	const contract = await db.contracts.get(row.contractId);
	if (!contract) {
		// Signed out or wiped meanwhile: nothing to attach the document to.
		await db.documentDownloads.delete(row.contractId);
		return false;
	}
	if (await db.documents.get(row.contractId)) {
		await db.documentDownloads.delete(row.contractId);
		return true;
	}
	let res: Response;
	try {
		res = await (opts.fetchImpl ?? fetch)(
			`${opts.baseUrl ?? API_BASE}/contracts/${encodeURIComponent(row.contractId)}/pdf`,
			{
				headers: { authorization: `Bearer ${session.token}`, accept: 'application/pdf' },
				signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
				cache: 'no-store'
			}
		);
	} catch {
		throw new Stop('offline');
	}
	if (res.status === 401) throw new Stop('unauthorized');
	let bytes: Uint8Array;
	if (res.status === 404) {
		// A server without the bytes (one from before it kept its own rendering, with no renderer to make them now)
		// says 404. The renderer is deterministic, so the record renders to the registered document again —
		// accepted only if the SHA-256 says it is that document.
		const rendered = await rerender(contract, opts.render === undefined ? renderOnDevice : opts.render);
		if (!rendered || (await sha256Hex(rendered)) !== contract.pdfSha256) return refuse(row, 'notFound');
		bytes = rendered;
	} else {
		if (!res.ok) throw new Stop('serverBusy');
		try {
			bytes = new Uint8Array(await res.arrayBuffer());
		} catch {
			// The connection broke mid-body: what arrived is not the document.
			return refuse(row, 'incomplete');
		}
		if (row.size !== null && bytes.byteLength !== row.size) return refuse(row, 'incomplete');
		if ((await sha256Hex(bytes)) !== contract.pdfSha256) return refuse(row, 'mismatch');
	}
	try {
		await db.transaction('rw', [db.documents, db.documentDownloads], async () => {
			if (!(await db.documents.get(row.contractId))) {
				await db.documents.add({
					contractId: row.contractId,
					blob: new Blob([bytes as BlobPart], { type: 'application/pdf' }),
					sha256: contract.pdfSha256,
					size: bytes.byteLength
				});
			}
			await db.documentDownloads.delete(row.contractId);
		});
	} catch (e) {
		if (isQuotaError(e)) throw new Stop('storageFull');
		throw e;
	}
	return true;
}

async function rerender(contract: unknown, render: RenderDocument | null): Promise<Uint8Array | null> {
	if (!render) return null;
	const record = contractRecord.safeParse(contract);
	if (!record.success) return null;
	try {
		return await render(record.data);
	} catch {
		return null;
	}
}

async function refuse(row: DocumentDownloadRow, problem: DownloadProblem): Promise<false> {
	const attempts = row.attempts + 1;
	// A cut-off transfer is worth a few more tries by itself; a wrong or missing file is not.
	const state = problem === 'incomplete' && attempts < AUTO_RETRIES ? 'queued' : 'failed';
	await getDb().documentDownloads.update(row.contractId, { state, problem, attempts, updatedAt: Date.now() });
	return false;
}

async function recordStorageFull(): Promise<void> {
	const db = getDb();
	let storedBytes = 0;
	let stored = 0;
	await db.documents.each((d) => {
		stored++;
		storedBytes += d.size;
	});
	const waitingRows = await db.documentDownloads.where('state').equals('queued').toArray();
	const value: StorageFull = {
		at: new Date().toISOString(),
		stored,
		storedBytes,
		waiting: waitingRows.length,
		waitingBytes: waitingRows.reduce((sum, r) => sum + (r.size ?? 0), 0)
	};
	await setMeta(META.storageFull, value);
}

/** The user's retry: the document goes back in the queue and a run starts. */
export async function retryDocument(contractId: string): Promise<void> {
	await getDb().documentDownloads.update(contractId, {
		state: 'queued',
		problem: undefined,
		attempts: 0,
		updatedAt: Date.now()
	});
	void downloadDocuments().catch(() => undefined);
}

/** Every waiting document again, e.g. after the user freed storage. */
export async function retryAllDocuments(): Promise<void> {
	await getDb().documentDownloads.toCollection().modify({ state: 'queued', problem: undefined, attempts: 0 });
	await getDb().meta.delete(META.storageFull);
	void downloadDocuments().catch(() => undefined);
}
