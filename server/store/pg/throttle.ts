// Sign-in throttling state in PostgreSQL: failed attempts per key, so every process counts the same failures.
import type { FailureLog } from '../../throttle';
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
		}
	};
}
