// The retention purge of sessions and idempotency rows on SQLite.
import type { SqliteContext } from './context';

/** The retention job: expired sessions are useless at once; finished idempotency rows after the retention period. */
export function purgeExpired(
	ctx: SqliteContext,
	input: { now: number; idempotencyBefore: number }
): { sessions: number; idempotency: number } {
	const { db } = ctx;
	return db.transaction(() => {
		// expires_at is always written by toISOString() (UTC, fixed width), so text order is time order.
		const sessions = db
			.prepare(`DELETE FROM sessions WHERE expires_at <= ?`)
			.run(new Date(input.now).toISOString()).changes;
		const idempotency = db.prepare(`DELETE FROM idempotency WHERE created_at < ?`).run(input.idempotencyBefore).changes;
		return { sessions, idempotency };
	})();
}
