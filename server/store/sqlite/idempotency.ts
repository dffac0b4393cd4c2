// Idempotency keys: claim, finish with the stored response, release; a stale 'running' claim is taken over.
import type { Claim } from '../types';
import { parse, str, type Row, type SqliteContext } from './context';

export function claimIdempotency(
	ctx: SqliteContext,
	scope: string,
	key: string,
	requestHash: string,
	now: number,
	staleMs = 60_000
): Claim {
	const { db } = ctx;
	return db
		.transaction((): Claim => {
			const row = db.prepare(`SELECT * FROM idempotency WHERE scope = ? AND key = ?`).get(scope, key) as
				Row | undefined;
			if (!row) {
				db.prepare(
					`INSERT INTO idempotency (scope, key, request_hash, status, created_at) VALUES (?, ?, ?, 'running', ?)`
				).run(scope, key, requestHash, now);
				return { kind: 'claimed' };
			}
			if (str(row.request_hash) !== requestHash) return { kind: 'mismatch' };
			if (row.status === 'done') {
				return {
					kind: 'replay',
					response: { status: Number(row.response_status), body: parse<unknown>(row.response_body) }
				};
			}
			// A 'running' row whose owner died (crash, restart) would block the key forever.
			if (now - Number(row.created_at) > staleMs) {
				db.prepare(`UPDATE idempotency SET created_at = ? WHERE scope = ? AND key = ?`).run(now, scope, key);
				return { kind: 'claimed' };
			}
			return { kind: 'running' };
		})
		.immediate();
}

export function releaseRunningClaims(ctx: SqliteContext): number {
	return ctx.db.prepare(`DELETE FROM idempotency WHERE status = 'running'`).run().changes;
}
