// The pull: everything of an account changed after a cursor (the global change sequence), in one snapshot.
import type { ContractState } from '../../../src/lib/domain/changes';
import type { ContractStatus } from '../../../src/lib/domain/contract';
import type { Filing } from '../../../src/lib/domain/filing';
import type { Identity } from '../../../src/lib/domain/identity';
import type { Order } from '../../../src/lib/domain/order';
import type { ChangesSince } from '../types';
import { nullableStr, parse, str, type Row, type SqliteContext } from './context';
import { toEvent } from './stamping';

export function changes(ctx: SqliteContext, accountId: string, since: number): ChangesSince | undefined {
	const { db } = ctx;
	// One transaction gives a consistent snapshot: the cursor matches exactly the rows returned.
	return db.transaction((): ChangesSince | undefined => {
		const account = db.prepare(`SELECT * FROM accounts WHERE id = ?`).get(accountId) as Row | undefined;
		if (!account) return undefined;
		const cursor = ctx.currentSeq();
		// A cursor from the future means this database was reset: send everything again.
		if (since > cursor) since = 0;
		const filings = (
			db.prepare(`SELECT data FROM filings WHERE account_id = ? AND seq > ? ORDER BY id`).all(accountId, since) as Row[]
		).map((r) => parse<Filing>(r.data));
		const orders = (
			db
				.prepare(`SELECT data FROM orders WHERE account_id = ? AND seq > ? ORDER BY paid_at DESC, id`)
				.all(accountId, since) as Row[]
		).map((r) => parse<Order>(r.data));
		const contracts = (
			db
				.prepare(`SELECT id, status, registered_at FROM contracts WHERE account_id = ? AND seq > ? ORDER BY seq`)
				.all(accountId, since) as Row[]
		).map(
			(r): ContractState => ({
				id: str(r.id),
				status: str(r.status) as ContractStatus,
				registeredAt: nullableStr(r.registered_at)
			})
		);
		const stampingEvents = (
			db
				.prepare(`SELECT * FROM stamping_events WHERE account_id = ? AND seq > ? ORDER BY seq`)
				.all(accountId, since) as Row[]
		).map(toEvent);
		return {
			cursor: String(cursor),
			identity: parse<Identity>(account.identity),
			filings,
			orders,
			contracts,
			stampingEvents
		};
	}).deferred();
}
