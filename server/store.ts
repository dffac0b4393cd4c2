// Persistence of the thin backend: the Store interface the routes use, and its SQLite implementation.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../src/lib/domain/canonical';
import type { ContractState } from '../src/lib/domain/changes';
import type { ContractRecord, ContractStatus } from '../src/lib/domain/contract';
import type { Filing } from '../src/lib/domain/filing';
import type { Identity, VerifiedIdentity } from '../src/lib/domain/identity';
import type { Order } from '../src/lib/domain/order';
import type {
	CourierShipment,
	StampingEvent,
	StampingSubmission
} from '../src/lib/domain/stamping';

// ---------------------------------------------------------------------------------------------
// The interface. Methods are async so that a PostgreSQL store can implement the same contract;
// every write that changes what a device pulls bumps the change sequence in its transaction.
// ---------------------------------------------------------------------------------------------

export interface Account {
	id: string;
	code: string;
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
	action: string;
	target: string;
	detail: unknown;
	at: string;
}

/** A response remembered under an idempotency key, replayed verbatim on a retry. */
export interface StoredResponse {
	status: number;
	body: unknown;
}

export type Claim =
	| { kind: 'claimed' }
	| { kind: 'replay'; response: StoredResponse }
	| { kind: 'mismatch' }
	| { kind: 'running' };

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
	| { kind: 'foreign' };

export type StampingResult =
	| { kind: 'created' | 'same' | 'updated' | 'conflict'; stamping: StoredStamping }
	| { kind: 'notFound' };

export type VerifyResult =
	| { kind: 'verified' | 'unchanged'; identity: VerifiedIdentity }
	| { kind: 'notFound' };

export type StampingEventResult =
	| { kind: 'added'; event: StampingEvent; events: StampingEvent[] }
	| { kind: 'outOfOrder'; events: StampingEvent[]; reason: string }
	| { kind: 'notFound' };

