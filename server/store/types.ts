// The Store interface the routes use and its types; both implementations (SQLite, PostgreSQL) keep this contract.
import type { ContractState } from '../../src/lib/domain/changes';
import type { ContractRecord, ContractStatus, PartyA } from '../../src/lib/domain/contract';
import type { StaffRole } from '../../src/lib/domain/office';
import type { Filing } from '../../src/lib/domain/filing';
import type { HolidaySchedule } from '../../src/lib/domain/holidayCalendar';
import type { Identity, VerifiedIdentity } from '../../src/lib/domain/identity';
import type { Order } from '../../src/lib/domain/order';
import type {
	CourierShipment,
	ProviderEventKind,
	StampingEvent,
	StampingSubmission
} from '../../src/lib/domain/stamping';
import type { Rendition } from '../../src/lib/domain/verification';

// ---------------------------------------------------------------------------------------------
// The interface. Methods are async so that the PostgreSQL store implements the same contract;
// every write that changes what a device pulls bumps the change sequence in its transaction.
// ---------------------------------------------------------------------------------------------

/** An account as the routes see it: its access code is a secret the store keeps only as a hash. */
export interface Account {
	id: string;
	identity: Identity;
	seq: number;
}

export interface StoredContract {
	id: string;
	accountId: string;
	record: ContractRecord;
	pdfSha256: string;
	hasPdf: boolean;
	status: ContractStatus;
	registeredAt: string | null;
	seq: number;
}

export interface StoredStamping {
	contractId: string;
	submission: StampingSubmission;
	createdAt: string;
	updatedAt: string;
}

export interface AdminAction {
	id: number;
	/** Who: a staff login, `token` for the shared ADMIN_TOKEN (automation), `system` for the server itself. */
	actor: string;
	action: string;
	target: string;
	detail: unknown;
	/** The state before the action and after it (null where there was none / is none). */
	before: unknown;
	after: unknown;
	at: string;
}

/** Who did an admin action, and what it changed: written with the action, in its transaction. */
export interface AuditEntry {
	actor?: string;
	before?: unknown;
	after?: unknown;
}

export interface AuditFilter {
	target?: string;
	actor?: string;
	/** Rows with an id below this, newest first; without any filter field: every row, oldest first. */
	before?: number;
	limit?: number;
}

/** A member of the provider's staff; the password only as its KDF hash. */
export interface StaffRecord {
	login: string;
	roles: StaffRole[];
	passwordHash: string;
	mustChangePassword: boolean;
	createdAt: string;
	lastSignInAt: string | null;
}

/** A paper-copy request with what the office lists it by. */
export interface PaperCopyRow {
	contractId: string;
	accountId: string;
	number: string;
	kind: ContractRecord['kind'];
	companyName: string;
	submission: StampingSubmission;
	submittedAt: string;
	events: StampingEvent[];
}

/** A customer account as the office lists it. */
export interface OfficeAccountRow {
	account: Account;
	codeIssuedAt: string | null;
	contracts: number;
}

/** A registered contract of an account, with the Party A it printed. */
export interface AccountContractRow {
	id: string;
	number: string;
	kind: ContractRecord['kind'];
	registeredAt: string | null;
	partyA: PartyA;
}

/** A registration the registry refused, kept for the office's refusals view. */
export interface RefusalRow {
	accountId: string;
	contractId: string;
	number: string;
	kind: ContractRecord['kind'];
	templateVersion: string;
	reason: string;
	fields: string[];
	at: string;
}

/** A response remembered under an idempotency key, replayed verbatim on a retry. */
export interface StoredResponse {
	status: number;
	body: unknown;
}

export type Claim =
	{ kind: 'claimed' } | { kind: 'replay'; response: StoredResponse } | { kind: 'mismatch' } | { kind: 'running' };

/**
 * Finishes an idempotency key inside the effect's own transaction: `respond` maps the effect's
 * result to the response that is stored (or null to release the key so a retry runs again).
 */
export interface Commit<R> {
	scope: string;
	key: string;
	respond: (result: R) => StoredResponse | null;
}

export type RegisterResult =
	| { kind: 'created' | 'same' | 'conflict'; contract: StoredContract }
	| { kind: 'foreign' }
	/** Another contract already prints this number (the unique constraint refused it). */
	| { kind: 'numberTaken'; number: string }
	/** An attached order belongs to another effective contract already (one order, one contract). */
	| { kind: 'orderAttached'; attached: AttachedOrder[] };

