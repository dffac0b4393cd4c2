// The provider's back-office log, an append-only audit trail: every row oldest first, or a filtered page newest first.
import type { AdminAction, AuditFilter } from '../types';
import type { Row, SqliteContext } from './context';
import { toAction } from '../rows';

export function listAdminActions(ctx: SqliteContext, filter?: AuditFilter): AdminAction[] {
	if (!filter) return (ctx.db.prepare(`SELECT * FROM admin_actions ORDER BY id`).all() as Row[]).map(toAction);
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
	return (ctx.db.prepare(sql).all(...args, filter.limit ?? 100) as Row[]).map(toAction);
}
