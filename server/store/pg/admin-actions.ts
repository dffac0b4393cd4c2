// The provider's back-office log, an append-only audit trail: every row oldest first, or a filtered page newest first.
import type { AdminAction, AuditFilter } from '../types';
import type { PgContext } from './context';
import { toAction } from '../rows';

export async function listAdminActions(ctx: PgContext, filter?: AuditFilter): Promise<AdminAction[]> {
	if (!filter) return (await ctx.pool.query(`SELECT * FROM admin_actions ORDER BY id`)).rows.map(toAction);
	const where: string[] = [];
	const args: unknown[] = [];
	const arg = (v: unknown) => (args.push(v), `$${args.length}`);
	if (filter.target !== undefined) where.push(`target = ${arg(filter.target)}`);
	if (filter.actor !== undefined) where.push(`actor = ${arg(filter.actor)}`);
	if (filter.before !== undefined) where.push(`id < ${arg(filter.before)}`);
	const sql = `SELECT * FROM admin_actions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${arg(filter.limit ?? 100)}`;
	return (await ctx.pool.query(sql, args)).rows.map(toAction);
}
