// The SQLite schema as numbered migrations, applied in order at open; user_version records how far a file is.
import type Database from 'better-sqlite3';
import { AUDIT_TRAIL_COLUMNS, pendingVersions } from '../sql/migrate';

/** Each entry upgrades user_version by one; append, never edit a shipped entry. */
export const MIGRATIONS: string[] = [
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
	`,
	// Issue 8: a printed number is unique in the registry, and an order is attached to one contract only.
	// Both are constraints, so two racing registrations cannot both pass a read-then-write check. Rows
	// stored before the rule keep their data; of duplicates only the earliest holds the number/order.
	`
	ALTER TABLE contracts ADD COLUMN number TEXT;
	UPDATE contracts SET number = json_extract(record, '$.number')
	WHERE id IN (
		SELECT id FROM (
			SELECT id, ROW_NUMBER() OVER (PARTITION BY json_extract(record, '$.number') ORDER BY seq) AS rn FROM contracts
		) WHERE rn = 1
	);
	CREATE UNIQUE INDEX contracts_number ON contracts(number);

	CREATE TABLE contract_orders (
		order_id TEXT PRIMARY KEY,
		contract_id TEXT NOT NULL REFERENCES contracts(id)
	);
	CREATE INDEX contract_orders_contract ON contract_orders(contract_id);
	INSERT OR IGNORE INTO contract_orders (order_id, contract_id)
	SELECT json_extract(o.value, '$.id'), c.id
	FROM contracts c, json_each(c.record, '$.orders') o
	WHERE json_extract(c.record, '$.kind') = 'order'
	ORDER BY c.seq;
	`,
	// Issue 9: paper-copy requests reach every device of the account, so they carry the account and a change
	// sequence like every pulled row (rows stored before get a fresh one: each device pulls them once more).
	// The paged first pull walks each table in (seq, id) order under the account.
	`
	ALTER TABLE stamping_requests ADD COLUMN account_id TEXT REFERENCES accounts(id);
	ALTER TABLE stamping_requests ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
	UPDATE counters SET value = value + 1 WHERE name = 'seq';
	UPDATE stamping_requests SET
		account_id = (SELECT c.account_id FROM contracts c WHERE c.id = stamping_requests.contract_id),
		seq = (SELECT value FROM counters WHERE name = 'seq');
	CREATE INDEX stamping_requests_account_seq ON stamping_requests(account_id, seq, contract_id);
	CREATE INDEX contracts_account_seq_id ON contracts(account_id, seq, id);
	CREATE INDEX stamping_events_account_seq_id ON stamping_events(account_id, seq, id);
	CREATE INDEX filings_account_seq_id ON filings(account_id, seq, id);
	CREATE INDEX orders_account_seq_id ON orders(account_id, seq, id);
	`,
	// Access codes become secrets: the column keeps a scrypt hash (accounts.ts converts rows still in plain text
	// at open, marked by code_hashed = 0), salted with this installation's random salt. Indexes for the retention job.
	`
	CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
	INSERT INTO settings (name, value) VALUES ('codeSalt', lower(hex(randomblob(16))));
	ALTER TABLE accounts RENAME COLUMN code TO code_hash;
	ALTER TABLE accounts ADD COLUMN code_hashed INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX sessions_expires ON sessions(expires_at);
	CREATE INDEX idempotency_created ON idempotency(created_at);
	`,
	// Issue 13: the working-day calendar is the provider's data. One row per year with its holidays and adjusted
	// working days (JSON arrays of {date, name}); seq is its revision, which devices pull past.
	`
	CREATE TABLE holiday_years (
		year INTEGER PRIMARY KEY,
		holidays TEXT NOT NULL,
		workdays TEXT NOT NULL,
		source TEXT NOT NULL CHECK (source IN ('bundled', 'admin')),
		published_at TEXT NOT NULL,
		seq INTEGER NOT NULL
	);
	CREATE INDEX holiday_years_seq ON holiday_years(seq);
	`,
	// Issue 19: public verification accepts every file the provider stands behind. The registered copy's hash is
	// computed off the registration path, on the first file check that needs it, and kept here (one row per file).
	`
	CREATE TABLE contract_renditions (
		contract_id TEXT NOT NULL REFERENCES contracts(id),
		rendition TEXT NOT NULL CHECK (rendition IN ('registeredCopy')),
		pdf_sha256 TEXT NOT NULL,
		computed_at TEXT NOT NULL,
		PRIMARY KEY (contract_id, rendition)
	);
	`,
	// Issue 21: the back office. The admin log becomes an audit trail — who (a staff login, or 'token'), before →
	// after — and append-only in the database itself. Staff accounts with their sessions (idle ones end), a returned
	// filing contract's ICP materials, when an account's access code was issued, and the registry's refusals.
	`
	${AUDIT_TRAIL_COLUMNS}
	CREATE TRIGGER admin_actions_no_update BEFORE UPDATE ON admin_actions
		BEGIN SELECT RAISE(ABORT, 'admin_actions is append-only'); END;
	CREATE TRIGGER admin_actions_no_delete BEFORE DELETE ON admin_actions
		BEGIN SELECT RAISE(ABORT, 'admin_actions is append-only'); END;

	ALTER TABLE stamping_events ADD COLUMN icp_materials INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE accounts ADD COLUMN code_issued_at TEXT;

	CREATE TABLE staff (
		login TEXT PRIMARY KEY,
		roles TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		must_change_password INTEGER NOT NULL,
		created_at TEXT NOT NULL,
		last_sign_in_at TEXT
	);
	CREATE TABLE staff_sessions (
		token_hash TEXT PRIMARY KEY,
		login TEXT NOT NULL REFERENCES staff(login),
		created_at TEXT NOT NULL,
		last_seen_at TEXT NOT NULL,
		expires_at TEXT NOT NULL
	);
	CREATE INDEX staff_sessions_login ON staff_sessions(login);

	CREATE TABLE registration_refusals (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		account_id TEXT NOT NULL,
		contract_id TEXT NOT NULL,
		number TEXT NOT NULL,
		kind TEXT NOT NULL,
		template_version TEXT NOT NULL,
		reason TEXT NOT NULL,
		fields TEXT NOT NULL,
		at TEXT NOT NULL
	);
	CREATE INDEX registration_refusals_at ON registration_refusals(at);
	`,
	// Issue 24: the provider's sealed copy of a registered contract, the registered bytes plus an incremental update
	// carrying the signature; sealed off the registration path, one row per contract.
	`
	CREATE TABLE contract_seals (
		contract_id TEXT PRIMARY KEY REFERENCES contracts(id),
		pdf BLOB NOT NULL,
		pdf_sha256 TEXT NOT NULL,
		sealed_at TEXT NOT NULL
	);
	`,
	// The sealing job's poll reads only what waits: a contract is marked sealed with its copy's insert, and the
	// partial index holds just the registered contracts with bytes still unsealed, in the job's order.
	`
	ALTER TABLE contracts ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
	UPDATE contracts SET sealed = 1 WHERE id IN (SELECT contract_id FROM contract_seals);
	CREATE INDEX contracts_waiting_seal ON contracts(registered_at, id)
		WHERE registered_at IS NOT NULL AND pdf IS NOT NULL AND sealed = FALSE;
	`
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	for (const v of pendingVersions(current, MIGRATIONS)) {
		db.transaction(() => {
			db.exec(MIGRATIONS[v]!);
			db.pragma(`user_version = ${v + 1}`);
		})();
	}
}
