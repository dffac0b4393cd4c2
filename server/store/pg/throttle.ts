// Limits every process shares, in PostgreSQL: sign-in failures per key, failed sign-ins per second (the global ceiling), request hits per key, render leases.
import { randomUUID } from 'node:crypto';
import type { AccountSlots } from '../../render/render-gate';
import type { FailureRate } from '../../auth/sign-in-ceiling';
import type { RateLimiter } from '../../auth/sliding-window';
import type { FailureLog } from '../../auth/throttle';
import type { PgContext } from './context';

export function pgFailureLog(ctx: PgContext): FailureLog {
	return {
		async recent(keys, since) {
			const { rows } = await ctx.pool.query(
				`SELECT key, count(*)::int AS n, max(at) AS last FROM throttle_failures WHERE key = ANY($1::text[]) AND at > $2 GROUP BY key`,
				[keys, since]
			);
			return new Map(rows.map((r) => [String(r.key), { count: Number(r.n), last: Number(r.last) }]));
		},
		async record(keys, at) {
			await ctx.pool.query(`INSERT INTO throttle_failures (key, at) SELECT unnest($1::text[]), $2`, [keys, at]);
		},
		async attempt({ keys, at, attempt, options }) {
			const { rows } = await ctx.pool.query(
				`SELECT throttle_attempt($1::text[], $2::int[], $3, $4, $5, $6, $7) AS wait`,
				[
					keys.map((k) => k.key),
					keys.map((k) => k.rule.free),
					at,
					options.windowMs,
					options.baseDelayMs,
					options.maxDelayMs,
					attempt
				]
			);
			return Number(rows[0].wait);
		},
		async forget(keys, at, attempt) {
			await ctx.pool.query(`DELETE FROM throttle_failures WHERE key = ANY($1::text[]) AND at = $2 AND attempt = $3`, [
				keys,
				at,
				attempt
			]);
		}
	};
}

/** Failed sign-ins of every process, counted per second: one upsert answers the minute's count with this one. */
export function pgFailureRate(ctx: PgContext): FailureRate {
	return {
		async record(now) {
			const second = Math.floor(now / 1000);
			const { rows } = await ctx.pool.query(
				`WITH up AS (
					INSERT INTO sign_in_failure_seconds (second, failures) VALUES ($1, 1)
					ON CONFLICT (second) DO UPDATE SET failures = sign_in_failure_seconds.failures + 1
					RETURNING failures
				)
				SELECT (SELECT failures FROM up) + coalesce((SELECT sum(failures) FROM sign_in_failure_seconds
					WHERE second > $1 - 60 AND second < $1), 0) AS n`,
				[second]
			);
			return Number(rows[0].n);
		}
	};
}

/** A sliding-window limiter whose hits every process counts (rate_hit: check and record in one statement). */
export function pgRateLimiter(
	ctx: PgContext,
	opts: { limit: number; windowMs: number; scope: string; now?: () => number }
): RateLimiter {
	const now = opts.now ?? Date.now;
	return {
		async hit(key) {
			const { rows } = await ctx.pool.query(`SELECT rate_hit($1, $2, $3, $4) AS wait`, [
				`${opts.scope}:${key}`,
				opts.limit,
				opts.windowMs,
				now()
			]);
			const wait = Number(rows[0].wait);
			return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
		}
	};
}

/** The database's clock in ms: leases are compared by one clock, whatever the processes' clocks say. */
const DB_NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** How long a render lease holds without renewal: a process that died frees its account's slot within this. */
export const RENDER_LEASE_MS = 30_000;

/**
 * Per-account render slots as rows (account, slot) with a lease: taken by an upsert that succeeds only on a free
 * or expired row (one statement; the row lock decides between processes), renewed while the render runs, deleted
 * after it. A process killed mid-render leaves a row that expires instead of a slot lost forever.
 */
export function pgRenderLeases(ctx: PgContext, opts: { leaseMs?: number } = {}): AccountSlots {
	const leaseMs = opts.leaseMs ?? RENDER_LEASE_MS;
	return {
		async acquire(accountId, perAccount) {
			const lease = randomUUID();
			for (let slot = 0; slot < perAccount; slot++) {
				const { rowCount } = await ctx.pool.query(
					`INSERT INTO render_leases (account_id, slot, lease, expires_at) VALUES ($1, $2, $3, ${DB_NOW_MS} + $4)
					ON CONFLICT (account_id, slot) DO UPDATE SET lease = EXCLUDED.lease, expires_at = EXCLUDED.expires_at
					WHERE render_leases.expires_at < ${DB_NOW_MS}`,
					[accountId, slot, lease, leaseMs]
				);
				if (rowCount !== 1) continue;
				const renew = setInterval(() => {
					ctx.pool
						.query(
							`UPDATE render_leases SET expires_at = ${DB_NOW_MS} + $4 WHERE account_id = $1 AND slot = $2 AND lease = $3`,
							[accountId, slot, lease, leaseMs]
						)
						.catch(() => {});
				}, leaseMs / 3);
				renew.unref();
				return async () => {
					clearInterval(renew);
					// A failed delete must not turn a finished render into an error: the lease runs out by itself.
					await ctx.pool
						.query(`DELETE FROM render_leases WHERE account_id = $1 AND slot = $2 AND lease = $3`, [
							accountId,
							slot,
							lease
						])
						.catch(() => {});
				};
			}
			return null;
		}
	};
}
