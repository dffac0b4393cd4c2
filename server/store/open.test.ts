// openStore: the configuration names the database; without DATABASE_URL the SQLite file under DATA_DIR, with no counters shared across processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open';
import { SqliteStore } from './sqlite/index';

describe('openStore', () => {
	it('opens the SQLite file under the data folder when no DATABASE_URL is set; its counters stay in this process', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'contract-desk-open-'));
		try {
			const { store, shared } = await openStore({ databaseUrl: null, pgPoolSize: 10, dataDir: dir });
			expect(store).toBeInstanceOf(SqliteStore);
			expect(shared).toBeNull();
			expect(await store.isEmpty()).toBe(true);
			await store.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
