// Registered contracts: the record as registered, its PDF, the unique number and the one-order-one-contract index.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/lib/domain/canonical';
import type { ContractRecord, ContractStatus } from '../../../src/lib/domain/contract';
import type { StampingEvent } from '../../../src/lib/domain/stamping';
import type { AdminContractRow, AttachedOrder, Commit, RegisterInput, RegisterResult, StoredContract } from '../types';
import { nullableStr, parse, str, type Row, type SqliteContext } from './context';
import { toContract } from '../rows';

export function contentHash(record: ContractRecord): string {
	return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

export function getContract(ctx: SqliteContext, id: string): StoredContract | undefined {
	const row = ctx.db
		.prepare(
			`SELECT id, account_id, record, pdf_sha256, pdf IS NOT NULL AS has_pdf, status, registered_at, seq
			 FROM contracts WHERE id = ?`
		)
		.get(id) as Row | undefined;
	return row && toContract(row);
}

export function getContractPdf(ctx: SqliteContext, id: string): Uint8Array | undefined {
	const row = ctx.db.prepare(`SELECT pdf FROM contracts WHERE id = ?`).get(id) as { pdf: Buffer | null } | undefined;
	return row?.pdf ? new Uint8Array(row.pdf) : undefined;
}

/** Keeps the document of a contract registered without one; only these bytes' hash, only where none is stored. */
export function setContractPdf(ctx: SqliteContext, id: string, pdfSha256: string, pdf: Uint8Array): boolean {
	const info = ctx.db
		.prepare(`UPDATE contracts SET pdf = ? WHERE id = ? AND pdf IS NULL AND pdf_sha256 = ?`)
		.run(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), id, pdfSha256);
	return info.changes > 0;
}

export function findAttachedOrders(ctx: SqliteContext, orderIds: readonly string[]): AttachedOrder[] {
	const out: AttachedOrder[] = [];
	const stmt = ctx.db.prepare(
		`SELECT co.order_id, co.contract_id, c.number FROM contract_orders co JOIN contracts c ON c.id = co.contract_id
		 WHERE co.order_id = ?`
	);
	for (const id of orderIds) {
		const row = stmt.get(id) as Row | undefined;
		if (row) out.push({ orderId: str(row.order_id), contractId: str(row.contract_id), number: str(row.number) });
	}
	return out;
}

export function registerContract(
	ctx: SqliteContext,
	input: RegisterInput,
	commit?: Commit<RegisterResult>
): RegisterResult {
	const { db } = ctx;
	// IMMEDIATE: writers are serialised, so the checks below and the insert see the same registry; the
	// unique indexes stay as the guard of last resort.
	return db
		.transaction((): RegisterResult => {
			const { record } = input;
			const hash = contentHash(record);
			const existing = db
				.prepare(`SELECT account_id, content_hash, pdf_sha256 FROM contracts WHERE id = ?`)
				.get(record.id) as Row | undefined;
			let result: RegisterResult;
			if (existing) {
				if (str(existing.account_id) !== input.accountId) result = { kind: 'foreign' };
				else {
					const same = str(existing.content_hash) === hash && str(existing.pdf_sha256) === input.pdfSha256;
					result = { kind: same ? 'same' : 'conflict', contract: getContract(ctx, record.id)! };
				}
			} else if (db.prepare(`SELECT 1 FROM contracts WHERE number = ?`).get(record.number)) {
				result = { kind: 'numberTaken', number: record.number };
			} else {
				const attached =
					record.kind === 'order'
						? findAttachedOrders(
								ctx,
								record.orders.map((o) => o.id)
							)
						: [];
				if (attached.length) result = { kind: 'orderAttached', attached };
				else {
					// The provider registers at once, so a stored contract is effective from its first write.
					db.prepare(
						`INSERT INTO contracts (id, account_id, record, content_hash, pdf_sha256, pdf, status, registered_at, created_at, seq, number)
					 VALUES (?, ?, ?, ?, ?, ?, 'effective', ?, ?, ?, ?)`
					).run(
						record.id,
						input.accountId,
						JSON.stringify(record),
						hash,
						input.pdfSha256,
						input.pdf ? Buffer.from(input.pdf) : null,
						input.now,
						input.now,
						ctx.nextSeq(),
						record.number
					);
					if (record.kind === 'order') {
						const link = db.prepare(`INSERT INTO contract_orders (order_id, contract_id) VALUES (?, ?)`);
						for (const o of record.orders) link.run(o.id, record.id);
					}
					result = { kind: 'created', contract: getContract(ctx, record.id)! };
				}
			}
			ctx.finishInTx(commit, result);
			return result;
		})
		.immediate();
}

export function listContractsForAdmin(ctx: SqliteContext): AdminContractRow[] {
	const rows = ctx.db
		.prepare(
			`SELECT c.id, c.account_id, c.record, c.status, c.registered_at, s.created_at AS stamping_at,
			        (SELECT group_concat(kind) FROM (SELECT kind FROM stamping_events e WHERE e.contract_id = c.id ORDER BY seq)) AS kinds
			 FROM contracts c LEFT JOIN stamping_requests s ON s.contract_id = c.id
			 ORDER BY c.created_at DESC`
		)
		.all() as Row[];
	return rows.map((r) => {
		const record = parse<ContractRecord>(r.record);
		return {
			id: str(r.id),
			accountId: str(r.account_id),
			number: record.number,
			kind: record.kind,
			status: str(r.status) as ContractStatus,
			registeredAt: nullableStr(r.registered_at),
			stampingSubmittedAt: nullableStr(r.stamping_at),
			stampingEvents: r.kinds == null ? [] : (str(r.kinds).split(',') as StampingEvent['kind'][])
		};
	});
}
