// The PostgreSQL Store: many stateless server processes on one database; each entity's SQL lives in its own module beside this one.
import pg from 'pg';
import { randomInt } from 'node:crypto';
import { hashCode } from '../access-code';
import type { SeedData, Store } from '../types';
import * as accounts from './accounts';
import * as adminActions from './admin-actions';
import * as catalog from './catalog';
import * as changes from './changes';
import { LOCK, PgContext, type Q } from './context';
import * as contracts from './contracts';
import * as holidays from './holidays';
import * as idempotency from './idempotency';
import { migratePg } from './migrations';
import * as office from './office';
import * as renditions from './renditions';
import * as sessions from './sessions';
import * as stamping from './stamping';
import { pgFailureLog } from './throttle';

export { PG_SCHEMA_VERSION } from './migrations';

export interface PgStoreOptions {
	/** Connections in this process's pool (PG_POOL_SIZE). */
	poolSize?: number;
	/** A schema to work in instead of public (tests give each suite its own). */
	schema?: string;
}

type P<T> = Promise<T>;
type Args<F> = F extends (ctx: PgContext, ...args: infer A) => unknown ? A : never;

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
		return new PgStore(ctx, life, await accounts.codeSalt(pool));
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

export class PgStore implements Store {
	readonly #ctx: PgContext;
	readonly #life: Liveness;
	readonly #salt: string;
	#closed = false;

