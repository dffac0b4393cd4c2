// What every PostgreSQL entity module shares: the pool, transactions with retry, the commit-ordered change sequence, the admin log and idempotency finishing.
import type { Pool, PoolClient } from 'pg';
import type { AuditEntry, Commit, StoredResponse } from '../types';

export { nullableStr, parse, str, type Row } from '../rows';

/** A pg connection inside one transaction (or the pool for single statements). */
export type Q = Pick<PoolClient, 'query'>;

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

/**
 * Errors a transaction may simply run again on: a unique key another transaction took between our check and
 * our insert (the retry's check sees its committed row), a serialisation failure, a deadlock.
 */
const RETRYABLE = new Set(['23505', '40001', '40P01']);

export function pgCode(err: unknown): string | undefined {
	return typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * Advisory-lock namespaces (the two-int form, so they never meet the one-bigint migration lock). OWNER: each
 * process holds (OWNER, its owner id) on a dedicated session while it lives; a claim whose owner's lock can be
 * taken belongs to a dead process.
 */
export const LOCK = { owner: 0x43440001, retention: 0x43440002, contract: 0x43440003 } as const;
/** The one-bigint key of the migration lock ("CDmigrat"). */
export const MIGRATION_LOCK = '4846082651424710004';

export class PgContext {
	constructor(
		readonly pool: Pool,
		/** This process's claim owner id (its liveness is the advisory lock (LOCK.owner, owner)). */
		readonly owner: number
	) {}

	/** Runs fn in one transaction; retried (fresh transaction) on a race the database reported. */
	async tx<T>(
		fn: (q: Q) => Promise<T>,
		opts: { isolation?: Isolation; readOnly?: boolean; attempts?: number } = {}
	): Promise<T> {
		const attempts = opts.attempts ?? 5;
		for (let attempt = 1; ; attempt++) {
			const client = await this.pool.connect();
			let broken = false;
			try {
				await client.query(
					`BEGIN ISOLATION LEVEL ${(opts.isolation ?? 'read committed').toUpperCase()}${opts.readOnly ? ' READ ONLY' : ''}`
				);
				const result = await fn(client);
				await client.query('COMMIT');
				return result;
			} catch (err) {
				try {
					await client.query('ROLLBACK');
				} catch {
					broken = true;
				}
				if (attempt < attempts && RETRYABLE.has(pgCode(err) ?? '')) continue;
				throw err;
			} finally {
				client.release(broken ? true : undefined);
			}
		}
	}

	/**
	 * Bumps the global change sequence and, with it, takes the counter row's lock until this transaction ends.
	 * That lock is what makes the cursor commit-ordered: a transaction holding sequence n commits (or rolls back)
	 * before any other can take n + 1, so a reader that sees the counter at n sees every row with seq ≤ n. A bare
	 * sequence would not do: n + 1 could commit first, a pull would return cursor n + 1, and n would be skipped.
	 * Call it as late as possible in the transaction: the lock serialises writers from here to COMMIT.
	 */
	async nextSeq(q: Q): Promise<number> {
		const { rows } = await q.query(`UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value`);
		return Number(rows[0].value);
	}

	async currentSeq(q: Q): Promise<number> {
		const { rows } = await q.query(`SELECT value FROM counters WHERE name = 'seq'`);
		return Number(rows[0].value);
	}

	/** Appends to the audit trail; call inside the action's transaction. `after` defaults to the detail. */
	async logAction(
		q: Q,
		action: string,
		target: string,
		detail: unknown,
		at: string,
		audit: AuditEntry = {}
	): Promise<void> {
		const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
		await q.query(
			`INSERT INTO admin_actions (actor, action, target, detail, before_state, after_state, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			[
				audit.actor ?? 'token',
				action,
				target,
				json(detail),
				json(audit.before),
				json(audit.after === undefined ? detail : audit.after),
				at
			]
		);
	}

	/** Finishes (or releases) the idempotency key inside the effect's own transaction. */
	async finishInTx<R>(q: Q, commit: Commit<R> | undefined, result: R): Promise<void> {
		if (!commit) return;
		const response = commit.respond(result);
		if (response) await this.finishKey(q, commit.scope, commit.key, response);
		else await this.releaseKey(q, commit.scope, commit.key);
	}

	async finishKey(q: Q, scope: string, key: string, response: StoredResponse): Promise<void> {
		await q.query(
			`UPDATE idempotency SET status = 'done', response_status = $1, response_body = $2 WHERE scope = $3 AND key = $4`,
			[response.status, JSON.stringify(response.body), scope, key]
		);
	}

	async releaseKey(q: Q, scope: string, key: string): Promise<void> {
		await q.query(`DELETE FROM idempotency WHERE scope = $1 AND key = $2 AND status = 'running'`, [scope, key]);
	}
}
