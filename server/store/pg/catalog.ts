// The provider's own records of an account's filings and orders, looked up by id (what a contract may attach).
import type { Filing } from '../../../src/lib/domain/filing';
import type { Order } from '../../../src/lib/domain/order';
import { parse, type PgContext } from './context';

export async function getOrders(ctx: PgContext, accountId: string, ids: readonly string[]): Promise<Order[]> {
	if (!ids.length) return [];
	const { rows } = await ctx.pool.query(`SELECT data FROM orders WHERE account_id = $1 AND id = ANY($2::text[])`, [
		accountId,
		ids
	]);
	return rows.map((r) => parse<Order>(r.data));
}

export async function getFiling(ctx: PgContext, accountId: string, id: string): Promise<Filing | undefined> {
	const { rows } = await ctx.pool.query(`SELECT data FROM filings WHERE account_id = $1 AND id = $2`, [accountId, id]);
	return rows[0] && parse<Filing>(rows[0].data);
}
