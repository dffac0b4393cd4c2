// The SQLite Store: one WAL file under DATA_DIR; each entity's SQL lives in its own module beside this one.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hashCode } from '../access-code';
import type { SeedData, Store } from '../types';
import * as accounts from './accounts';
import * as adminActions from './admin-actions';
import * as catalog from './catalog';
import * as changes from './changes';
import { SqliteContext } from './context';
import * as contracts from './contracts';
import * as holidays from './holidays';
import * as idempotency from './idempotency';
import { migrate } from './migrations';
import * as office from './office';
import * as renditions from './renditions';
import * as sessions from './sessions';
import * as stamping from './stamping';

export { contentHash } from './contracts';
export { SCHEMA_VERSION } from './migrations';

export function openSqliteStore(dataDir: string, fileName = 'contract-desk.sqlite'): SqliteStore {
	mkdirSync(dataDir, { recursive: true });
	return new SqliteStore(new Database(join(dataDir, fileName)));
}

type P<T> = Promise<T>;
type Args<F> = F extends (ctx: SqliteContext, ...args: infer A) => unknown ? A : never;

/** better-sqlite3 is synchronous; the interface is async so that a networked store can implement it too. */
export class SqliteStore implements Store {
	readonly db: Database.Database;
	readonly #ctx: SqliteContext;

	constructor(db: Database.Database) {
		this.db = db;
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
		migrate(db);
		this.#ctx = new SqliteContext(db);
		accounts.hashPlainCodes(this.#ctx);
	}

	async isEmpty(): P<boolean> {
		return accounts.isEmpty(this.#ctx);
	}
	async seed(data: SeedData) {
		const salt = accounts.codeSalt(this.#ctx);
		accounts.seed(this.#ctx, data, await Promise.all(data.accounts.map((a) => hashCode(a.code, salt))));
	}
	async findAccountByCode(code: string) {
		return accounts.findAccountByCodeHash(this.#ctx, await hashCode(code, accounts.codeSalt(this.#ctx)));
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
		sessions.createSession(this.#ctx, ...a);
	}
	async getSession(...a: Args<typeof sessions.getSession>) {
		return sessions.getSession(this.#ctx, ...a);
	}
	async deleteSession(...a: Args<typeof sessions.deleteSession>) {
		sessions.deleteSession(this.#ctx, ...a);
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
		renditions.putRenditionHash(this.#ctx, ...a);
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
		office.createStaffSession(this.#ctx, ...a);
	}
	async touchStaffSession(...a: Args<typeof office.touchStaffSession>) {
		return office.touchStaffSession(this.#ctx, ...a);
	}
	async deleteStaffSession(...a: Args<typeof office.deleteStaffSession>) {
		office.deleteStaffSession(this.#ctx, ...a);
	}
	async revokeStaffSessions(...a: Args<typeof office.revokeStaffSessions>) {
		return office.revokeStaffSessions(this.#ctx, ...a);
	}
	async countStaffSessions(...a: Args<typeof office.countStaffSessions>) {
		return office.countStaffSessions(this.#ctx, ...a);
	}
	async createAccount(input: { id: string; accountName: string; code: string; now: string; actor: string }) {
		const { code, ...rest } = input;
		return office.createAccount(this.#ctx, { ...rest, codeHash: await hashCode(code, accounts.codeSalt(this.#ctx)) });
	}
	async setAccessCode(input: { accountId: string; code: string; revokeSessions: boolean; now: string; actor: string }) {
		const { code, ...rest } = input;
		return office.setAccessCode(this.#ctx, { ...rest, codeHash: await hashCode(code, accounts.codeSalt(this.#ctx)) });
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
		office.recordRefusal(this.#ctx, ...a);
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
	async finishIdempotency(...a: Parameters<SqliteContext['finishKey']>) {
		this.#ctx.finishKey(...a);
	}
	async releaseIdempotency(...a: Parameters<SqliteContext['releaseKey']>) {
		this.#ctx.releaseKey(...a);
	}
	async releaseRunningClaims() {
		return idempotency.releaseRunningClaims(this.#ctx);
	}

	async close(): P<void> {
		if (this.db.open) this.db.close();
	}
}
