// The Store operations written once for both databases, each run by the store's own runner in the transaction it needs.
import { hashCode } from '../access-code';
import type { StoreOps } from '../forwarding';
import type { HolidaySchedule } from '../../../src/lib/domain/holidayCalendar';
import type { SeedData } from '../types';
import * as accounts from './accounts';
import * as changes from './changes';
import * as contracts from './contracts';
import * as holidays from './holidays';
import { finishKey, releaseKey } from './ledger';
import * as office from './office';
import * as records from './records';
import * as stamping from './stamping';
import type { Dialect, Runner, Steps } from './steps';

/** A store's context as the shared operations see it: its runner, and the installation's access-code salt. */
export interface StoreContext extends Runner {
	codeSalt(): Promise<string>;
}

type StepsOf<A extends unknown[], T> = (d: Dialect, ...args: A) => Steps<T>;

/** Outside a transaction (one statement, or reads that need no common snapshot). */
const read =
	<A extends unknown[], T>(steps: StepsOf<A, T>) =>
	(db: Runner, ...args: A) =>
		db.read((d) => steps(d, ...args));
/** In one read snapshot. */
const snapshot =
	<A extends unknown[], T>(steps: StepsOf<A, T>) =>
	(db: Runner, ...args: A) =>
		db.snapshot((d) => steps(d, ...args));
/** In one write transaction. */
const write =
	<A extends unknown[], T>(steps: StepsOf<A, T>) =>
	(db: Runner, ...args: A) =>
		db.write((d) => steps(d, ...args));

/** Access codes are hashed off the event loop, before the statement that stores or finds them. */
const hashed = async (db: StoreContext, code: string) => hashCode(code, await db.codeSalt());

/** `codeHashes[i]` is the hash of `data.accounts[i].code`: what a store's seed stores. */
export async function codeHashes(db: StoreContext, data: SeedData): Promise<string[]> {
	const salt = await db.codeSalt();
	return Promise.all(data.accounts.map((a) => hashCode(a.code, salt)));
}

export const SHARED_OPS = {
	isEmpty: read(accounts.isEmpty),
	findAccountByCode: async (db: StoreContext, code: string) => {
		const codeHash = await hashed(db, code);
		return db.read((d) => accounts.findAccountByCodeHash(d, codeHash));
	},
	getAccount: read(accounts.getAccount),
	listAccounts: read(accounts.listAccounts),
	verifyAccount: write(accounts.verifyAccount),

	createSession: read(records.createSession),
	getSession: read(records.getSession),
	deleteSession: read(records.deleteSession),

	changes: snapshot(changes.changes),
	changesPage: snapshot(changes.changesPage),

	getOrders: read(records.getOrders),
	getFiling: read(records.getFiling),
	findAttachedOrders: read(contracts.findAttachedOrders),
	getContract: read(contracts.getContract),
	getContractPdf: read(contracts.getContractPdf),
	setContractPdf: read(contracts.setContractPdf),
	registerContract: write(contracts.registerContract),

	getStamping: read(stamping.getStamping),
	listStampingEvents: read(stamping.listStampingEvents),
	submitStamping: write(stamping.submitStamping),
	addStampingEvent: write(stamping.addStampingEvent),
	confirmReceipt: write(stamping.confirmReceipt),

	contractsByNumber: read(records.contractsByNumber),
	putRenditionHash: read(records.putRenditionHash),
	listAdminActions: read(records.listAdminActions),
	listUnsealedContracts: read(records.listUnsealedContracts),
	putSealedCopy: write(records.putSealedCopy),
	getSealedCopy: read(records.getSealedCopy),

	createStaff: write(office.createStaff),
	getStaff: read((d, login: string) => office.getStaff(d, login)),
	listStaff: read(office.listStaff),
	setStaffPassword: write(office.setStaffPassword),
	setStaffRoles: write(office.setStaffRoles),
	createStaffSession: write(office.createStaffSession),
	touchStaffSession: read(office.touchStaffSession),
	deleteStaffSession: read(office.deleteStaffSession),
	revokeStaffSessions: read(office.revokeStaffSessions),
	countStaffSessions: read(office.countStaffSessions),
	createAccount: async (
		db: StoreContext,
		{ code, ...rest }: Parameters<StoreOps<StoreContext>['createAccount']>[1]
	) => {
		const codeHash = await hashed(db, code);
		return db.write((d) => office.createAccount(d, { ...rest, codeHash }));
	},
	setAccessCode: async (
		db: StoreContext,
		{ code, ...rest }: Parameters<StoreOps<StoreContext>['setAccessCode']>[1]
	) => {
		const codeHash = await hashed(db, code);
		return db.write((d) => office.setAccessCode(d, { ...rest, codeHash }));
	},
	listOfficeAccounts: read(office.listOfficeAccounts),
	listAccountContracts: read(office.listAccountContracts),
	listPaperCopies: snapshot(office.listPaperCopies),
	recordRefusal: read(office.recordRefusal),
	listRefusals: read(office.listRefusals),

	listHolidayYears: read(holidays.listHolidayYears),
	publishHolidayYear: write(holidays.publishHolidayYear),
	seedHolidayYears: async (db: Runner, schedules: readonly HolidaySchedule[], now: string) =>
		(await db.read((d) => holidays.anyMissing(d, schedules)))
			? db.write((d) => holidays.seedHolidayYears(d, schedules, now))
			: [],

	finishIdempotency: (db: Runner, ...a: Parameters<typeof finishKey>) => db.read(() => finishKey(...a)),
	releaseIdempotency: (db: Runner, ...a: Parameters<typeof releaseKey>) => db.read(() => releaseKey(...a))
} satisfies Partial<StoreOps<StoreContext>>;

/** What a database still supplies itself: the rest of the Store, and any shared op it does its own way. */
export type OwnOps<C extends StoreContext> = Omit<StoreOps<C>, keyof typeof SHARED_OPS> & Partial<StoreOps<C>>;
