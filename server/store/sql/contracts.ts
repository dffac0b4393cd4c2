// Registered contracts, written once for both stores: the record as registered, its PDF, the unique number and the one-order-one-contract key.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/lib/domain/canonical';
import type { ContractRecord } from '../../../src/lib/domain/contract';
import { str, toContract } from '../rows';
import type { AttachedOrder, Commit, RegisterInput, RegisterResult, StoredContract } from '../types';
import { finishInTx, nextSeq } from './ledger';
import { all, get, run, type Dialect, type Steps } from './steps';

export function contentHash(record: ContractRecord): string {
	return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

export function* getContract(_d: Dialect, id: string): Steps<StoredContract | undefined> {
	const row = yield* get(
		`SELECT id, account_id, record, pdf_sha256, pdf IS NOT NULL AS has_pdf, status, registered_at, seq
		 FROM contracts WHERE id = ?`,
		id
	);
	return row && toContract(row);
}

export function* getContractPdf(_d: Dialect, id: string): Steps<Uint8Array | undefined> {
	const pdf = (yield* get(`SELECT pdf FROM contracts WHERE id = ?`, id))?.pdf as Buffer | null | undefined;
	return pdf ? new Uint8Array(pdf) : undefined;
}

/** Keeps the document of a contract registered without one; only these bytes' hash, only where none is stored. */
export function* setContractPdf(_d: Dialect, id: string, pdfSha256: string, pdf: Uint8Array): Steps<boolean> {
	const changed = yield* run(
		`UPDATE contracts SET pdf = ? WHERE id = ? AND pdf IS NULL AND pdf_sha256 = ?`,
		Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
		id,
		pdfSha256
	);
	return changed > 0;
}

/** In the order asked. */
export function* findAttachedOrders(_d: Dialect, orderIds: readonly string[]): Steps<AttachedOrder[]> {
	if (!orderIds.length) return [];
	const rows = yield* all(
		`SELECT co.order_id, co.contract_id, c.number FROM contract_orders co JOIN contracts c ON c.id = co.contract_id
		 WHERE co.order_id IN (${orderIds.map(() => '?').join(', ')})`,
		...orderIds
	);
	const byId = new Map(rows.map((r) => [str(r.order_id), r]));
	return orderIds.flatMap((id) => {
		const r = byId.get(id);
		return r ? [{ orderId: id, contractId: str(r.contract_id), number: str(r.number) }] : [];
	});
}

/**
 * Checks, then writes. SQLite runs it in an IMMEDIATE transaction: writers are serialised, so the checks and the
 * insert see the same registry. On PostgreSQL another process may register another id with the same number or
 * order between our checks and our insert: the primary key / unique constraints refuse the second insert (23505),
 * the whole transaction runs again (PgContext.tx), and its checks now see the committed row and answer the same
 * (same / conflict / numberTaken / orderAttached).
 */
export function* registerContract(
	d: Dialect,
	input: RegisterInput,
	commit?: Commit<RegisterResult>
): Steps<RegisterResult> {
	const { record } = input;
	const hash = contentHash(record);
	// Retries of one registration (the same id) are decided one after the other, so the second sees the first's
	// row by its id; without this its later number check could see that row first and call it numberTaken.
	if (d.lockContractId) yield* get(d.lockContractId, record.id);
	const existing = yield* get(`SELECT account_id, content_hash, pdf_sha256 FROM contracts WHERE id = ?`, record.id);
	let result: RegisterResult;
	if (existing) {
		if (str(existing.account_id) !== input.accountId) result = { kind: 'foreign' };
		else {
			const same = str(existing.content_hash) === hash && str(existing.pdf_sha256) === input.pdfSha256;
			result = { kind: same ? 'same' : 'conflict', contract: (yield* getContract(d, record.id))! };
		}
	} else if (yield* get(`SELECT 1 AS one FROM contracts WHERE number = ?`, record.number)) {
		result = { kind: 'numberTaken', number: record.number };
	} else {
		const attached =
			record.kind === 'order'
				? yield* findAttachedOrders(
						d,
						record.orders.map((o) => o.id)
					)
				: [];
		if (attached.length) result = { kind: 'orderAttached', attached };
		else {
			const seq = yield* nextSeq();
			// The provider registers at once, so a stored contract is effective from its first write.
			yield* run(
				`INSERT INTO contracts (id, account_id, record, content_hash, pdf_sha256, pdf, status, registered_at, created_at, seq, number)
				 VALUES (?, ?, ?, ?, ?, ?, 'effective', ?, ?, ?, ?)`,
				record.id,
				input.accountId,
				JSON.stringify(record),
				hash,
				input.pdfSha256,
				input.pdf ? Buffer.from(input.pdf) : null,
				input.now,
				input.now,
				seq,
				record.number
			);
			if (record.kind === 'order' && record.orders.length) {
				yield* run(
					`INSERT INTO contract_orders (order_id, contract_id) VALUES ${record.orders.map(() => '(?, ?)').join(', ')}`,
					...record.orders.flatMap((o) => [o.id, record.id])
				);
			}
			result = {
				kind: 'created',
				contract: {
					id: record.id,
					accountId: input.accountId,
					record,
					pdfSha256: input.pdfSha256,
					hasPdf: !!input.pdf,
					status: 'effective',
					registeredAt: input.now,
					seq
				}
			};
		}
	}
	yield* finishInTx(commit, result);
	return result;
}
