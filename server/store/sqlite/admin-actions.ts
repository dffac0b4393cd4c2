// The provider's back-office log: every admin action, oldest first.
import type { AdminAction } from '../types';
import { parse, str, type Row, type SqliteContext } from './context';

export function listAdminActions(ctx: SqliteContext): AdminAction[] {
	return (ctx.db.prepare(`SELECT * FROM admin_actions ORDER BY id`).all() as Row[]).map((r) => ({
		id: Number(r.id),
		action: str(r.action),
		target: str(r.target),
		detail: r.detail == null ? undefined : parse<unknown>(r.detail),
		at: str(r.at)
	}));
}
