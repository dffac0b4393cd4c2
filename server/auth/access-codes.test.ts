// Access codes are secrets: stored only as salted scrypt hashes, converted in place from older databases, never returned by any route.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { DEMO_IDENTITY } from '../seed';
import { openSqliteStore } from '../store/index';
import { MIGRATIONS } from '../store/sqlite/migrations';
import { ADMIN_TOKEN, auth, makeEnv, signIn, type TestEnv } from '../../tests/support/server/app';

let env: TestEnv;
beforeAll(async () => {
	env = await makeEnv();
});
afterAll(async () => env.cleanup());

describe('access codes at rest', () => {
	it('the database holds scrypt hashes, never the codes, and sign-in still works', async () => {
		const rows = env.store.db.prepare(`SELECT code_hash, code_hashed FROM accounts`).all() as {
			code_hash: string;
			code_hashed: number;
		}[];
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row.code_hashed).toBe(1);
			expect(row.code_hash).toMatch(/^s1\$[A-Za-z0-9_-]{43}$/);
		}
		const file = env.store.db.prepare(`SELECT group_concat(code_hash) AS all_codes FROM accounts`).get() as {
			all_codes: string;
		};
		expect(file.all_codes).not.toMatch(/demo/);
		expect(await signIn(env.app, 'demo')).toBeTruthy();
		expect(await signIn(env.app, 'demo-unverified')).toBeTruthy();
	});

	it('two installations hash the same code differently (salted)', async () => {
		const other = await makeEnv();
		try {
			const a = env.store.db.prepare(`SELECT code_hash FROM accounts WHERE id = 'acct-100001'`).get();
			const b = other.store.db.prepare(`SELECT code_hash FROM accounts WHERE id = 'acct-100001'`).get();
			expect(a).not.toEqual(b);
		} finally {
			await other.cleanup();
		}
	});

	it('a database from before hashing is converted at open: codes hashed in place, old codes still sign in', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'contract-desk-migrate-'));
		try {
			const file = join(dir, 'contract-desk.sqlite');
			const old = new Database(file);
			// Every migration before the one that hashes codes (later ones are appended after it).
			const before = MIGRATIONS.findIndex((m) => m.includes('code_hash'));
			expect(before).toBeGreaterThan(0);
			for (let v = 0; v < before; v++) old.exec(MIGRATIONS[v]!);
			old.pragma(`user_version = ${before}`);
			old
				.prepare(`INSERT INTO accounts (id, code, identity, seq) VALUES (?, ?, ?, 1)`)
				.run(DEMO_IDENTITY.accountId, 'legacy-Code-42', JSON.stringify(DEMO_IDENTITY));
			old.close();

			const store = openSqliteStore(dir);
			try {
				const row = store.db.prepare(`SELECT * FROM accounts`).get() as Record<string, unknown>;
				expect(row).not.toHaveProperty('code');
				expect(row).toMatchObject({ code_hashed: 1 });
				expect(String(row.code_hash)).toMatch(/^s1\$/);
				expect(JSON.stringify(row)).not.toContain('legacy-Code-42');
				expect((await store.findAccountByCode('legacy-Code-42'))?.id).toBe(DEMO_IDENTITY.accountId);
				expect(await store.findAccountByCode('legacy-code-42')).toBeUndefined();
				const app = createApp({
					store,
					config: loadConfig({ DATA_DIR: dir, ADMIN_TOKEN }),
					staticDir: null,
					log: () => {}
				});
				expect(await signIn(app, 'legacy-Code-42')).toBeTruthy();
			} finally {
				await store.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('access codes are never returned', () => {
	it('no route answers with a code: session, pull, admin lists and actions', async () => {
		const token = await signIn(env.app, 'demo');
		const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
		const answers = [
			await env.app.request('/api/v1/session', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: '{"code":"demo-unverified"}'
			}),
			await env.app.request('/api/v1/changes', { headers: auth(token) }),
			await env.app.request('/api/v1/admin/accounts', { headers: admin }),
			await env.app.request('/api/v1/admin/contracts', { headers: admin }),
			await env.app.request('/api/v1/admin/actions', { headers: admin })
		];
		for (const res of answers) {
			expect(res.status).toBe(200);
			const text = await res.text();
			expect(text).not.toMatch(/"demo"|demo-unverified|s1\$|code_?hash/i);
		}
		// The store hands the routes accounts without any code field to leak.
		for (const account of await env.store.listAccounts())
			expect(Object.keys(account).sort()).toEqual(['id', 'identity', 'seq']);
	});
});
