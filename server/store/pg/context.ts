// What PostgreSQL's side of the store shares: the pool, transactions with retry, its SQL fragments (the dialect), the driver that runs the operations written once (sql/), the commit-ordered change sequence.
import type { Pool, PoolClient } from 'pg';
import { codeSalt } from '../sql/accounts';
import * as ledger from '../sql/ledger';
import type { StoreContext } from '../sql/ops';
import { driveAsync, numbered, type Dialect, type Steps } from '../sql/steps';

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
export const LOCK = {
	owner: 0x43440001,
	retention: 0x43440002,
	contract: 0x43440003,
	/** Taken inside the migration's SQL functions (throttle_attempt, rate_hit), where the numbers are written out. */
	throttle: 0x43440004,
	rateHit: 0x43440005
} as const;
/** The one-bigint key of the migration lock ("CDmigrat"). */
export const MIGRATION_LOCK = '4846082651424710004';

/** PostgreSQL's side of the SQL the two stores share. */
export const POSTGRES: Dialect = {
	lockRow: ' FOR UPDATE',
	// NO KEY UPDATE: foreign keys to the row (KEY SHARE) are never blocked by it.
	lockRowNoKey: ' FOR NO KEY UPDATE',
	byteLength: 'octet_length',
	jsonObject: 'json_build_object',
	json: <T>(v: unknown) => v as T,
	jsonText: (column, ...path) =>
		path.length === 1 ? `${column}::jsonb ->> '${path[0]}'` : `${column}::jsonb #>> '{${path.join(',')}}'`,
	jsonValue: (column, key) => `${column}::jsonb -> '${key}'`,
	contractNumber: (of) => `${of}number`,
	lockContractId: `SELECT pg_advisory_xact_lock(${LOCK.contract}, hashtext(?))`,
	hashedCode: { column: '', value: '', set: '', where: '' }
};

/**
 * Pulls read in one REPEATABLE READ snapshot: the counter value it shows is n exactly when every transaction that
 * took a sequence ≤ n has committed (they hold the counter row's lock until they end, see nextSeq), so
 * "seq ≤ cursor" in this snapshot is complete, and everything later waits for the next pull.
 */
const SNAPSHOT = { isolation: 'repeatable read', readOnly: true } as const;

export class PgContext implements StoreContext {
	readonly dialect = POSTGRES;

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

	#salt: Promise<string> | undefined;

	/** This installation's salt of access-code hashes: it never changes, so it is read once. */
	codeSalt(): Promise<string> {
		return (this.#salt ??= this.read(() => codeSalt()));
	}

	/** Runs an operation's statements on q (a transaction's connection, or the pool). */
	exec<T>(q: Q, steps: Steps<T>): Promise<T> {
		return driveAsync(steps, async (s) => {
			const r = await q.query(numbered(s.sql), [...s.args]);
			return { rows: r.rows, changes: r.rowCount ?? 0 };
		});
	}

	read<T>(op: (d: Dialect) => Steps<T>): Promise<T> {
		return this.exec(this.pool, op(POSTGRES));
	}

	snapshot<T>(op: (d: Dialect) => Steps<T>): Promise<T> {
		return this.tx((q) => this.exec(q, op(POSTGRES)), SNAPSHOT);
	}

	write<T>(op: (d: Dialect) => Steps<T>): Promise<T> {
		return this.tx((q) => this.exec(q, op(POSTGRES)));
	}

	/**
	 * Bumps the global change sequence and, with it, takes the counter row's lock until this transaction ends.
	 * That lock is what makes the cursor commit-ordered: a transaction holding sequence n commits (or rolls back)
	 * before any other can take n + 1, so a reader that sees the counter at n sees every row with seq ≤ n. A bare
	 * sequence would not do: n + 1 could commit first, a pull would return cursor n + 1, and n would be skipped.
	 * Call it as late as possible in the transaction: the lock serialises writers from here to COMMIT.
	 */
	nextSeq(q: Q): Promise<number> {
		return this.exec(q, ledger.nextSeq());
	}
}
