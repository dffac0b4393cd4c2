// The SQLite Store: one WAL file under DATA_DIR; each entity's SQL lives in its own module beside this one.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hashCode } from '../access-code';
import { ForwardingStore } from '../forwarding';
import { SHARED_OPS, type OwnOps } from '../sql/ops';
import type { SeedData } from '../types';
import * as accounts from './accounts';
import * as adminActions from './admin-actions';
import * as catalog from './catalog';
import { SqliteContext } from './context';
import * as contracts from './contracts';
import * as holidays from './holidays';
import * as idempotency from './idempotency';
import { migrate } from './migrations';
import * as office from './office';
import * as renditions from './renditions';
import * as seals from './seals';
import * as sessions from './sessions';
import * as stamping from './stamping';

export { contentHash } from './contracts';
export { SCHEMA_VERSION } from './migrations';

export function openSqliteStore(dataDir: string, fileName = 'contract-desk.sqlite'): SqliteStore {
	mkdirSync(dataDir, { recursive: true });
	return new SqliteStore(new Database(join(dataDir, fileName)));
}

const OPS: OwnOps<SqliteContext> = {
	...accounts,
	...adminActions,
	...catalog,
	...contracts,
	...holidays,
	...idempotency,
	...office,
	...renditions,
	...seals,
	...sessions,
	...stamping,
	seed: async (ctx, data: SeedData) => {
		const salt = accounts.codeSalt(ctx);
		accounts.seed(ctx, data, await Promise.all(data.accounts.map((a) => hashCode(a.code, salt))));
	},
	findAccountByCode: async (ctx, code) =>
		accounts.findAccountByCodeHash(ctx, await hashCode(code, accounts.codeSalt(ctx))),
	createAccount: async (ctx, { code, ...rest }) =>
		office.createAccount(ctx, { ...rest, codeHash: await hashCode(code, accounts.codeSalt(ctx)) }),
	setAccessCode: async (ctx, { code, ...rest }) =>
		office.setAccessCode(ctx, { ...rest, codeHash: await hashCode(code, accounts.codeSalt(ctx)) }),
	finishIdempotency: (ctx, ...a) => ctx.finishKey(...a),
	releaseIdempotency: (ctx, ...a) => ctx.releaseKey(...a)
};

/** better-sqlite3 is synchronous; the interface is async so that a networked store can implement it too. */
export class SqliteStore extends ForwardingStore<SqliteContext> {
	readonly db: Database.Database;

	constructor(db: Database.Database) {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
		migrate(db);
		const ctx = new SqliteContext(db);
		accounts.hashPlainCodes(ctx);
		super(ctx, { ...SHARED_OPS, ...OPS });
		this.db = db;
	}

	async close(): Promise<void> {
		if (this.db.open) this.db.close();
	}
}
