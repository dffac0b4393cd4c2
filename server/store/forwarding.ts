// The Store's methods forwarded once for every database: each store names, per method, the function of its context that does it.
import type { Store } from './types';

type Method = Exclude<keyof Store, 'close'>;

/** Every method the forwarding makes (the type checks it names each one of the Store's). */
const METHODS = Object.keys({
	isEmpty: true,
	seed: true,
	findAccountByCode: true,
	getAccount: true,
	listAccounts: true,
	createSession: true,
	getSession: true,
	deleteSession: true,
	purgeExpired: true,
	changes: true,
	changesPage: true,
	getOrders: true,
	getFiling: true,
	findAttachedOrders: true,
	getContract: true,
	getContractPdf: true,
	setContractPdf: true,
	registerContract: true,
	getStamping: true,
	submitStamping: true,
	verifyAccount: true,
	addStampingEvent: true,
	confirmReceipt: true,
	listStampingEvents: true,
	listContractsForAdmin: true,
	contractsByNumber: true,
	putRenditionHash: true,
	listAdminActions: true,
	createStaff: true,
	getStaff: true,
	listStaff: true,
	setStaffPassword: true,
	setStaffRoles: true,
	createStaffSession: true,
	touchStaffSession: true,
	deleteStaffSession: true,
	revokeStaffSessions: true,
	countStaffSessions: true,
	createAccount: true,
	setAccessCode: true,
	listOfficeAccounts: true,
	listAccountContracts: true,
	listPaperCopies: true,
	recordRefusal: true,
	listRefusals: true,
	listUnsealedContracts: true,
	putSealedCopy: true,
	getSealedCopy: true,
	listHolidayYears: true,
	publishHolidayYear: true,
	seedHolidayYears: true,
	claimIdempotency: true,
	finishIdempotency: true,
	releaseIdempotency: true,
	releaseRunningClaims: true
} satisfies Record<Method, true>) as Method[];

/** Every Store method (but close) as a function of a store's context: what a database supplies. */
export type StoreOps<C> = {
	[K in Method]: (ctx: C, ...args: Parameters<Store[K]>) => ReturnType<Store[K]> | Awaited<ReturnType<Store[K]>>;
};

// The methods are made from the ops table in the constructor, so the class declares them through this interface.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- see above
export interface ForwardingStore<C> extends Omit<Store, 'close'> {}

/** A Store whose every method but close calls its op with the context; the interface is async even where the op is not. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface above declares its methods
export abstract class ForwardingStore<C> implements Store {
	constructor(ctx: C, ops: StoreOps<C>) {
		for (const name of METHODS) {
			const op = ops[name] as (ctx: C, ...args: unknown[]) => unknown;
			const method = async (...args: unknown[]) => op(ctx, ...args);
			// Not enumerable, as a class's own methods are not.
			Object.defineProperty(this, name, { value: method, writable: true, configurable: true, enumerable: false });
		}
	}

	abstract close(): Promise<void>;
}
