// The provider's back-office log: every admin action, oldest first.
import type { AdminAction } from '../types';
import { parse, str, type PgContext } from './context';

export async function listAdminActions(ctx: PgContext): Promise<AdminAction[]> {
	const { rows } = await ctx.pool.query(`SELECT * FROM admin_actions ORDER BY id`);
	return rows.map((r) => ({
		id: Number(r.id),
		action: str(r.action),
		target: str(r.target),
		detail: r.detail == null ? undefined : parse<unknown>(r.detail),
		at: str(r.at)
	}));
}
