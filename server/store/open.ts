// Opens the store the configuration names — PostgreSQL with DATABASE_URL (many processes on one database), else the SQLite file under DATA_DIR — the one place that chooses a database.
import { openPgStore, type PgStore } from './pg/index';
import { openSqliteStore } from './sqlite/index';
import type { Store } from './types';

/** What every process on one database counts together: sign-in failures, rate-limit hits, render leases. */
export type SharedCounters = Pick<PgStore, 'failureLog' | 'failureRate' | 'rateLimiter' | 'renderLeases'>;

export interface OpenedStore {
	store: Store;
	/** Null when the store is this process's alone (its counters then live in memory). */
	shared: SharedCounters | null;
}

export async function openStore(config: {
	databaseUrl: string | null;
	pgPoolSize: number;
	dataDir: string;
}): Promise<OpenedStore> {
	if (config.databaseUrl) {
		const pg = await openPgStore(config.databaseUrl, { poolSize: config.pgPoolSize });
		return { store: pg, shared: pg };
	}
	return { store: openSqliteStore(config.dataDir), shared: null };
}
