// What SQLite's side of the store shares: the connection, its SQL fragments (the dialect) and the driver that runs the operations written once (sql/) on it.
import type Database from 'better-sqlite3';
import { parse, type Row } from '../rows';
import { codeSalt } from '../sql/accounts';
import * as ledger from '../sql/ledger';
import type { StoreContext } from '../sql/ops';
import { drive, type Dialect, type Statement, type Steps } from '../sql/steps';

export { nullableStr, parse, str, type Row } from '../rows';

/** SQLite's side of the SQL the two stores share. */
export const SQLITE: Dialect = {
	// One writer at a time: a write transaction (BEGIN IMMEDIATE) already excludes every other.
	lockRow: '',
	lockRowNoKey: '',
	byteLength: 'length',
	jsonObject: 'json_object',
	json: <T>(v: unknown) => parse<T>(v),
	jsonText: (column, ...path) => `json_extract(${column}, '$.${path.join('.')}')`,
	jsonValue: (column, key) => `json_extract(${column}, '$.${key}')`,
	contractNumber: (of) => `json_extract(${of}record, '$.number')`,
	lockContractId: null,
	hashedCode: { column: ', code_hashed', value: ', 1', set: ', code_hashed = 1', where: ' AND code_hashed = 1' }
};

/** better-sqlite3 binds no booleans: 1/0, as the schema stores them. */
const bindable = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v);

export class SqliteContext implements StoreContext {
	readonly dialect = SQLITE;

	constructor(readonly db: Database.Database) {}

	/** Runs an operation's statements now, in whatever transaction is open on the connection. */
	exec<T>(steps: Steps<T>): T {
		return drive(steps, (s: Statement) => {
			const stmt = this.db.prepare(s.sql);
			const args = s.args.map(bindable);
			if (stmt.reader) return { rows: stmt.all(...args) as Row[], changes: 0 };
			return { rows: [], changes: stmt.run(...args).changes };
		});
	}

	async read<T>(op: (d: Dialect) => Steps<T>): Promise<T> {
		return this.exec(op(SQLITE));
	}

	async snapshot<T>(op: (d: Dialect) => Steps<T>): Promise<T> {
		return this.db.transaction(() => this.exec(op(SQLITE))).deferred();
	}

	async write<T>(op: (d: Dialect) => Steps<T>): Promise<T> {
		return this.db.transaction(() => this.exec(op(SQLITE))).immediate();
	}

	/** This installation's salt of access-code hashes. */
	async codeSalt(): Promise<string> {
		return this.exec(codeSalt());
	}

	/** Bumps the global change sequence; call inside the write's transaction so the pull sees both or neither. */
	nextSeq(): number {
		return this.exec(ledger.nextSeq());
	}
}
