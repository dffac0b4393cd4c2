// The smaller tables, written once for both stores: sessions, the provider's filings and orders, the audit trail's reads, renditions and sealed copies.
import type { Filing } from '../../../src/lib/domain/filing';
import type { Order } from '../../../src/lib/domain/order';
import type { ContractRecord } from '../../../src/lib/domain/contract';
import { nullableStr, parse, str, toAction } from '../rows';
import type { AdminAction, AuditFilter, NumberedContract, RenditionHash, SealedCopy } from '../types';
import { nextSeq } from './ledger';
import { all, get, run, type Dialect, type Steps } from './steps';

// --- sessions ------------------------------------------------------------------------------------

export function* createSession(
	_d: Dialect,
	tokenHash: string,
	accountId: string,
	createdAt: string,
	expiresAt: string
): Steps<void> {
	yield* run(
		`INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		tokenHash,
		accountId,
		createdAt,
		expiresAt
	);
}

export function* getSession(
	_d: Dialect,
	tokenHash: string,
	now: string
): Steps<{ accountId: string; expiresAt: string } | undefined> {
	const row = yield* get(`SELECT account_id, expires_at FROM sessions WHERE token_hash = ?`, tokenHash);
	if (!row) return undefined;
	const expiresAt = str(row.expires_at);
	if (Date.parse(expiresAt) <= Date.parse(now)) return undefined;
	return { accountId: str(row.account_id), expiresAt };
}

export function* deleteSession(_d: Dialect, tokenHash: string): Steps<void> {
	yield* run(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash);
}

// --- the provider's filings and orders -----------------------------------------------------------

// Chunks keep each statement small (far below either database's limit on bound parameters).
const CHUNK = 500;

/** The account's orders among these ids (others' and unknown ids are simply absent). */
export function* getOrders(_d: Dialect, accountId: string, ids: readonly string[]): Steps<Order[]> {
	const out: Order[] = [];
	for (let i = 0; i < ids.length; i += CHUNK) {
		const chunk = ids.slice(i, i + CHUNK);
		const rows = yield* all(
			`SELECT data FROM orders WHERE account_id = ? AND id IN (${chunk.map(() => '?').join(',')})`,
			accountId,
			...chunk
		);
		for (const r of rows) out.push(parse<Order>(r.data));
	}
	return out;
}

export function* getFiling(_d: Dialect, accountId: string, id: string): Steps<Filing | undefined> {
	const row = yield* get(`SELECT data FROM filings WHERE account_id = ? AND id = ?`, accountId, id);
	return row && parse<Filing>(row.data);
}

// --- the audit trail -----------------------------------------------------------------------------

/** The append-only admin log: every row oldest first, or a filtered page newest first. */
export function* listAdminActions(_d: Dialect, filter?: AuditFilter): Steps<AdminAction[]> {
	if (!filter) return (yield* all(`SELECT * FROM admin_actions ORDER BY id`)).map(toAction);
	const where: string[] = [];
	const args: unknown[] = [];
	const add = (clause: string, value: unknown) => {
		where.push(clause);
		args.push(value);
	};
	if (filter.target !== undefined) add('target = ?', filter.target);
	if (filter.actor !== undefined) add('actor = ?', filter.actor);
	if (filter.before !== undefined) add('id < ?', filter.before);
	const sql = `SELECT * FROM admin_actions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
	return (yield* all(sql, ...args, filter.limit ?? 100)).map(toAction);
}

// --- public verification's reads and renditions --------------------------------------------------

/** The contracts carrying a number (a seek on the unique number index) with the registered copy's hash once known. */
export function* contractsByNumber(_d: Dialect, number: string): Steps<NumberedContract[]> {
	const rows = yield* all(
		`SELECT c.id, c.record, c.content_hash, c.pdf_sha256, c.registered_at, r.pdf_sha256 AS registered_copy_sha256
		 FROM contracts c
		 LEFT JOIN contract_renditions r ON r.contract_id = c.id AND r.rendition = 'registeredCopy'
		 WHERE c.number = ? ORDER BY c.registered_at, c.id`,
		number
	);
	return rows.map((row) => ({
		id: str(row.id),
		record: parse<ContractRecord>(row.record),
		contentHash: str(row.content_hash),
		pdfSha256: str(row.pdf_sha256),
		registeredAt: nullableStr(row.registered_at),
		registeredCopySha256: nullableStr(row.registered_copy_sha256)
	}));
}

/** The first hash stored wins: every computation of one rendition gives the same bytes, so a second adds nothing. */
export function* putRenditionHash(_d: Dialect, input: RenditionHash): Steps<void> {
	yield* run(
		`INSERT INTO contract_renditions (contract_id, rendition, pdf_sha256, computed_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (contract_id, rendition) DO NOTHING`,
		input.contractId,
		input.rendition,
		input.pdfSha256,
		input.computedAt
	);
}

// --- sealed copies -------------------------------------------------------------------------------

/**
 * Registered contracts with stored bytes and no sealed copy yet, registered first. The conditions are the partial
 * index contracts_waiting_seal's, word for word, so a poll reads only the contracts waiting, not every contract.
 */
export function* listUnsealedContracts(_d: Dialect, limit: number): Steps<string[]> {
	const rows = yield* all(
		`SELECT id FROM contracts
		 WHERE registered_at IS NOT NULL AND pdf IS NOT NULL AND sealed = FALSE
		 ORDER BY registered_at, id LIMIT ?`,
		limit
	);
	return rows.map((r) => str(r.id));
}

/**
 * The first sealed copy stays: another process sealing the same contract at once changes nothing. Storing it
 * bumps the contract's change sequence so its devices learn of it, and marks the contract sealed (off the waiting list).
 */
export function* putSealedCopy(d: Dialect, input: SealedCopy): Steps<'stored' | 'exists' | 'notFound'> {
	if (!(yield* get(`SELECT 1 AS one FROM contracts WHERE id = ?${d.lockRow}`, input.contractId))) return 'notFound';
	const inserted = yield* run(
		`INSERT INTO contract_seals (contract_id, pdf, pdf_sha256, sealed_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (contract_id) DO NOTHING`,
		input.contractId,
		Buffer.from(input.pdf),
		input.pdfSha256,
		input.sealedAt
	);
	if (inserted === 0) return 'exists';
	const seq = yield* nextSeq();
	yield* run(`UPDATE contracts SET seq = ?, sealed = TRUE WHERE id = ?`, seq, input.contractId);
	return 'stored';
}

export function* getSealedCopy(_d: Dialect, contractId: string): Steps<SealedCopy | undefined> {
	const row = yield* get(
		`SELECT contract_id, pdf, pdf_sha256, sealed_at FROM contract_seals WHERE contract_id = ?`,
		contractId
	);
	if (!row) return undefined;
	return {
		contractId: str(row.contract_id),
		pdf: new Uint8Array(row.pdf as Buffer),
		pdfSha256: str(row.pdf_sha256),
		sealedAt: str(row.sealed_at)
	};
}