	constructor(ctx: PgContext, life: Liveness, salt: string) {
		this.#ctx = ctx;
		this.#life = life;
		this.#salt = salt;
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

	async isEmpty(): P<boolean> {
		return accounts.isEmpty(this.#ctx);
	}
	async seed(data: SeedData) {
		await accounts.seed(this.#ctx, data, await Promise.all(data.accounts.map((a) => hashCode(a.code, this.#salt))));
	}
	async findAccountByCode(code: string) {
		return accounts.findAccountByCodeHash(this.#ctx, await hashCode(code, this.#salt));
	}
	async getAccount(...a: Args<typeof accounts.getAccount>) {
		return accounts.getAccount(this.#ctx, ...a);
	}
	async listAccounts() {
		return accounts.listAccounts(this.#ctx);
	}
	async verifyAccount(...a: Args<typeof accounts.verifyAccount>) {
		return accounts.verifyAccount(this.#ctx, ...a);
	}

	async createSession(...a: Args<typeof sessions.createSession>) {
		await sessions.createSession(this.#ctx, ...a);
	}
	async getSession(...a: Args<typeof sessions.getSession>) {
		return sessions.getSession(this.#ctx, ...a);
	}
	async deleteSession(...a: Args<typeof sessions.deleteSession>) {
		await sessions.deleteSession(this.#ctx, ...a);
	}
	async purgeExpired(...a: Args<typeof sessions.purgeExpired>) {
		return sessions.purgeExpired(this.#ctx, ...a);
	}

	async changes(...a: Args<typeof changes.changes>) {
		return changes.changes(this.#ctx, ...a);
	}
	async changesPage(...a: Args<typeof changes.changesPage>) {
		return changes.changesPage(this.#ctx, ...a);
	}

	async getOrders(...a: Args<typeof catalog.getOrders>) {
		return catalog.getOrders(this.#ctx, ...a);
	}
	async getFiling(...a: Args<typeof catalog.getFiling>) {
		return catalog.getFiling(this.#ctx, ...a);
	}

	async findAttachedOrders(...a: Args<typeof contracts.findAttachedOrders>) {
		return contracts.findAttachedOrders(this.#ctx, ...a);
	}
	async getContract(...a: Args<typeof contracts.getContract>) {
		return contracts.getContract(this.#ctx, ...a);
	}
	async getContractPdf(...a: Args<typeof contracts.getContractPdf>) {
		return contracts.getContractPdf(this.#ctx, ...a);
	}
	async registerContract(...a: Args<typeof contracts.registerContract>) {
		return contracts.registerContract(this.#ctx, ...a);
	}
	async listContractsForAdmin() {
		return contracts.listContractsForAdmin(this.#ctx);
	}
	async contractsByNumber(...a: Args<typeof renditions.contractsByNumber>) {
		return renditions.contractsByNumber(this.#ctx, ...a);
	}
	async putRenditionHash(...a: Args<typeof renditions.putRenditionHash>) {
		return renditions.putRenditionHash(this.#ctx, ...a);
	}

	async getStamping(...a: Args<typeof stamping.getStamping>) {
		return stamping.getStamping(this.#ctx, ...a);
	}
	async submitStamping(...a: Args<typeof stamping.submitStamping>) {
		return stamping.submitStamping(this.#ctx, ...a);
	}
	async addStampingEvent(...a: Args<typeof stamping.addStampingEvent>) {
		return stamping.addStampingEvent(this.#ctx, ...a);
	}
	async confirmReceipt(...a: Args<typeof stamping.confirmReceipt>) {
		return stamping.confirmReceipt(this.#ctx, ...a);
	}
	async listStampingEvents(...a: Args<typeof stamping.listStampingEvents>) {
		return stamping.listStampingEvents(this.#ctx, ...a);
	}

	async listAdminActions(...a: Args<typeof adminActions.listAdminActions>) {
		return adminActions.listAdminActions(this.#ctx, ...a);
	}

	async createStaff(...a: Args<typeof office.createStaff>) {
		return office.createStaff(this.#ctx, ...a);
	}
	async getStaff(...a: Args<typeof office.getStaff>) {
		return office.getStaff(this.#ctx, ...a);
	}
	async listStaff() {
		return office.listStaff(this.#ctx);
	}
	async setStaffPassword(...a: Args<typeof office.setStaffPassword>) {
		return office.setStaffPassword(this.#ctx, ...a);
	}
	async setStaffRoles(...a: Args<typeof office.setStaffRoles>) {
		return office.setStaffRoles(this.#ctx, ...a);
	}
	async createStaffSession(...a: Args<typeof office.createStaffSession>) {
		await office.createStaffSession(this.#ctx, ...a);
	}
	async touchStaffSession(...a: Args<typeof office.touchStaffSession>) {
		return office.touchStaffSession(this.#ctx, ...a);
	}
	async deleteStaffSession(...a: Args<typeof office.deleteStaffSession>) {
		await office.deleteStaffSession(this.#ctx, ...a);
	}
	async revokeStaffSessions(...a: Args<typeof office.revokeStaffSessions>) {
		return office.revokeStaffSessions(this.#ctx, ...a);
	}
	async countStaffSessions(...a: Args<typeof office.countStaffSessions>) {
		return office.countStaffSessions(this.#ctx, ...a);
	}
	async createAccount(input: { id: string; accountName: string; code: string; now: string; actor: string }) {
		const { code, ...rest } = input;
		return office.createAccount(this.#ctx, { ...rest, codeHash: await hashCode(code, this.#salt) });
	}
	async setAccessCode(input: { accountId: string; code: string; revokeSessions: boolean; now: string; actor: string }) {
		const { code, ...rest } = input;
		return office.setAccessCode(this.#ctx, { ...rest, codeHash: await hashCode(code, this.#salt) });
	}
	async listOfficeAccounts() {
		return office.listOfficeAccounts(this.#ctx);
	}
	async listAccountContracts(...a: Args<typeof office.listAccountContracts>) {
		return office.listAccountContracts(this.#ctx, ...a);
	}
	async listPaperCopies() {
		return office.listPaperCopies(this.#ctx);
	}
	async recordRefusal(...a: Args<typeof office.recordRefusal>) {
		await office.recordRefusal(this.#ctx, ...a);
	}
	async listRefusals(...a: Args<typeof office.listRefusals>) {
		return office.listRefusals(this.#ctx, ...a);
	}

	async listHolidayYears(...a: Args<typeof holidays.listHolidayYears>) {
		return holidays.listHolidayYears(this.#ctx, ...a);
	}
	async publishHolidayYear(...a: Args<typeof holidays.publishHolidayYear>) {
		return holidays.publishHolidayYear(this.#ctx, ...a);
	}
	async seedHolidayYears(...a: Args<typeof holidays.seedHolidayYears>) {
		return holidays.seedHolidayYears(this.#ctx, ...a);
	}

	async claimIdempotency(...a: Args<typeof idempotency.claimIdempotency>) {
		return idempotency.claimIdempotency(this.#ctx, ...a);
	}
	async finishIdempotency(...a: Parameters<PgContext['finishKey']> extends [Q, ...infer R] ? R : never) {
		await this.#ctx.finishKey(this.#ctx.pool, ...a);
	}
	async releaseIdempotency(...a: Parameters<PgContext['releaseKey']> extends [Q, ...infer R] ? R : never) {
		await this.#ctx.releaseKey(this.#ctx.pool, ...a);
	}
	async releaseRunningClaims() {
		return idempotency.releaseRunningClaims(this.#ctx);
	}

	async close(): P<void> {
		if (this.#closed) return;
		this.#closed = true;
		await this.#ctx.pool.end();
		// Last: until here this process's running claims are its own.
		await this.#life.close();
	}
}
