// The SQLite Store: one WAL file under DATA_DIR; the operations both stores do alike come from ../sql/, what SQLite does its own way from the modules beside this one.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ForwardingStore } from '../forwarding';
import { codeHashes, SHARED_OPS, type OwnOps } from '../sql/ops';
import * as accounts from './accounts';
import { SqliteContext } from './context';
import * as contracts from './contracts';
import * as idempotency from './idempotency';
import { migrate } from './migrations';
import * as sessions from './sessions';

export { contentHash } from '../sql/contracts';
export { SCHEMA_VERSION } from './migrations';

export function openSqliteStore(dataDir: string, fileName = 'contract-desk.sqlite'): SqliteStore {
	mkdirSync(dataDir, { recursive: true });
	return new SqliteStore(new Database(join(dataDir, fileName)));
}

const OPS: OwnOps<SqliteContext> = {
	seed: async (ctx, data) => accounts.seed(ctx, data, await codeHashes(ctx, data)),
	purgeExpired: sessions.purgeExpired,
	listContractsForAdmin: contracts.listContractsForAdmin,
	claimIdempotency: idempotency.claimIdempotency,
	releaseRunningClaims: idempotency.releaseRunningClaims
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
