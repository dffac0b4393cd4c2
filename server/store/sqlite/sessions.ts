// Sign-in sessions: bearer tokens stored as hashes, with an expiry; and the retention purge of sessions and idempotency rows.
import { str, type Row, type SqliteContext } from './context';

export function createSession(
	ctx: SqliteContext,
	tokenHash: string,
	accountId: string,
	createdAt: string,
	expiresAt: string
): void {
	ctx.db
		.prepare(`INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`)
		.run(tokenHash, accountId, createdAt, expiresAt);
}

export function getSession(
	ctx: SqliteContext,
	tokenHash: string,
	now: string
): { accountId: string; expiresAt: string } | undefined {
	const row = ctx.db.prepare(`SELECT account_id, expires_at FROM sessions WHERE token_hash = ?`).get(tokenHash) as
		Row | undefined;
	if (!row) return undefined;
	const expiresAt = str(row.expires_at);
	if (Date.parse(expiresAt) <= Date.parse(now)) return undefined;
	return { accountId: str(row.account_id), expiresAt };
}

export function deleteSession(ctx: SqliteContext, tokenHash: string): void {
	ctx.db.prepare(`DELETE FROM sessions WHERE token_hash = ?`).run(tokenHash);
}

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
