// The PostgreSQL schema as numbered migrations, applied in order at start by whichever process holds the migration lock.
//
// A small runner of our own rather than a migration tool: the SQLite store already keeps its schema as an append-only
// list of SQL steps (sqlite/migrations.ts); this is the same idiom for PostgreSQL, one transaction per step, recorded
// in schema_migrations, with every starting process queuing on one advisory lock so exactly one applies each step.
import type { Pool } from 'pg';
import { AUDIT_TRAIL_COLUMNS, pendingVersions } from '../sql/migrate';
import { MIGRATION_LOCK } from './context';

/** Each entry is one version; append, never edit a shipped entry. */
export const PG_MIGRATIONS: string[] = [
	// The schema the SQLite store reached after its migrations, in one step. Keys are COLLATE "C" so that the
	// paged pull's (seq, key) order is byte order, as in SQLite, whatever the database's locale.
	`
	CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);
	INSERT INTO counters (name, value) VALUES ('seq', 0);

	CREATE TABLE settings (name text PRIMARY KEY, value text NOT NULL);
	-- gen_random_uuid() draws from the server's strong random source: 122 random bits of salt.
	INSERT INTO settings (name, value) VALUES ('codeSalt', replace(gen_random_uuid()::text, '-', ''));

	CREATE TABLE accounts (
		id text COLLATE "C" PRIMARY KEY,
		code_hash text NOT NULL UNIQUE,
		identity text NOT NULL,
		seq bigint NOT NULL
	);

	CREATE TABLE sessions (
		token_hash text PRIMARY KEY,
		account_id text COLLATE "C" NOT NULL REFERENCES accounts(id),
		created_at text NOT NULL,
		expires_at text NOT NULL
	);
	CREATE INDEX sessions_account ON sessions(account_id);
	CREATE INDEX sessions_expires ON sessions(expires_at);

	CREATE TABLE filings (
		id text COLLATE "C" PRIMARY KEY,
		account_id text COLLATE "C" NOT NULL REFERENCES accounts(id),
		data text NOT NULL,
		seq bigint NOT NULL
	);
	CREATE INDEX filings_account_seq_id ON filings(account_id, seq, id);

	CREATE TABLE orders (
		id text COLLATE "C" PRIMARY KEY,
		account_id text COLLATE "C" NOT NULL REFERENCES accounts(id),
		data text NOT NULL,
		paid_at text NOT NULL,
		seq bigint NOT NULL
	);
	CREATE INDEX orders_account_seq_id ON orders(account_id, seq, id);

	-- The printed number is unique in the registry: two racing registrations cannot both pass.
	CREATE TABLE contracts (
		id text COLLATE "C" PRIMARY KEY,
		account_id text COLLATE "C" NOT NULL REFERENCES accounts(id),
		number text NOT NULL UNIQUE,
		record text NOT NULL,
		content_hash text NOT NULL,
		pdf_sha256 text NOT NULL,
		pdf bytea,
		status text NOT NULL,
		registered_at text,
		created_at text NOT NULL,
		seq bigint NOT NULL
	);
	CREATE INDEX contracts_account_seq_id ON contracts(account_id, seq, id);
	CREATE INDEX contracts_created ON contracts(created_at);

	-- One order, one contract: the primary key is the rule.
	CREATE TABLE contract_orders (
		order_id text COLLATE "C" PRIMARY KEY,
		contract_id text COLLATE "C" NOT NULL REFERENCES contracts(id)
	);
	CREATE INDEX contract_orders_contract ON contract_orders(contract_id);

	CREATE TABLE stamping_requests (
		contract_id text COLLATE "C" PRIMARY KEY REFERENCES contracts(id),
		account_id text COLLATE "C" NOT NULL REFERENCES accounts(id),
		submission text NOT NULL,
		created_at text NOT NULL,
		updated_at text NOT NULL,
		seq bigint NOT NULL
	);
	CREATE INDEX stamping_requests_account_seq ON stamping_requests(account_id, seq, contract_id);

	CREATE TABLE stamping_events (
		id text COLLATE "C" PRIMARY KEY,
		contract_id text COLLATE "C" NOT NULL REFERENCES contracts(id),
		account_id text COLLATE "C" NOT NULL REFERENCES accounts(id),
		kind text NOT NULL CHECK (kind IN ('received', 'stamped', 'returned')),
		at text NOT NULL,
		shipment text,
		seq bigint NOT NULL,
		UNIQUE (contract_id, kind)
	);
	CREATE INDEX stamping_events_account_seq_id ON stamping_events(account_id, seq, id);

	-- owner: the process that holds a running claim (its liveness is an advisory lock, see context.ts).
	CREATE TABLE idempotency (
		scope text NOT NULL,
		key text NOT NULL,
		request_hash text NOT NULL,
		status text NOT NULL CHECK (status IN ('running', 'done')),
		response_status integer,
		response_body text,
		created_at bigint NOT NULL,
		owner integer,
		PRIMARY KEY (scope, key)
	);
	CREATE INDEX idempotency_created ON idempotency(created_at);
	CREATE INDEX idempotency_running ON idempotency(owner) WHERE status = 'running';

	CREATE TABLE admin_actions (
		id bigserial PRIMARY KEY,
		action text NOT NULL,
		target text NOT NULL,
		detail text,
		at text NOT NULL
	);

	-- Sign-in throttling shared by every process: one row per failed attempt per key.
	CREATE TABLE throttle_failures (key text NOT NULL, at bigint NOT NULL);
	CREATE INDEX throttle_failures_key_at ON throttle_failures(key, at);
	CREATE INDEX throttle_failures_at ON throttle_failures(at);

	-- What is immutable is immutable in the database too, whatever a future code path does: a registered
	-- contract's content and a submitted return address (the outbound parcel may be added once).
	CREATE FUNCTION refuse_contract_change() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF NEW.record IS DISTINCT FROM OLD.record OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
			OR NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256 OR NEW.number IS DISTINCT FROM OLD.number
			OR NEW.account_id IS DISTINCT FROM OLD.account_id THEN
			RAISE EXCEPTION 'a registered contract is immutable' USING ERRCODE = 'integrity_constraint_violation';
		END IF;
		RETURN NEW;
	END $$;
	CREATE TRIGGER contracts_immutable BEFORE UPDATE ON contracts FOR EACH ROW EXECUTE FUNCTION refuse_contract_change();

	CREATE FUNCTION refuse_return_address_change() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF (NEW.submission::jsonb -> 'returnAddress') IS DISTINCT FROM (OLD.submission::jsonb -> 'returnAddress')
			OR NEW.account_id IS DISTINCT FROM OLD.account_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
			OR ((OLD.submission::jsonb -> 'outbound') IS NOT NULL
				AND (NEW.submission::jsonb -> 'outbound') IS DISTINCT FROM (OLD.submission::jsonb -> 'outbound')) THEN
			RAISE EXCEPTION 'a submitted return address is immutable' USING ERRCODE = 'integrity_constraint_violation';
		END IF;
		RETURN NEW;
	END $$;
	CREATE TRIGGER stamping_requests_immutable BEFORE UPDATE ON stamping_requests
		FOR EACH ROW EXECUTE FUNCTION refuse_return_address_change();
	`,
	// Issue 13: the working-day calendar is the provider's data. One row per year with its holidays and adjusted
	// working days (JSON arrays of {date, name}); seq is its revision, which devices pull past.
	`
	CREATE TABLE holiday_years (
		year integer PRIMARY KEY,
		holidays text NOT NULL,
		workdays text NOT NULL,
		source text NOT NULL CHECK (source IN ('bundled', 'admin')),
		published_at text NOT NULL,
		seq bigint NOT NULL
	);
	CREATE INDEX holiday_years_seq ON holiday_years(seq);
	`,
	// Issue 19: public verification accepts every file the provider stands behind. The registered copy's hash is
	// computed off the registration path, on the first file check that needs it, and kept here (one row per file).
	`
	CREATE TABLE contract_renditions (
		contract_id text COLLATE "C" NOT NULL REFERENCES contracts(id),
		rendition text NOT NULL CHECK (rendition IN ('registeredCopy')),
		pdf_sha256 text NOT NULL,
		computed_at text NOT NULL,
		PRIMARY KEY (contract_id, rendition)
	);
	`,
	// Issue 19: the customer's 确认收到 ends a returned request, stored as its `confirmed` event (SQLite's column
	// has no CHECK, so only this store needs a step).
	`
	ALTER TABLE stamping_events DROP CONSTRAINT stamping_events_kind_check;
	ALTER TABLE stamping_events ADD CONSTRAINT stamping_events_kind_check
		CHECK (kind IN ('received', 'stamped', 'returned', 'confirmed'));
	`,
	// Issue 23: limits that hold across processes. A sign-in attempt is checked and recorded in one statement
	// (throttle_attempt: attempts sharing a key queue on a transaction lock of that key, and each statement of a
	// volatile function sees what the one before it committed); an admitted attempt is tagged so that a success
	// removes it. Failed sign-ins per second for the global ceiling; public verification hits per client
	// (rate_hit, the same way); per-account render admission as leases that expire if their process dies.
	`
	ALTER TABLE throttle_failures ADD COLUMN attempt text;

	CREATE FUNCTION throttle_attempt(keys text[], frees integer[], now_ms bigint, window_ms bigint, base_ms bigint,
		max_ms bigint, attempt_id text) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
	DECLARE
		h integer;
		n integer;
		l bigint;
		wait bigint := 0;
	BEGIN
		-- In hash order, so two attempts sharing keys never wait for each other crosswise.
		FOR h IN SELECT DISTINCT hashtext(k) FROM unnest(keys) k ORDER BY 1 LOOP
			PERFORM pg_advisory_xact_lock(1128529924, h);
		END LOOP;
		FOR i IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
			SELECT count(*), max(at) INTO n, l FROM throttle_failures WHERE key = keys[i] AND at > now_ms - window_ms;
			IF n >= frees[i] THEN
				wait := greatest(wait, l + least(max_ms, base_ms << least(n - frees[i], 40)) - now_ms);
			END IF;
		END LOOP;
		IF wait <= 0 THEN
			INSERT INTO throttle_failures (key, at, attempt) SELECT unnest(keys), now_ms, attempt_id;
		END IF;
		RETURN greatest(wait, 0);
	END $$;

	CREATE TABLE sign_in_failure_seconds (second bigint PRIMARY KEY, failures integer NOT NULL);

	CREATE TABLE rate_hits (key text NOT NULL, at bigint NOT NULL);
	CREATE INDEX rate_hits_key_at ON rate_hits(key, at);
	CREATE INDEX rate_hits_at ON rate_hits(at);

	CREATE FUNCTION rate_hit(k text, lim integer, window_ms bigint, now_ms bigint) RETURNS bigint
		LANGUAGE plpgsql VOLATILE AS $$
	DECLARE
		n integer;
		oldest bigint;
	BEGIN
		PERFORM pg_advisory_xact_lock(1128529925, hashtext(k));
		SELECT count(*), min(at) INTO n, oldest FROM rate_hits WHERE key = k AND at > now_ms - window_ms;
		IF n >= lim THEN
			RETURN greatest(1, oldest + window_ms - now_ms);
		END IF;
		INSERT INTO rate_hits (key, at) VALUES (k, now_ms);
		RETURN 0;
	END $$;

	CREATE TABLE render_leases (
		account_id text COLLATE "C" NOT NULL,
		slot integer NOT NULL,
		lease text NOT NULL,
		expires_at bigint NOT NULL,
		PRIMARY KEY (account_id, slot)
	);
	`,
	// Issue 21: the back office, as SQLite's step of that issue says (the audit trail append-only in the database
	// itself, here also against TRUNCATE; staff and their sessions; ICP materials; code issue times; refusals).
	`
	${AUDIT_TRAIL_COLUMNS}
	CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		RAISE EXCEPTION 'admin_actions is append-only';
	END $$;
	CREATE TRIGGER admin_actions_append_only BEFORE UPDATE OR DELETE ON admin_actions
		FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
	CREATE TRIGGER admin_actions_no_truncate BEFORE TRUNCATE ON admin_actions
		FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

	ALTER TABLE stamping_events ADD COLUMN icp_materials boolean NOT NULL DEFAULT false;
	ALTER TABLE accounts ADD COLUMN code_issued_at text;

	CREATE TABLE staff (
		login text COLLATE "C" PRIMARY KEY,
		roles text NOT NULL,
		password_hash text NOT NULL,
		must_change_password boolean NOT NULL,
		created_at text NOT NULL,
		last_sign_in_at text
	);
	CREATE TABLE staff_sessions (
		token_hash text COLLATE "C" PRIMARY KEY,
		login text COLLATE "C" NOT NULL REFERENCES staff(login),
		created_at text NOT NULL,
		last_seen_at text NOT NULL,
		expires_at text NOT NULL
	);
	CREATE INDEX staff_sessions_login ON staff_sessions(login);

	CREATE TABLE registration_refusals (
		id bigserial PRIMARY KEY,
		account_id text NOT NULL,
		contract_id text NOT NULL,
		number text NOT NULL,
		kind text NOT NULL,
		template_version text NOT NULL,
		reason text NOT NULL,
		fields text NOT NULL,
		at text NOT NULL
	);
	CREATE INDEX registration_refusals_at ON registration_refusals(at);
	`,
	// Issue 24: the provider's sealed copy of a registered contract, the registered bytes plus an incremental update
	// carrying the signature; sealed off the registration path, one row per contract.
	`
	CREATE TABLE contract_seals (
		contract_id text COLLATE "C" PRIMARY KEY REFERENCES contracts(id),
		pdf bytea NOT NULL,
		pdf_sha256 text NOT NULL,
		sealed_at text NOT NULL
	);
	`,
	// The sealing job's poll reads only what waits: a contract is marked sealed with its copy's insert, and the
	// partial index holds just the registered contracts with bytes still unsealed, in the job's order.
	`
	ALTER TABLE contracts ADD COLUMN sealed boolean NOT NULL DEFAULT false;
	UPDATE contracts c SET sealed = true WHERE EXISTS (SELECT 1 FROM contract_seals s WHERE s.contract_id = c.id);
	CREATE INDEX contracts_waiting_seal ON contracts(registered_at, id)
		WHERE registered_at IS NOT NULL AND pdf IS NOT NULL AND sealed = FALSE;
	`
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

/**
 * Applies the missing steps. Every process starting at once queues on the advisory lock; the first applies,
 * the others find the work done. The lock is a session lock on one dedicated connection, released at the end.
 */
export async function migratePg(pool: Pool): Promise<{ from: number; to: number }> {
	const client = await pool.connect();
	try {
		await client.query(`SELECT pg_advisory_lock($1::bigint)`, [MIGRATION_LOCK]);
		try {
			await client.query(
				`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`
			);
			const { rows } = await client.query(`SELECT coalesce(max(version), 0) AS v FROM schema_migrations`);
			const current = Number(rows[0].v);
			for (const v of pendingVersions(current, PG_MIGRATIONS)) {
				await client.query('BEGIN');
				try {
					await client.query(PG_MIGRATIONS[v]!);
					await client.query(`INSERT INTO schema_migrations (version) VALUES ($1)`, [v + 1]);
					await client.query('COMMIT');
				} catch (err) {
					await client.query('ROLLBACK');
					throw err;
				}
			}
			return { from: current, to: PG_MIGRATIONS.length };
		} finally {
			await client.query(`SELECT pg_advisory_unlock($1::bigint)`, [MIGRATION_LOCK]);
		}
	} finally {
		client.release();
	}
}
