// Idempotency keys across processes: claimed with INSERT … ON CONFLICT, decided under the row's lock; a running claim of a dead process (or a stale one) is taken over.
import type { Claim } from '../types';
import { LOCK, parse, str, type PgContext, type Q } from './context';

/**
 * Whether the process that owns a running claim is gone: every live process holds the session advisory lock
 * (LOCK.owner, its id) on a connection of its own, which PostgreSQL drops the moment that process dies (kill -9
 * included: its sockets close). Taking the lock at transaction scope succeeds only then, and lets go at COMMIT.
 */
async function ownerGone(q: Q, owner: number): Promise<boolean> {
	const { rows } = await q.query(`SELECT pg_try_advisory_xact_lock($1, $2) AS got`, [LOCK.owner, owner]);
	return rows[0].got === true;
}

export async function claimIdempotency(
	ctx: PgContext,
	scope: string,
	key: string,
	requestHash: string,
	now: number,
	staleMs = 60_000
): Promise<Claim> {
	for (;;) {
		const inserted = await ctx.pool.query(
			`INSERT INTO idempotency (scope, key, request_hash, status, created_at, owner) VALUES ($1, $2, $3, 'running', $4, $5)
			 ON CONFLICT (scope, key) DO NOTHING`,
			[scope, key, requestHash, now, ctx.owner]
		);
		if (inserted.rowCount === 1) return { kind: 'claimed' };
		const claim = await ctx.tx(async (q): Promise<Claim | null> => {
			const { rows } = await q.query(`SELECT * FROM idempotency WHERE scope = $1 AND key = $2 FOR UPDATE`, [
				scope,
				key
			]);
			const row = rows[0];
			// Released between our insert and this read: claim again.
			if (!row) return null;
			if (str(row.request_hash) !== requestHash) return { kind: 'mismatch' };
			if (row.status === 'done')
				return {
					kind: 'replay',
					response: { status: Number(row.response_status), body: parse<unknown>(row.response_body) }
				};
			const owner = row.owner == null ? null : Number(row.owner);
			// A running claim is taken over when its owner died (at once) or when it is stale (a hung owner).
			const dead = owner !== null && owner !== ctx.owner && (await ownerGone(q, owner));
			if (dead || now - Number(row.created_at) > staleMs) {
				await q.query(`UPDATE idempotency SET created_at = $1, owner = $2 WHERE scope = $3 AND key = $4`, [
					now,
					ctx.owner,
					scope,
					key
				]);
				return { kind: 'claimed' };
			}
			return { kind: 'running' };
		});
		if (claim) return claim;
	}
}

/**
 * Start-up recovery, safe with many processes: only the running claims of processes that are gone are released
 * (the SQLite store, the sole writer of its file, releases every one). Claims of live processes stay theirs.
 */
export async function releaseRunningClaims(ctx: PgContext): Promise<number> {
	const { rows } = await ctx.pool.query(
		`SELECT DISTINCT owner FROM idempotency WHERE status = 'running' AND owner IS DISTINCT FROM $1::integer`,
		[ctx.owner]
	);
	let released = 0;
	for (const { owner } of rows) {
		released += await ctx.tx(async (q) => {
			if (owner !== null && !(await ownerGone(q, Number(owner)))) return 0;
			const del = await q.query(
				`DELETE FROM idempotency WHERE status = 'running' AND owner IS NOT DISTINCT FROM $1::integer`,
				[owner]
			);
			return del.rowCount ?? 0;
		});
	}
	return released;
}
