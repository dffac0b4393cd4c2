// The PostgreSQL Store: many stateless server processes on one database; the operations both stores do alike come from ../sql/, what PostgreSQL does its own way from the modules beside this one.
import pg from 'pg';
import { randomInt } from 'node:crypto';
import { ForwardingStore } from '../forwarding';
import { codeHashes, SHARED_OPS, type OwnOps } from '../sql/ops';
import * as accounts from './accounts';
import * as changes from './changes';
import { LOCK, PgContext } from './context';
import * as contracts from './contracts';
import * as idempotency from './idempotency';
import { migratePg } from './migrations';
import * as sessions from './sessions';
import { pgFailureLog, pgFailureRate, pgRateLimiter, pgRenderLeases } from './throttle';

export { PG_SCHEMA_VERSION } from './migrations';

export interface PgStoreOptions {
	/** Connections in this process's pool (PG_POOL_SIZE). */
	poolSize?: number;
	/** A schema to work in instead of public (tests give each suite its own). */
	schema?: string;
}

/** bigint (int8) and numeric come back as strings by default; every one of ours fits a double. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openPgStore(url: string, opts: PgStoreOptions = {}): Promise<PgStore> {
	if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema))
		throw new Error(`bad schema name: ${opts.schema}`);
	const settings = [
		// Left on (the default) on purpose: an acknowledged registration must survive a crash of the database.
		'-c synchronous_commit=on',
		...(opts.schema ? [`-c search_path=${opts.schema}`] : [])
	].join(' ');
	const config: pg.ClientConfig = {
		connectionString: url,
		options: settings,
		keepAlive: true,
		application_name: 'contract-desk'
	};
	if (opts.schema) {
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		try {
			await admin.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
		} finally {
			await admin.end();
		}
	}
	const pool = new pg.Pool({ ...config, max: opts.poolSize ?? 10 });
	// An idle client that loses its connection emits 'error' on the pool; without a listener the process dies.
	pool.on('error', (err) => console.error('[pg] idle connection lost', err.message));
	let life: Liveness | null = null;
	try {
		await migratePg(pool);
		life = await holdLiveness(config);
		const ctx = new PgContext(pool, life.owner);
		await ctx.codeSalt();
		return new PgStore(ctx, life);
	} catch (err) {
		await life?.close().catch(() => {});
		await pool.end().catch(() => {});
		throw err;
	}
}

interface Liveness {
	owner: number;
	close(): Promise<void>;
}

/**
 * Holds this process's owner lock on a connection of its own, outside the pool, for the life of the process.
 * Should that connection drop while the process lives (a network blip, a restarted database), it is made again
 * and the same lock retaken; in between, a claim of ours may be taken over, which is safe: a takeover re-runs the
 * effect, and every effect compares content (same → the stored result).
 */
async function holdLiveness(config: pg.ClientConfig): Promise<Liveness> {
	let closing = false;
	let client: pg.Client | null = null;
	let owner = 0;
	const lock = async (c: pg.Client, id: number) =>
		(await c.query(`SELECT pg_try_advisory_lock($1, $2) AS got`, [LOCK.owner, id])).rows[0].got === true;
	const connect = async (): Promise<pg.Client> => {
		const c = new pg.Client(config);
		c.on('error', (err) => console.error('[pg] liveness connection lost:', err.message));
		c.on('end', () => {
			if (closing || client !== c) return;
			client = null;
			const retry = () => {
				if (closing) return;
				connect()
					.then(async (next) => {
						if (!(await lock(next, owner)))
							console.error(
								`[pg] owner lock ${owner} held elsewhere; running claims of this process may be taken over`
							);
						client = next;
					})
					.catch(() => setTimeout(retry, 1_000).unref());
			};
			setTimeout(retry, 200).unref();
		});
		await c.connect();
		return c;
	};
	const first = await connect();
	for (;;) {
		owner = randomInt(1, 2 ** 31 - 1);
		if (await lock(first, owner)) break;
	}
	client = first;
	return {
		owner,
		close: async () => {
			closing = true;
			await client?.end();
		}
	};
}

const OPS: OwnOps<PgContext> = {
	seed: async (ctx, data) => {
		await accounts.seed(ctx, data, await codeHashes(ctx, data));
	},
	purgeExpired: sessions.purgeExpired,
	listContractsForAdmin: contracts.listContractsForAdmin,
	claimIdempotency: idempotency.claimIdempotency,
	releaseRunningClaims: idempotency.releaseRunningClaims,
	changesPage: changes.changesPage
};

export class PgStore extends ForwardingStore<PgContext> {
	readonly #ctx: PgContext;
	readonly #life: Liveness;
	#closed = false;

	constructor(ctx: PgContext, life: Liveness) {
		super(ctx, { ...SHARED_OPS, ...OPS });
		this.#ctx = ctx;
		this.#life = life;
	}

	/** The pool, for tests and tools that look at the rows themselves. */
	get pool(): pg.Pool {
		return this.#ctx.pool;
	}
	/** This process's owner id of running idempotency claims. */
	get owner(): number {
		return this.#ctx.owner;
	}
	/** Sign-in failures, shared by every process on this database. */
	readonly failureLog = () => pgFailureLog(this.#ctx);
	/** Failed sign-ins per second of every process (the global ceiling). */
	readonly failureRate = () => pgFailureRate(this.#ctx);
	/** A sliding-window limiter every process counts together (`scope` keeps limiters apart). */
	readonly rateLimiter = (opts: Parameters<typeof pgRateLimiter>[1]) => pgRateLimiter(this.#ctx, opts);
	/** Per-account render slots held as leases (the render gate across processes). */
	readonly renderLeases = (opts?: { leaseMs?: number }) => pgRenderLeases(this.#ctx, opts);

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#ctx.pool.end();
		// Last: until here this process's running claims are its own.
		await this.#life.close();
	}
}
