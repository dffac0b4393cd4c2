// The back office's list of contracts on SQLite (the paper-copy steps gathered with group_concat).
import type { ContractRecord, ContractStatus } from '../../../src/lib/domain/contract';
import type { StampingEvent } from '../../../src/lib/domain/stamping';
import type { AdminContractRow } from '../types';
import { nullableStr, parse, str, type Row, type SqliteContext } from './context';

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
