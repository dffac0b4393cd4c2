// The migration that marks sealed contracts: a database from before it keeps its sealed contracts off the waiting list.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './index';
import { MIGRATIONS } from './migrations';

describe('contracts.sealed migration', () => {
	it('marks the contracts that already have a sealed copy; the others still wait, registered first', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'contract-desk-seal-migrate-'));
		try {
			const old = new Database(join(dir, 'contract-desk.sqlite'));
			const before = MIGRATIONS.findIndex((m) => m.includes('contracts_waiting_seal'));
			expect(before).toBeGreaterThan(0);
			for (let v = 0; v < before; v++) old.exec(MIGRATIONS[v]!);
			old.pragma(`user_version = ${before}`);
			old.pragma('foreign_keys = OFF');
			const contract = old.prepare(
				`INSERT INTO contracts (id, account_id, record, content_hash, pdf_sha256, pdf, status, registered_at, created_at, seq, number)
				 VALUES (?, 'acct', '{}', 'h', 'p', ?, 'registered', ?, ?, ?, ?)`
			);
			const seal = old.prepare(
				`INSERT INTO contract_seals (contract_id, pdf, pdf_sha256, sealed_at) VALUES (?, x'01', 's', 't')`
			);
			const at = (n: number) => `2026-12-0${n}T00:00:00.000Z`;
			contract.run('sealed-first', Buffer.from([1]), at(1), at(1), 1, 'N1');
			contract.run('waiting-later', Buffer.from([1]), at(3), at(3), 2, 'N2');
			contract.run('waiting-earlier', Buffer.from([1]), at(2), at(2), 3, 'N3');
			contract.run('no-bytes', null, at(1), at(1), 4, 'N4');
			seal.run('sealed-first');
			old.close();

			const store = openSqliteStore(dir);
			try {
				expect(await store.listUnsealedContracts(10)).toEqual(['waiting-earlier', 'waiting-later']);
				const flags = store.db.prepare(`SELECT id, sealed FROM contracts ORDER BY id`).all();
				expect(flags).toEqual([
					{ id: 'no-bytes', sealed: 0 },
					{ id: 'sealed-first', sealed: 1 },
					{ id: 'waiting-earlier', sealed: 0 },
					{ id: 'waiting-later', sealed: 0 }
				]);
			} finally {
				await store.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
