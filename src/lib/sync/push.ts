// One outbox row → one HTTP request built from Dexie at send time, and the answer sorted into an outcome.
import { getDb } from '../db/database';
import { registrationState, type RegisterContractBody } from '../domain/api';
import { contractRecord } from '../domain/contract';
import { stampingSubmission } from '../domain/stamping';
import { stampingReceipt } from '../domain/stampingReceipt';
import type { OutboxRow } from '../db/types';
import type { OutboxError } from '../domain/outbox-error';
import { apiFetch, HttpError, NetworkError } from './api';
import type { ContractUpdate } from './outbox';

export type SendOutcome =
	| { kind: 'done'; contract?: ContractUpdate }
	| { kind: 'retry'; error: OutboxError; retryAfterMs?: number }
	| { kind: 'rejected'; error: OutboxError; conflict?: unknown }
	| { kind: 'unauthorized' };

export type PreparedRequest = { path: string; body: unknown };

export type SendContext = {
	token: string;
	fetchImpl?: typeof fetch;
	baseUrl?: string;
	timeoutMs?: number;
};

/** Local data that can never be sent as it is: rejected at once, shown to the user, never dropped. */
export class LocalDataError extends Error {
	constructor(
		readonly code: string,
		detail: string
	) {
		super(detail);
		this.name = 'LocalDataError';
	}
}

/** Reads what the row refers to now, so a request is always built from the device's source of truth. */
export async function prepareRequest(row: OutboxRow): Promise<PreparedRequest> {
	const db = getDb();
	const id = encodeURIComponent(row.resourceId);
	switch (row.kind) {
		case 'registerContract': {
			const contract = await db.contracts.get(row.resourceId);
			if (!contract) throw new LocalDataError('missingLocal', `contract ${row.resourceId} is not on this device`);
			// The row also holds device-only fields (status, hashes, search keys); the schema keeps the canonical record only.
			const parsed = contractRecord.safeParse(contract);
			if (!parsed.success)
				throw new LocalDataError(
					'invalidLocal',
					parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
				);
			// The record and the fingerprint only: the server renders the record itself and keeps its own bytes,
			// so the document never travels (and no contract is left without one, whatever its size).
			const body: RegisterContractBody = { record: parsed.data, pdfSha256: contract.pdfSha256 };
			return { path: `/contracts/${id}`, body };
		}
		case 'submitStamping': {
			const parsed = stampingSubmission.safeParse(row.payload);
			if (!parsed.success)
				throw new LocalDataError(
					'invalidLocal',
					parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
				);
			return { path: `/contracts/${id}/stamping`, body: parsed.data };
		}
		case 'confirmReceipt': {
			const parsed = stampingReceipt.safeParse(row.payload);
			if (!parsed.success)
				throw new LocalDataError(
					'invalidLocal',
					parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
				);
			return { path: `/contracts/${id}/stamping/receipt`, body: parsed.data };
		}
	}
}

/** A structured error; `detail` is bounded so a verbose server cannot bloat every row. */
export function outboxError(code: string, detail = '', status?: number): OutboxError {
	const error: OutboxError = { code, detail: detail.slice(0, 500) };
	if (status !== undefined) error.status = status;
	return error;
}

function fieldsText(fields: Record<string, string[]> | undefined): string {
	return fields
		? Object.entries(fields)
				.map(([path, codes]) => `${path} ${codes.join(',')}`)
				.join('; ')
		: '';
}

/** Sorts an answer (or its absence) into what happens to the row. Pure, so every status is unit-tested. */
export function classify(
	row: OutboxRow,
	result: { ok: true; data: unknown } | { ok: false; error: unknown }
): SendOutcome {
	if (result.ok) {
		if (row.kind === 'registerContract') {
			const view = registrationState.safeParse(result.data);
			return view.success ? { kind: 'done', contract: view.data.contract } : { kind: 'done' };
		}
		return { kind: 'done' };
	}
	const e = result.error;
	if (e instanceof LocalDataError) return { kind: 'rejected', error: outboxError(e.code, e.message) };
	if (e instanceof NetworkError) return { kind: 'retry', error: outboxError('network', e.message) };
	if (!(e instanceof HttpError))
		return { kind: 'retry', error: outboxError('unexpected', e instanceof Error ? e.message : String(e)) };
	const code = e.body?.error;
	const message = [e.body?.message ?? (code && e.status >= 500 ? code : undefined), fieldsText(e.body?.fields)]
		.filter(Boolean)
		.join(' — ');
	if (e.status === 401) return { kind: 'unauthorized' };
	if (e.status === 429)
		return { kind: 'retry', error: outboxError('rateLimited', message, 429), retryAfterMs: e.retryAfterMs };
	if (e.status >= 500 || e.status === 408)
		return { kind: 'retry', error: outboxError('serverError', message, e.status), retryAfterMs: e.retryAfterMs };
	if (e.status === 409) {
		// The same key still running on the server (our earlier attempt): wait and ask again.
		if (code === 'requestInProgress')
			return { kind: 'retry', error: outboxError('inProgress', message, 409), retryAfterMs: e.retryAfterMs };
		// Other 409s are final decisions with their own code (orderAlreadyAttached, numberTaken): no stored version.
		if (code && code !== 'conflict') return { kind: 'rejected', error: outboxError(code, message, 409) };
		const stored = (e.raw as { stored?: unknown } | undefined)?.stored;
		return { kind: 'rejected', error: outboxError('conflict', message, 409), conflict: stored };
	}
	// 400, 403 (not verified), 404, 413, 422 and anything else: a decision on the content, shown to the user.
	return { kind: 'rejected', error: outboxError(code ?? 'http', message, e.status) };
}

/** Builds and sends one claimed row; never throws. */
export async function sendRow(row: OutboxRow, ctx: SendContext): Promise<SendOutcome> {
	try {
		const req = await prepareRequest(row);
		const { data } = await apiFetch(req.path, {
			method: 'PUT',
			body: req.body,
			token: ctx.token,
			idempotencyKey: row.id,
			fetchImpl: ctx.fetchImpl,
			baseUrl: ctx.baseUrl,
			timeoutMs: ctx.timeoutMs,
			gzip: true
		});
		return classify(row, { ok: true, data });
	} catch (error) {
		return classify(row, { ok: false, error });
	}
}