/** Which contract an order is attached to. */
export interface AttachedOrder {
	orderId: string;
	contractId: string;
	number: string;
}

export type StampingResult =
	{ kind: 'created' | 'same' | 'updated' | 'conflict'; stamping: StoredStamping } | { kind: 'notFound' };

export type VerifyResult = { kind: 'verified' | 'unchanged'; identity: VerifiedIdentity } | { kind: 'notFound' };

export type StampingEventResult =
	| { kind: 'added'; event: StampingEvent; events: StampingEvent[] }
	| { kind: 'outOfOrder'; events: StampingEvent[]; reason: string }
	| { kind: 'notFound' };

/** 确认收到: stored now, already stored (a repeat from any device), or refused by the request's state. */
export type ReceiptResult =
	| { kind: 'confirmed' | 'same'; event: StampingEvent }
	| { kind: 'notReturned'; events: StampingEvent[] }
	| { kind: 'notFound' };

export interface ChangesSince {
	cursor: string;
	identity: Identity;
	filings: Filing[];
	orders: Order[];
	contracts: ContractState[];
	stampingEvents: StampingEvent[];
}

/** A registered contract as the pull carries it: the stored record, its fingerprints and the PDF's size (null: no bytes). */
export interface PulledContract {
	id: string;
	status: ContractStatus;
	registeredAt: string | null;
	record: ContractRecord;
	contentHash: string;
	pdfSha256: string;
	pdfSize: number | null;
	/** The provider's sealed copy, once made. */
	sealed: { sha256: string; size: number; sealedAt: string } | null;
}

/** A submitted paper-copy request as the pull carries it. */
export interface PulledStamping {
	contractId: string;
	submission: StampingSubmission;
	submittedAt: string;
}

/** One page of a pull: `cursor` is where the next pull starts once `next` (the following page) is null. */
export interface ChangesPage {
	cursor: string;
	next: string | null;
	/** Contracts the whole pull carries (first page only). */
	totalContracts?: number;
	identity: Identity;
	filings: Filing[];
	orders: Order[];
	contracts: PulledContract[];
	stampingRequests: PulledStamping[];
	stampingEvents: StampingEvent[];
}

export type ChangesPageResult = { kind: 'page'; page: ChangesPage } | { kind: 'badPage' } | { kind: 'noAccount' };

export interface SeedData {
	accounts: { id: string; code: string; identity: Identity }[];
	filings: { accountId: string; filing: Filing }[];
	orders: { accountId: string; order: Order }[];
}

export interface RegisterInput {
	accountId: string;
	record: ContractRecord;
	pdfSha256: string;
	pdf?: Uint8Array;
	now: string;
}

export interface AdminContractRow {
	id: string;
	accountId: string;
	number: string;
	kind: ContractRecord['kind'];
	status: ContractStatus;
	registeredAt: string | null;
	stampingSubmittedAt: string | null;
	stampingEvents: StampingEvent['kind'][];
}

/** A contract as public verification reads it: the registered files' hashes, no account. */
export interface NumberedContract {
	id: string;
	record: ContractRecord;
	contentHash: string;
	/** The original PDF's SHA-256, registered with it. */
	pdfSha256: string;
	registeredAt: string | null;
	/** The registered copy's PDF SHA-256 once computed (null until the first file check that needed it). */
	registeredCopySha256: string | null;
}

/** A rendition's PDF hash computed after registration; `rendition` names which (only the registered copy today). */
export interface RenditionHash {
	contractId: string;
	rendition: Exclude<Rendition, 'original'>;
	pdfSha256: string;
	computedAt: string;
}

/** The provider's sealed copy of a registered contract: the registered bytes with the signature appended. */
export interface SealedCopy {
	contractId: string;
	pdf: Uint8Array;
	pdfSha256: string;
	sealedAt: string;
}

/** A year's holiday schedule as the provider published it. */
export interface StoredHolidayYear extends HolidaySchedule {
	/** 'bundled': seeded at start from the package the server ships; 'admin': published by the back office. */
	source: 'bundled' | 'admin';
	publishedAt: string;
	/** The change sequence of its last publication: devices ask for the years above the revision they hold. */
	revision: number;
}

