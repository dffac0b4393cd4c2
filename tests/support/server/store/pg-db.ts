// Test helper: a PgStore in a schema of its own on the run's PostgreSQL database (or on a cluster this worker starts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPgStore, type PgStore, type PgStoreOptions } from '../../../../server/store/pg/index';
import { createDatabase, startThrowawayCluster } from '../../../../server/store/pg/throwaway-cluster';

let fallback: Promise<string> | null = null;

/** The run's database from the global setup; a suite run on its own starts its own cluster once per worker. */
export function pgTestUrl(): Promise<string> {
	const provided = inject('pgUrl');
	if (provided) return Promise.resolve(provided);
	fallback ??= (async () => {
		const cluster = startThrowawayCluster({ fsync: false });
		const db = `contract_desk_test_${process.pid}`;
		await createDatabase(cluster.adminUrl, db);
		return cluster.url(db);
	})();
	return fallback;
}

export interface TestPg {
	url: string;
	schema: string;
	store: PgStore;
	/** Another store (another "process": its own pool and owner id) on the same schema. */
	open(opts?: PgStoreOptions): Promise<PgStore>;
	cleanup(): Promise<void>;
}

export async function openTestPg(opts: PgStoreOptions = {}): Promise<TestPg> {
	const url = await pgTestUrl();
	const schema = `t_${randomBytes(6).toString('hex')}`;
	const opened: PgStore[] = [];
	const open = async (more: PgStoreOptions = {}) => {
		const s = await openPgStore(url, { ...opts, ...more, schema });
		opened.push(s);
		return s;
	};
	const store = await open();
	return {
		url,
		schema,
		store,
		open,
		cleanup: async () => {
			for (const s of opened) await s.close();
			const c = new pg.Client({ connectionString: url });
			await c.connect();
			try {
				await c.query(`DROP SCHEMA ${schema} CASCADE`);
			} finally {
				await c.end();
			}
		}
	};
}