export interface ChangesSince {
	cursor: string;
	identity: Identity;
	filings: Filing[];
	orders: Order[];
	contracts: ContractState[];
	stampingEvents: StampingEvent[];
}

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

	/** Cursor is a decimal sequence number; everything of the account changed after it. */
	changes(accountId: string, since: number): Promise<ChangesSince | undefined>;

	getContract(id: string): Promise<StoredContract | undefined>;
	getContractPdf(id: string): Promise<Uint8Array | undefined>;
	registerContract(input: RegisterInput, commit?: Commit<RegisterResult>): Promise<RegisterResult>;
	getStamping(contractId: string): Promise<StoredStamping | undefined>;
	submitStamping(
		input: { accountId: string; contractId: string; submission: StampingSubmission; now: string },
		commit?: Commit<StampingResult>
	): Promise<StampingResult>;

	verifyAccount(
		input: { accountId: string; details?: Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'>; now: string },
		commit?: Commit<VerifyResult>
	): Promise<VerifyResult>;
	addStampingEvent(
		input: { contractId: string; kind: StampingEvent['kind']; shipment?: CourierShipment; now: string },
		commit?: Commit<StampingEventResult>
	): Promise<StampingEventResult>;
	listStampingEvents(contractId: string): Promise<StampingEvent[]>;
	listContractsForAdmin(): Promise<AdminContractRow[]>;
	listAdminActions(): Promise<AdminAction[]>;

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

// ---------------------------------------------------------------------------------------------
// SQLite implementation
// ---------------------------------------------------------------------------------------------

/** Each entry upgrades user_version by one; append, never edit a shipped entry. */
const MIGRATIONS: string[] = [
	`
	CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
	INSERT INTO counters (name, value) VALUES ('seq', 0);

	CREATE TABLE accounts (
		id TEXT PRIMARY KEY,
		code TEXT NOT NULL UNIQUE,
		identity TEXT NOT NULL,
		seq INTEGER NOT NULL
	);

	CREATE TABLE sessions (
		token_hash TEXT PRIMARY KEY,
		account_id TEXT NOT NULL REFERENCES accounts(id),
		created_at TEXT NOT NULL,
		expires_at TEXT NOT NULL
	);
	CREATE INDEX sessions_account ON sessions(account_id);

	CREATE TABLE filings (
		id TEXT PRIMARY KEY,
		account_id TEXT NOT NULL REFERENCES accounts(id),
		data TEXT NOT NULL,
		seq INTEGER NOT NULL
	);
	CREATE INDEX filings_account_seq ON filings(account_id, seq);

	CREATE TABLE orders (
		id TEXT PRIMARY KEY,
		account_id TEXT NOT NULL REFERENCES accounts(id),
		data TEXT NOT NULL,
		paid_at TEXT NOT NULL,
		seq INTEGER NOT NULL
	);
	CREATE INDEX orders_account_seq ON orders(account_id, seq);

	CREATE TABLE contracts (
		id TEXT PRIMARY KEY,
		account_id TEXT NOT NULL REFERENCES accounts(id),
		record TEXT NOT NULL,
		content_hash TEXT NOT NULL,
		pdf_sha256 TEXT NOT NULL,
		pdf BLOB,
		status TEXT NOT NULL,
		registered_at TEXT,
		created_at TEXT NOT NULL,
		seq INTEGER NOT NULL
	);
	CREATE INDEX contracts_account_seq ON contracts(account_id, seq);

	CREATE TABLE stamping_requests (
		contract_id TEXT PRIMARY KEY REFERENCES contracts(id),
		submission TEXT NOT NULL,
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);

	CREATE TABLE stamping_events (
		id TEXT PRIMARY KEY,
		contract_id TEXT NOT NULL REFERENCES contracts(id),
		account_id TEXT NOT NULL REFERENCES accounts(id),
		kind TEXT NOT NULL,
		at TEXT NOT NULL,
		shipment TEXT,
		seq INTEGER NOT NULL,
		UNIQUE (contract_id, kind)
	);
	CREATE INDEX stamping_events_account_seq ON stamping_events(account_id, seq);

	CREATE TABLE idempotency (
		scope TEXT NOT NULL,
		key TEXT NOT NULL,
		request_hash TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('running', 'done')),
		response_status INTEGER,
		response_body TEXT,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (scope, key)
	);

	CREATE TABLE admin_actions (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		action TEXT NOT NULL,
		target TEXT NOT NULL,
		detail TEXT,
		at TEXT NOT NULL
	);
	`
];

export const SCHEMA_VERSION = MIGRATIONS.length;
const STAMPING_ORDER = ['received', 'stamped', 'returned'] as const;

export function contentHash(record: ContractRecord): string {
	return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

type Row = Record<string, unknown>;
const str = (v: unknown): string => String(v);
const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T;

export function openSqliteStore(dataDir: string, fileName = 'contract-desk.sqlite'): SqliteStore {
	mkdirSync(dataDir, { recursive: true });
	return new SqliteStore(new Database(join(dataDir, fileName)));
}

export class SqliteStore implements Store {
	readonly db: Database.Database;

	constructor(db: Database.Database) {
		this.db = db;
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
		this.migrate();
	}

	private migrate(): void {
		const current = this.db.pragma('user_version', { simple: true }) as number;
		if (current > MIGRATIONS.length) {
			throw new Error(`database schema ${current} is newer than this server (${MIGRATIONS.length})`);
		}
		for (let v = current; v < MIGRATIONS.length; v++) {
			this.db.transaction(() => {
				this.db.exec(MIGRATIONS[v]!);
				this.db.pragma(`user_version = ${v + 1}`);
			})();
		}
	}

	private nextSeq(): number {
		const row = this.db
			.prepare(`UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value`)
			.get() as { value: number };
		return row.value;
	}

	private currentSeq(): number {
		return (this.db.prepare(`SELECT value FROM counters WHERE name = 'seq'`).get() as { value: number }).value;
	}

	private logAction(action: string, target: string, detail: unknown, at: string): void {
		this.db
			.prepare(`INSERT INTO admin_actions (action, target, detail, at) VALUES (?, ?, ?, ?)`)
			.run(action, target, detail === undefined ? null : JSON.stringify(detail), at);
	}

	private finishInTx<R>(commit: Commit<R> | undefined, result: R): void {
		if (!commit) return;
		const response = commit.respond(result);
		if (response) this.finishSync(commit.scope, commit.key, response);
		else this.releaseSync(commit.scope, commit.key);
	}

	private finishSync(scope: string, key: string, response: StoredResponse): void {
		this.db
			.prepare(
				`UPDATE idempotency SET status = 'done', response_status = ?, response_body = ? WHERE scope = ? AND key = ?`
			)
			.run(response.status, JSON.stringify(response.body), scope, key);
	}

	private releaseSync(scope: string, key: string): void {
		this.db.prepare(`DELETE FROM idempotency WHERE scope = ? AND key = ? AND status = 'running'`).run(scope, key);
	}

	private toAccount(row: Row): Account {
		return { id: str(row.id), code: str(row.code), identity: parse<Identity>(row.identity), seq: Number(row.seq) };
	}

	private toContract(row: Row): StoredContract {
		return {
			id: str(row.id),
			accountId: str(row.account_id),
			record: parse<ContractRecord>(row.record),
			pdfSha256: str(row.pdf_sha256),
			hasPdf: Number(row.has_pdf) === 1,
			status: str(row.status) as ContractStatus,
			registeredAt: row.registered_at == null ? null : str(row.registered_at),
			seq: Number(row.seq)
		};
	}

	private toStamping(row: Row): StoredStamping {
		return {
			contractId: str(row.contract_id),
			submission: parse<StampingSubmission>(row.submission),
			createdAt: str(row.created_at),
			updatedAt: str(row.updated_at)
		};
	}

	private toEvent(row: Row): StampingEvent {
		const event: StampingEvent = {
			id: str(row.id),
			contractId: str(row.contract_id),
			kind: str(row.kind) as StampingEvent['kind'],
			at: str(row.at)
		};
		if (row.shipment != null) event.shipment = parse<CourierShipment>(row.shipment);
		return event;
	}

	private contractSync(id: string): StoredContract | undefined {
		const row = this.db
			.prepare(
				`SELECT id, account_id, record, pdf_sha256, pdf IS NOT NULL AS has_pdf, status, registered_at, seq
				 FROM contracts WHERE id = ?`
			)
			.get(id) as Row | undefined;
		return row && this.toContract(row);
	}

	private stampingSync(contractId: string): StoredStamping | undefined {
		const row = this.db.prepare(`SELECT * FROM stamping_requests WHERE contract_id = ?`).get(contractId) as
			| Row
			| undefined;
		return row && this.toStamping(row);
	}

	private eventsSync(contractId: string): StampingEvent[] {
		const rows = this.db
			.prepare(`SELECT * FROM stamping_events WHERE contract_id = ? ORDER BY seq`)
			.all(contractId) as Row[];
		return rows.map((r) => this.toEvent(r));
	}

	async isEmpty(): Promise<boolean> {
		return (this.db.prepare(`SELECT COUNT(*) AS n FROM accounts`).get() as { n: number }).n === 0;
	}

	async seed(data: SeedData): Promise<void> {
		this.db.transaction(() => {
			const seq = this.nextSeq();
			const acc = this.db.prepare(`INSERT INTO accounts (id, code, identity, seq) VALUES (?, ?, ?, ?)`);
			for (const a of data.accounts) acc.run(a.id, a.code, JSON.stringify(a.identity), seq);
			const fil = this.db.prepare(`INSERT INTO filings (id, account_id, data, seq) VALUES (?, ?, ?, ?)`);
			for (const f of data.filings) fil.run(f.filing.id, f.accountId, JSON.stringify(f.filing), seq);
			const ord = this.db.prepare(
				`INSERT INTO orders (id, account_id, data, paid_at, seq) VALUES (?, ?, ?, ?, ?)`
			);
			for (const o of data.orders) ord.run(o.order.id, o.accountId, JSON.stringify(o.order), o.order.paidAt, seq);
		})();
	}

	async findAccountByCode(code: string): Promise<Account | undefined> {
		const row = this.db.prepare(`SELECT * FROM accounts WHERE code = ?`).get(code) as Row | undefined;
		return row && this.toAccount(row);
	}

	async getAccount(id: string): Promise<Account | undefined> {
		const row = this.db.prepare(`SELECT * FROM accounts WHERE id = ?`).get(id) as Row | undefined;
		return row && this.toAccount(row);
	}

	async listAccounts(): Promise<Account[]> {
		return (this.db.prepare(`SELECT * FROM accounts ORDER BY id`).all() as Row[]).map((r) => this.toAccount(r));
	}

	async createSession(tokenHash: string, accountId: string, createdAt: string, expiresAt: string): Promise<void> {
		this.db
			.prepare(`INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`)
			.run(tokenHash, accountId, createdAt, expiresAt);
	}

	async getSession(tokenHash: string, now: string) {
		const row = this.db
			.prepare(`SELECT account_id, expires_at FROM sessions WHERE token_hash = ?`)
			.get(tokenHash) as Row | undefined;
		if (!row) return undefined;
		const expiresAt = str(row.expires_at);
		if (Date.parse(expiresAt) <= Date.parse(now)) return undefined;
		return { accountId: str(row.account_id), expiresAt };
	}

	async deleteSession(tokenHash: string): Promise<void> {
		this.db.prepare(`DELETE FROM sessions WHERE token_hash = ?`).run(tokenHash);
	}

	async changes(accountId: string, since: number): Promise<ChangesSince | undefined> {
		// One transaction gives a consistent snapshot: the cursor matches exactly the rows returned.
		return this.db.transaction((): ChangesSince | undefined => {
			const account = this.db.prepare(`SELECT * FROM accounts WHERE id = ?`).get(accountId) as Row | undefined;
			if (!account) return undefined;
			const cursor = this.currentSeq();
			// A cursor from the future means this database was reset: send everything again.
			if (since > cursor) since = 0;
			const filings = (
				this.db
					.prepare(`SELECT data FROM filings WHERE account_id = ? AND seq > ? ORDER BY id`)
					.all(accountId, since) as Row[]
			).map((r) => parse<Filing>(r.data));
			const orders = (
				this.db
					.prepare(`SELECT data FROM orders WHERE account_id = ? AND seq > ? ORDER BY paid_at DESC, id`)
					.all(accountId, since) as Row[]
			).map((r) => parse<Order>(r.data));
			const contracts = (
				this.db
					.prepare(
						`SELECT id, status, registered_at FROM contracts WHERE account_id = ? AND seq > ? ORDER BY seq`
					)
					.all(accountId, since) as Row[]
			).map(
				(r): ContractState => ({
					id: str(r.id),
					status: str(r.status) as ContractStatus,
					registeredAt: r.registered_at == null ? null : str(r.registered_at)
				})
			);
			const stampingEvents = (
				this.db
					.prepare(`SELECT * FROM stamping_events WHERE account_id = ? AND seq > ? ORDER BY seq`)
					.all(accountId, since) as Row[]
			).map((r) => this.toEvent(r));
			return {
				cursor: String(cursor),
				identity: parse<Identity>(account.identity),
				filings,
				orders,
				contracts,
				stampingEvents
			};
		}).deferred();
	}

	async getContract(id: string): Promise<StoredContract | undefined> {
		return this.contractSync(id);
	}

	async getContractPdf(id: string): Promise<Uint8Array | undefined> {
		const row = this.db.prepare(`SELECT pdf FROM contracts WHERE id = ?`).get(id) as { pdf: Buffer | null } | undefined;
		return row?.pdf ? new Uint8Array(row.pdf) : undefined;
	}

	async registerContract(input: RegisterInput, commit?: Commit<RegisterResult>): Promise<RegisterResult> {
		return this.db.transaction((): RegisterResult => {
			const hash = contentHash(input.record);
			const existing = this.db
				.prepare(`SELECT account_id, content_hash, pdf_sha256 FROM contracts WHERE id = ?`)
				.get(input.record.id) as Row | undefined;
			let result: RegisterResult;
			if (existing) {
				if (str(existing.account_id) !== input.accountId) result = { kind: 'foreign' };
				else {
					const same = str(existing.content_hash) === hash && str(existing.pdf_sha256) === input.pdfSha256;
					result = { kind: same ? 'same' : 'conflict', contract: this.contractSync(input.record.id)! };
				}
			} else {
				const seq = this.nextSeq();
				// The provider registers at once, so a stored contract is effective from its first write.
				this.db
					.prepare(
						`INSERT INTO contracts (id, account_id, record, content_hash, pdf_sha256, pdf, status, registered_at, created_at, seq)
						 VALUES (?, ?, ?, ?, ?, ?, 'effective', ?, ?, ?)`
					)
					.run(
						input.record.id,
						input.accountId,
						JSON.stringify(input.record),
						hash,
						input.pdfSha256,
						input.pdf ? Buffer.from(input.pdf) : null,
						input.now,
						input.now,
						seq
					);
				result = { kind: 'created', contract: this.contractSync(input.record.id)! };
			}
			this.finishInTx(commit, result);
			return result;
		}).immediate();
	}

	async getStamping(contractId: string): Promise<StoredStamping | undefined> {
		return this.stampingSync(contractId);
	}

	async submitStamping(
		input: { accountId: string; contractId: string; submission: StampingSubmission; now: string },
		commit?: Commit<StampingResult>
	): Promise<StampingResult> {
		return this.db.transaction((): StampingResult => {
			const contract = this.db.prepare(`SELECT account_id FROM contracts WHERE id = ?`).get(input.contractId) as
				| Row
				| undefined;
			let result: StampingResult;
			if (!contract || str(contract.account_id) !== input.accountId) {
				result = { kind: 'notFound' };
			} else {
				const stored = this.stampingSync(input.contractId);
				if (!stored) {
					this.db
						.prepare(
							`INSERT INTO stamping_requests (contract_id, submission, created_at, updated_at) VALUES (?, ?, ?, ?)`
						)
						.run(input.contractId, JSON.stringify(input.submission), input.now, input.now);
					result = { kind: 'created', stamping: this.stampingSync(input.contractId)! };
				} else if (
					canonicalJson(stored.submission.returnAddress) !== canonicalJson(input.submission.returnAddress)
				) {
					result = { kind: 'conflict', stamping: stored };
				} else if (!input.submission.outbound || (stored.submission.outbound &&
					canonicalJson(stored.submission.outbound) === canonicalJson(input.submission.outbound))) {
					result = { kind: 'same', stamping: stored };
				} else if (stored.submission.outbound) {
					// The outbound parcel is a fact once told; a different one is a conflict, not an edit.
					result = { kind: 'conflict', stamping: stored };
				} else {
					// Users may mail the contract after submitting the address: the tracking number may follow.
					const submission = { ...stored.submission, outbound: input.submission.outbound };
					this.db
						.prepare(`UPDATE stamping_requests SET submission = ?, updated_at = ? WHERE contract_id = ?`)
						.run(JSON.stringify(submission), input.now, input.contractId);
					result = { kind: 'updated', stamping: this.stampingSync(input.contractId)! };
				}
			}
			this.finishInTx(commit, result);
			return result;
		}).immediate();
	}

	async verifyAccount(
		input: { accountId: string; details?: Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'>; now: string },
		commit?: Commit<VerifyResult>
	): Promise<VerifyResult> {
		return this.db.transaction((): VerifyResult => {
			const row = this.db.prepare(`SELECT * FROM accounts WHERE id = ?`).get(input.accountId) as Row | undefined;
			let result: VerifyResult;
			if (!row) result = { kind: 'notFound' };
			else {
				const current = parse<Identity>(row.identity);
				if (current.status === 'verified' && !input.details) {
					result = { kind: 'unchanged', identity: current };
				} else if (!input.details) {
					throw new Error('verifyAccount needs details for an unverified account');
				} else {
					const identity: VerifiedIdentity = {
						status: 'verified',
						accountId: input.accountId,
						...input.details,
						verifiedAt: input.now
					};
					this.db
						.prepare(`UPDATE accounts SET identity = ?, seq = ? WHERE id = ?`)
						.run(JSON.stringify(identity), this.nextSeq(), input.accountId);
					this.logAction('verify', input.accountId, identity, input.now);
					result = { kind: 'verified', identity };
				}
			}
			this.finishInTx(commit, result);
			return result;
		}).immediate();
	}

	async addStampingEvent(
		input: { contractId: string; kind: StampingEvent['kind']; shipment?: CourierShipment; now: string },
		commit?: Commit<StampingEventResult>
	): Promise<StampingEventResult> {
		return this.db.transaction((): StampingEventResult => {
			const contract = this.db.prepare(`SELECT account_id FROM contracts WHERE id = ?`).get(input.contractId) as
				| Row
				| undefined;
			let result: StampingEventResult;
			if (!contract) result = { kind: 'notFound' };
			else {
				const events = this.eventsSync(input.contractId);
				const expected = STAMPING_ORDER[events.length];
				if (!this.stampingSync(input.contractId)) {
					result = { kind: 'outOfOrder', events, reason: 'noStampingRequest' };
				} else if (expected !== input.kind) {
					result = {
						kind: 'outOfOrder',
						events,
						reason: expected ? `expected ${expected}` : 'alreadyReturned'
					};
				} else {
					const event: StampingEvent = {
						id: `${input.contractId}:${input.kind}`,
						contractId: input.contractId,
						kind: input.kind,
						at: input.now
					};
					if (input.shipment) event.shipment = input.shipment;
					this.db
						.prepare(
							`INSERT INTO stamping_events (id, contract_id, account_id, kind, at, shipment, seq) VALUES (?, ?, ?, ?, ?, ?, ?)`
						)
						.run(
							event.id,
							event.contractId,
							str(contract.account_id),
							event.kind,
							event.at,
							event.shipment ? JSON.stringify(event.shipment) : null,
							this.nextSeq()
						);
					this.logAction(`stamping.${input.kind}`, input.contractId, input.shipment, input.now);
					result = { kind: 'added', event, events: [...events, event] };
				}
			}
			this.finishInTx(commit, result);
			return result;
		}).immediate();
	}

	async listStampingEvents(contractId: string): Promise<StampingEvent[]> {
		return this.eventsSync(contractId);
	}

	async listContractsForAdmin(): Promise<AdminContractRow[]> {
		const rows = this.db
			.prepare(
				`SELECT c.id, c.account_id, c.record, c.status, c.registered_at, s.created_at AS stamping_at,
				        (SELECT group_concat(kind) FROM (SELECT kind FROM stamping_events e WHERE e.contract_id = c.id ORDER BY seq)) AS kinds
				 FROM contracts c LEFT JOIN stamping_requests s ON s.contract_id = c.id
				 ORDER BY c.created_at DESC`
			)
			.all() as Row[];
		return rows.map((r) => {
			const record = parse<ContractRecord>(r.record);
			return {
				id: str(r.id),
				accountId: str(r.account_id),
				number: record.number,
				kind: record.kind,
				status: str(r.status) as ContractStatus,
				registeredAt: r.registered_at == null ? null : str(r.registered_at),
				stampingSubmittedAt: r.stamping_at == null ? null : str(r.stamping_at),
				stampingEvents: r.kinds == null ? [] : (str(r.kinds).split(',') as StampingEvent['kind'][])
			};
		});
	}

	async listAdminActions(): Promise<AdminAction[]> {
		return (this.db.prepare(`SELECT * FROM admin_actions ORDER BY id`).all() as Row[]).map((r) => ({
			id: Number(r.id),
			action: str(r.action),
			target: str(r.target),
			detail: r.detail == null ? undefined : parse<unknown>(r.detail),
			at: str(r.at)
		}));
	}

	async claimIdempotency(
		scope: string,
		key: string,
		requestHash: string,
		now: number,
		staleMs = 60_000
	): Promise<Claim> {
		return this.db.transaction((): Claim => {
			const row = this.db.prepare(`SELECT * FROM idempotency WHERE scope = ? AND key = ?`).get(scope, key) as
				| Row
				| undefined;
			if (!row) {
				this.db
					.prepare(
						`INSERT INTO idempotency (scope, key, request_hash, status, created_at) VALUES (?, ?, ?, 'running', ?)`
					)
					.run(scope, key, requestHash, now);
				return { kind: 'claimed' };
			}
			if (str(row.request_hash) !== requestHash) return { kind: 'mismatch' };
			if (row.status === 'done') {
				return {
					kind: 'replay',
					response: { status: Number(row.response_status), body: parse<unknown>(row.response_body) }
				};
			}
			// A 'running' row whose owner died (crash, restart) would block the key forever.
			if (now - Number(row.created_at) > staleMs) {
				this.db
					.prepare(`UPDATE idempotency SET created_at = ? WHERE scope = ? AND key = ?`)
					.run(now, scope, key);
				return { kind: 'claimed' };
			}
			return { kind: 'running' };
		}).immediate();
	}

	async finishIdempotency(scope: string, key: string, response: StoredResponse): Promise<void> {
		this.finishSync(scope, key, response);
	}

	async releaseIdempotency(scope: string, key: string): Promise<void> {
		this.releaseSync(scope, key);
	}

	async releaseRunningClaims(): Promise<number> {
		return this.db.prepare(`DELETE FROM idempotency WHERE status = 'running'`).run().changes;
	}

	async close(): Promise<void> {
		if (this.db.open) this.db.close();
	}
}