export type PublishHolidayYearResult = { kind: 'created' | 'updated' | 'unchanged'; year: StoredHolidayYear };

export interface Store {
	isEmpty(): Promise<boolean>;
	seed(data: SeedData): Promise<void>;

	findAccountByCode(code: string): Promise<Account | undefined>;
	getAccount(id: string): Promise<Account | undefined>;
	listAccounts(): Promise<Account[]>;

	createSession(tokenHash: string, accountId: string, createdAt: string, expiresAt: string): Promise<void>;
	/** The session's account, or undefined when unknown or expired at `now`. */
	getSession(tokenHash: string, now: string): Promise<{ accountId: string; expiresAt: string } | undefined>;
	deleteSession(tokenHash: string): Promise<void>;
	/**
	 * Deletes sessions expired at `now` and idempotency rows claimed before `idempotencyBefore` (epoch ms). A key
	 * finishes within seconds of its claim (a 'running' one is stale after a minute), so "claimed before" is
	 * "completed before" to within that minute.
	 */
	purgeExpired(input: { now: number; idempotencyBefore: number }): Promise<{ sessions: number; idempotency: number }>;

	/** Cursor is a decimal sequence number; everything of the account changed after it. */
	changes(accountId: string, since: number): Promise<ChangesSince | undefined>;
	/**
	 * One page of the pull since a cursor: without `page` the first, else the one a previous page named.
	 * Every page of one pull reads the rows up to the sequence the first page saw, so registrations made
	 * meanwhile come with the next pull, and no row is skipped or sent twice. `limit` bounds contracts per page.
	 */
	changesPage(accountId: string, query: { since: number; page?: string; limit: number }): Promise<ChangesPageResult>;

	/** The account's orders among these ids (others' and unknown ids are simply absent). */
	getOrders(accountId: string, ids: readonly string[]): Promise<Order[]>;
	/** The account's filing with this id, if it has one. */
	getFiling(accountId: string, id: string): Promise<Filing | undefined>;
	/** The registered contracts these orders are attached to. */
	findAttachedOrders(orderIds: readonly string[]): Promise<AttachedOrder[]>;

	getContract(id: string): Promise<StoredContract | undefined>;
	getContractPdf(id: string): Promise<Uint8Array | undefined>;
	/** Stores the document of a contract that has none, if pdfSha256 is its registered hash; false when nothing changed. */
	setContractPdf(id: string, pdfSha256: string, pdf: Uint8Array): Promise<boolean>;
	registerContract(input: RegisterInput, commit?: Commit<RegisterResult>): Promise<RegisterResult>;
	getStamping(contractId: string): Promise<StoredStamping | undefined>;
	submitStamping(
		input: { accountId: string; contractId: string; submission: StampingSubmission; now: string },
		commit?: Commit<StampingResult>
	): Promise<StampingResult>;

	verifyAccount(
		input: {
			accountId: string;
			details?: Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'>;
			now: string;
			actor?: string;
		},
		commit?: Commit<VerifyResult>
	): Promise<VerifyResult>;
	addStampingEvent(
		input: {
			contractId: string;
			kind: ProviderEventKind;
			shipment?: CourierShipment;
			/** On `returned` of a filing contract: the ICP commercial-filing materials are enclosed. */
			icpMaterialsEnclosed?: boolean;
			now: string;
			actor?: string;
		},
		commit?: Commit<StampingEventResult>
	): Promise<StampingEventResult>;
	/**
	 * The customer's 确认收到 of the returned paper contract (checkReceipt decides, in the write's transaction):
	 * stored as the request's `confirmed` event, at receiptTime of the customer's `confirmedAt`.
	 */
	confirmReceipt(
		input: { accountId: string; contractId: string; confirmedAt: string; now: string },
		commit?: Commit<ReceiptResult>
	): Promise<ReceiptResult>;
	listStampingEvents(contractId: string): Promise<StampingEvent[]>;
	listContractsForAdmin(): Promise<AdminContractRow[]>;
	/** The contracts carrying a number, registered first, for public verification. */
	contractsByNumber(number: string): Promise<NumberedContract[]>;
	/** Keeps a rendition's hash; the first one stored stays (a second computation gives the same bytes). */
	putRenditionHash(input: RenditionHash): Promise<void>;
	/** The append-only admin log: every row oldest first, or a filtered page newest first. */
	listAdminActions(filter?: AuditFilter): Promise<AdminAction[]>;

