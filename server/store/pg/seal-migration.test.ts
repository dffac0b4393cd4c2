// The migration that marks sealed contracts, on PostgreSQL: a database from before it keeps its sealed contracts off the waiting list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { DEMO_ACCOUNT_ID, demoSeed } from '../../seed';
import { FIXED_NOW, frameworkRecord, PDF_SHA } from '../../../tests/support/server/app';
import { openTestPg, type TestPg } from '../../../tests/support/server/store/pg-db';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './migrations';

const config = loadConfig({ DATA_DIR: '/nonexistent', ADMIN_TOKEN: 'x'.repeat(16) });
const NOW = new Date(FIXED_NOW).toISOString();

let db: TestPg;
beforeAll(async () => {
	db = await openTestPg();
	await db.store.seed(demoSeed(FIXED_NOW));
});
afterAll(() => db.cleanup());

describe('contracts.sealed migration on PostgreSQL', () => {
	it('marks the contracts that already have a sealed copy; the others still wait', async () => {
		expect(PG_MIGRATIONS[PG_SCHEMA_VERSION - 1]).toContain('contracts_waiting_seal');
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			const record = frameworkRecord(config);
			await db.store.registerContract({
				accountId: DEMO_ACCOUNT_ID,
				record,
				pdfSha256: PDF_SHA,
				pdf: new Uint8Array([37, 80, 68, 70]),
				now: NOW
			});
			ids.push(record.id);
		}
		const [sealed, ...waiting] = ids as [string, ...string[]];
		await db.store.putSealedCopy({
			contractId: sealed,
			pdf: new Uint8Array([1]),
			pdfSha256: 'e'.repeat(64),
			sealedAt: NOW
		});
		// The database as it was before the migration: no flag, no index, one version less.
		await db.store.pool.query(
			`DROP INDEX contracts_waiting_seal; ALTER TABLE contracts DROP COLUMN sealed;
			 DELETE FROM schema_migrations WHERE version = ${PG_SCHEMA_VERSION}`
		);

		const reopened = await db.open();
		const flags = await reopened.pool.query(`SELECT id, sealed FROM contracts WHERE id = ANY($1) ORDER BY id`, [ids]);
		expect(flags.rows).toEqual(ids.map((id) => ({ id, sealed: id === sealed })).sort((a, b) => (a.id < b.id ? -1 : 1)));
		const listed = await reopened.listUnsealedContracts(10_000);
		expect(listed).not.toContain(sealed);
		expect(listed).toEqual(expect.arrayContaining(waiting));
	});
});
