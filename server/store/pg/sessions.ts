// The retention purge on PostgreSQL: sessions, idempotency rows, throttle rows, once at a time across processes.
import { LOCK, type PgContext } from './context';

/** Throttle rows are needed for the window plus the longest wait; older ones are deleted by the retention pass. */
export const THROTTLE_KEEP_MS = 60 * 60_000;

/**
 * The retention job. Every process runs it; a transaction-scoped advisory lock lets one pass run at a time and
 * the others skip theirs (they would only find nothing left to delete). Deletes are idempotent either way.
 */
export async function purgeExpired(
	ctx: PgContext,
	input: { now: number; idempotencyBefore: number }
): Promise<{ sessions: number; idempotency: number }> {
	return ctx.tx(async (q) => {
		const { rows } = await q.query(`SELECT pg_try_advisory_xact_lock($1, 0) AS got`, [LOCK.retention]);
		if (rows[0].got !== true) return { sessions: 0, idempotency: 0 };
		// expires_at is always written by toISOString() (UTC, fixed width), so text order is time order.
		const sessions = await q.query(`DELETE FROM sessions WHERE expires_at <= $1`, [new Date(input.now).toISOString()]);
		const idempotency = await q.query(`DELETE FROM idempotency WHERE created_at < $1`, [input.idempotencyBefore]);
		await q.query(`DELETE FROM throttle_failures WHERE at < $1`, [input.now - THROTTLE_KEEP_MS]);
		await q.query(`DELETE FROM rate_hits WHERE at < $1`, [input.now - THROTTLE_KEEP_MS]);
		await q.query(`DELETE FROM sign_in_failure_seconds WHERE second < $1`, [
			Math.floor((input.now - THROTTLE_KEEP_MS) / 1000)
		]);
		// Leases of processes that died mid-render (a live one deletes its own).
		await q.query(`DELETE FROM render_leases WHERE expires_at < $1`, [input.now - THROTTLE_KEEP_MS]);
		return { sessions: sessions.rowCount ?? 0, idempotency: idempotency.rowCount ?? 0 };
	});
}
