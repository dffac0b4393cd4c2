// The back office's list of contracts on PostgreSQL (the paper-copy steps gathered with ARRAY).
import type { ContractRecord, ContractStatus } from '../../../src/lib/domain/contract';
import type { StampingEvent } from '../../../src/lib/domain/stamping';
import type { AdminContractRow } from '../types';
import { nullableStr, str, type PgContext } from './context';

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