	createStaff(input: {
		login: string;
		roles: StaffRole[];
		passwordHash: string;
		now: string;
		actor: string;
	}): Promise<'created' | 'exists'>;
	getStaff(login: string): Promise<StaffRecord | undefined>;
	listStaff(): Promise<StaffRecord[]>;
	/** False when there is no such member. The hash is never logged: the audit row says only that it changed. */
	setStaffPassword(input: {
		login: string;
		passwordHash: string;
		mustChangePassword: boolean;
		now: string;
		actor: string;
	}): Promise<boolean>;
	setStaffRoles(input: {
		login: string;
		roles: StaffRole[];
		now: string;
		actor: string;
	}): Promise<StaffRecord | undefined>;
	/** Also the member's last sign-in. */
	createStaffSession(input: { tokenHash: string; login: string; now: string; expiresAt: string }): Promise<void>;
	/** The live session's member, its last use moved to `now`; undefined when unknown, expired or idle since before `idleSince`. */
	touchStaffSession(input: {
		tokenHash: string;
		now: string;
		idleSince: string;
	}): Promise<{ login: string } | undefined>;
	deleteStaffSession(tokenHash: string): Promise<void>;
	/** Ends a member's sessions (all, or all but one); returns how many. */
	revokeStaffSessions(input: { login: string; exceptTokenHash?: string }): Promise<number>;
	countStaffSessions(input: { login: string; now: string; idleSince: string }): Promise<number>;

	/** A new customer account with its first access code (hashed here), unverified under `accountName`. */
	createAccount(input: { id: string; accountName: string; code: string; now: string; actor: string }): Promise<Account>;
	/** Replaces the account's access code (hashed here); optionally ends its sessions. */
	setAccessCode(input: {
		accountId: string;
		code: string;
		revokeSessions: boolean;
		now: string;
		actor: string;
	}): Promise<{ kind: 'set'; revokedSessions: number } | { kind: 'notFound' }>;
	listOfficeAccounts(): Promise<OfficeAccountRow[]>;
	listAccountContracts(accountId: string): Promise<AccountContractRow[]>;
	/** Every submitted paper-copy request with its events, oldest submission first. */
	listPaperCopies(): Promise<PaperCopyRow[]>;
	recordRefusal(refusal: RefusalRow): Promise<void>;
	/** Refusals at or after `since`, newest first. */
	listRefusals(since: string): Promise<RefusalRow[]>;
	/** Registered contracts with stored bytes and no sealed copy yet, registered first. */
	listUnsealedContracts(limit: number): Promise<string[]>;
	/**
	 * Keeps the contract's sealed copy (the first one stays) and gives the contract a new change sequence, so that
	 * its devices pull that the copy exists.
	 */
	putSealedCopy(input: SealedCopy): Promise<'stored' | 'exists' | 'notFound'>;
	getSealedCopy(contractId: string): Promise<SealedCopy | undefined>;

	/** Published holiday schedules with a revision above `since` (every year when absent), years ascending. */
	listHolidayYears(since?: number): Promise<StoredHolidayYear[]>;
	/**
	 * Publishes a year's schedule (days sorted by date, as normaliseSchedule leaves them) or replaces it with a
	 * new revision, logged as an admin action; the same days again → 'unchanged', nothing written.
	 */
	publishHolidayYear(
		input: { schedule: HolidaySchedule; now: string; actor?: string },
		commit?: Commit<PublishHolidayYearResult>
	): Promise<PublishHolidayYearResult>;
	/** Inserts the years not published yet, all under one revision (start-up seeding; a published year is never replaced). Returns the years inserted. */
	seedHolidayYears(schedules: readonly HolidaySchedule[], now: string): Promise<number[]>;

	/** Reserve (scope, key) for a request with this hash; a 'running' row older than staleMs is taken over. */
	claimIdempotency(scope: string, key: string, requestHash: string, now: number, staleMs?: number): Promise<Claim>;
	finishIdempotency(scope: string, key: string, response: StoredResponse): Promise<void>;
	releaseIdempotency(scope: string, key: string): Promise<void>;
	/**
	 * Drops every 'running' claim. Only for start-up of the sole process writing this database:
	 * whatever was running died with the previous process, and its retries should not wait.
	 */
	releaseRunningClaims(): Promise<number>;

	close(): Promise<void>;
}
