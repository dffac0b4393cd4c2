// Store operations written once for both databases: a generator yields its statements, and each store's driver runs them (SQLite at once, PostgreSQL awaited).
import type { Row } from '../rows';

/** One statement, its parameters as `?` (the PostgreSQL driver numbers them `$1`, `$2`, …). */
export interface Statement {
	sql: string;
	args: readonly unknown[];
}

/** What a statement gave: its rows (a query, or RETURNING) and how many rows it changed (a write). */
export interface Outcome {
	rows: Row[];
	changes: number;
}

/** An operation's statements, in order; its return value is the operation's result. */
export type Steps<T> = Generator<Statement, T, Outcome>;

/** Where the SQL of the two databases differs, for the operations written once. */
export interface Dialect {
	/** Appended to a SELECT of the row a write decides on: PostgreSQL locks it, SQLite's write transaction already excludes every other writer. */
	lockRow: string;
	/** Like lockRow, for a row other transactions may still take key-share locks on (foreign keys to it). */
	lockRowNoKey: string;
	/** The byte length of a BLOB/bytea. */
	byteLength: string;
	/** Builds a JSON object in SQL. */
	jsonObject: string;
	/** A JSON value the SQL built or extracted, as the driver returns it: SQLite text, PostgreSQL already parsed. */
	json<T>(value: unknown): T;
	/** The text at a path of a JSON (text) column. */
	jsonText(column: string, ...path: string[]): string;
	/** The JSON value at a key of a JSON (text) column, to be read with json(). */
	jsonValue(column: string, key: string): string;
	/** The number a contract prints, of the contracts row `of` names ('' or 'c.'): SQLite's rows from before the unique number keep it only in the record. */
	contractNumber(of: string): string;
	/** A statement (the contract's id its one parameter) that serialises registrations of one id; SQLite's write transaction already does. */
	lockContractId: string | null;
	/** SQLite still marks the accounts whose code is not hashed yet (rows from before hashing); PostgreSQL never had any. */
	hashedCode: { column: string; value: string; set: string; where: string };
}

/** How a store runs an operation: outside a transaction, in a consistent read snapshot, or in a write transaction. */
export interface Runner {
	readonly dialect: Dialect;
	read<T>(op: (d: Dialect) => Steps<T>): Promise<T>;
	snapshot<T>(op: (d: Dialect) => Steps<T>): Promise<T>;
	/** The operation again from the start should the database report a race (PostgreSQL), so it is a factory. */
	write<T>(op: (d: Dialect) => Steps<T>): Promise<T>;
}

export function* all(sql: string, ...args: unknown[]): Steps<Row[]> {
	return (yield { sql, args }).rows;
}

export function* get(sql: string, ...args: unknown[]): Steps<Row | undefined> {
	return (yield { sql, args }).rows[0];
}

/** Runs a write; answers how many rows it changed. */
export function* run(sql: string, ...args: unknown[]): Steps<number> {
	return (yield { sql, args }).changes;
}

/** `?` placeholders numbered for PostgreSQL (the shared SQL has no `?` other than placeholders). */
export function numbered(sql: string): string {
	let n = 0;
	return sql.replace(/\?/g, () => `$${++n}`);
}

/** Runs the steps synchronously with `exec` (SQLite); a statement's error is thrown into the operation. */
export function drive<T>(steps: Steps<T>, exec: (s: Statement) => Outcome): T {
	let next = steps.next();
	while (!next.done) {
		let outcome: Outcome;
		try {
			outcome = exec(next.value);
		} catch (err) {
			next = steps.throw(err);
			continue;
		}
		next = steps.next(outcome);
	}
	return next.value;
}

/** Runs the steps with an asynchronous `exec` (PostgreSQL); a statement's error is thrown into the operation. */
export async function driveAsync<T>(steps: Steps<T>, exec: (s: Statement) => Promise<Outcome>): Promise<T> {
	let next = steps.next();
	while (!next.done) {
		let outcome: Outcome;
		try {
			outcome = await exec(next.value);
		} catch (err) {
			next = steps.throw(err);
			continue;
		}
		next = steps.next(outcome);
	}
	return next.value;
}
