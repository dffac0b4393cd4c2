// Registered contracts: the record as registered, its PDF, the unique number and the one-order-one-contract key.
import type { ContractRecord, ContractStatus } from '../../../src/lib/domain/contract';
import type { StampingEvent } from '../../../src/lib/domain/stamping';
import { contentHash } from '../sqlite/contracts';
import type { AdminContractRow, AttachedOrder, Commit, RegisterInput, RegisterResult, StoredContract } from '../types';
import { LOCK, nullableStr, str, type PgContext, type Q } from './context';
import { toContract } from '../rows';

async function getContractQ(q: Q, id: string): Promise<StoredContract | undefined> {
	const { rows } = await q.query(
		`SELECT id, account_id, record, pdf_sha256, pdf IS NOT NULL AS has_pdf, status, registered_at, seq
		 FROM contracts WHERE id = $1`,
		[id]
	);
	return rows[0] && toContract(rows[0]);
}

export async function getContract(ctx: PgContext, id: string): Promise<StoredContract | undefined> {
	return getContractQ(ctx.pool, id);
}

export async function getContractPdf(ctx: PgContext, id: string): Promise<Uint8Array | undefined> {
	const { rows } = await ctx.pool.query(`SELECT pdf FROM contracts WHERE id = $1`, [id]);
	const pdf = rows[0]?.pdf as Buffer | null | undefined;
	return pdf ? new Uint8Array(pdf) : undefined;
}

/** Keeps the document of a contract registered without one; only these bytes' hash, only where none is stored. */
export async function setContractPdf(ctx: PgContext, id: string, pdfSha256: string, pdf: Uint8Array): Promise<boolean> {
	const { rowCount } = await ctx.pool.query(
		`UPDATE contracts SET pdf = $1 WHERE id = $2 AND pdf IS NULL AND pdf_sha256 = $3`,
		[Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), id, pdfSha256]
	);
	return (rowCount ?? 0) > 0;
}

async function findAttachedQ(q: Q, orderIds: readonly string[]): Promise<AttachedOrder[]> {
	if (!orderIds.length) return [];
	const { rows } = await q.query(
		`SELECT co.order_id, co.contract_id, c.number FROM contract_orders co JOIN contracts c ON c.id = co.contract_id
		 WHERE co.order_id = ANY($1::text[])`,
		[orderIds]
	);
	// In the order asked, like the SQLite store.
	const byId = new Map(rows.map((r) => [str(r.order_id), r]));
	return orderIds.flatMap((id) => {
		const r = byId.get(id);
		return r ? [{ orderId: id, contractId: str(r.contract_id), number: str(r.number) }] : [];
	});
}

export async function findAttachedOrders(ctx: PgContext, orderIds: readonly string[]): Promise<AttachedOrder[]> {
	return findAttachedQ(ctx.pool, orderIds);
}

/** The registered contracts printing this number (the unique index makes it one at most). */
/**
 * Checks, then writes under the counter lock. Another process may register another id with the same number or order between
 * our checks and our insert: the primary key / unique constraints refuse the second insert (23505), the whole
 * transaction runs again (PgContext.tx), and its checks now see the committed row and answer as the SQLite store
 * does (same / conflict / numberTaken / orderAttached).
 */
export async function registerContract(
	ctx: PgContext,
	input: RegisterInput,
	commit?: Commit<RegisterResult>
): Promise<RegisterResult> {
	const { record } = input;
	const hash = contentHash(record);
	return ctx.tx(async (q) => {
		// Retries of one registration (the same id) are decided one after the other, so the second sees the first's
		// row by its id; without this its later number check could see that row first and call it numberTaken.
		await q.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK.contract, record.id]);
		const { rows } = await q.query(`SELECT account_id, content_hash, pdf_sha256 FROM contracts WHERE id = $1`, [
			record.id
		]);
		const existing = rows[0];
		let result: RegisterResult;
		if (existing) {
			if (str(existing.account_id) !== input.accountId) result = { kind: 'foreign' };
			else {
				const same = str(existing.content_hash) === hash && str(existing.pdf_sha256) === input.pdfSha256;
				result = { kind: same ? 'same' : 'conflict', contract: (await getContractQ(q, record.id))! };
			}
		} else if ((await q.query(`SELECT 1 FROM contracts WHERE number = $1`, [record.number])).rowCount) {
			result = { kind: 'numberTaken', number: record.number };
		} else {
			const attached =
				record.kind === 'order'
					? await findAttachedQ(
							q,
							record.orders.map((o) => o.id)
						)
					: [];
			if (attached.length) result = { kind: 'orderAttached', attached };
			else {
				const seq = await ctx.nextSeq(q);
				// The provider registers at once, so a stored contract is effective from its first write.
				await q.query(
					`INSERT INTO contracts (id, account_id, record, content_hash, pdf_sha256, pdf, status, registered_at, created_at, seq, number)
					 VALUES ($1, $2, $3, $4, $5, $6, 'effective', $7, $7, $8, $9)`,
					[
						record.id,
						input.accountId,
						JSON.stringify(record),
						hash,
						input.pdfSha256,
						input.pdf ? Buffer.from(input.pdf) : null,
						input.now,
						seq,
						record.number
					]
				);
				if (record.kind === 'order') {
					await q.query(`INSERT INTO contract_orders (order_id, contract_id) SELECT unnest($1::text[]), $2`, [
						record.orders.map((o) => o.id),
						record.id
					]);
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
		await ctx.finishInTx(q, commit, result);
		return result;
	});
}

export async function listContractsForAdmin(ctx: PgContext): Promise<AdminContractRow[]> {
	const { rows } = await ctx.pool.query(
		`SELECT c.id, c.account_id, c.number, c.record::json ->> 'kind' AS kind, c.status, c.registered_at, s.created_at AS stamping_at,
		        ARRAY(SELECT e.kind FROM stamping_events e WHERE e.contract_id = c.id ORDER BY e.seq) AS kinds
		 FROM contracts c LEFT JOIN stamping_requests s ON s.contract_id = c.id
		 ORDER BY c.created_at DESC`
	);
	return rows.map((r) => ({
		id: str(r.id),
		accountId: str(r.account_id),
		number: str(r.number),
		kind: str(r.kind) as ContractRecord['kind'],
		status: str(r.status) as ContractStatus,
		registeredAt: nullableStr(r.registered_at),
		stampingSubmittedAt: nullableStr(r.stamping_at),
		stampingEvents: r.kinds as StampingEvent['kind'][]
	}));
}
