// The provider's own records of an account's filings and orders, looked up by id (what a contract may attach).
import type { Filing } from '../../../src/lib/domain/filing';
import type { Order } from '../../../src/lib/domain/order';
import { parse, type Row, type SqliteContext } from './context';

// SQLite's default limit on bound parameters is far above this; chunks keep each statement small.
const CHUNK = 500;

export function getOrders(ctx: SqliteContext, accountId: string, ids: readonly string[]): Order[] {
	const out: Order[] = [];
	for (let i = 0; i < ids.length; i += CHUNK) {
		const chunk = ids.slice(i, i + CHUNK);
		const rows = ctx.db
			.prepare(`SELECT data FROM orders WHERE account_id = ? AND id IN (${chunk.map(() => '?').join(',')})`)
			.all(accountId, ...chunk) as Row[];
		for (const r of rows) out.push(parse<Order>(r.data));
	}
	return out;
}

export function getFiling(ctx: SqliteContext, accountId: string, id: string): Filing | undefined {
	const row = ctx.db.prepare(`SELECT data FROM filings WHERE account_id = ? AND id = ?`).get(accountId, id) as
		Row | undefined;
	return row && parse<Filing>(row.data);
}
