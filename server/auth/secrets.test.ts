// No well-known secret: the admin token is configured or random (kept in a 0600 file), production refuses to start without one and seeds no demo accounts unless asked.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminTokenFile, readAdminToken } from './admin-token';
import { bootstrap } from '../bootstrap';
import { loadConfig } from '../config';

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'contract-desk-secrets-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('admin token', () => {
	it('without ADMIN_TOKEN: a random token, kept in DATA_DIR/admin-token with mode 0600, the same on the next start', () => {
		const dir = tempDir();
		const first = loadConfig({ DATA_DIR: dir });
		expect(first.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(first.adminToken).not.toBe('admin-dev-token');
		expect(first.adminTokenFile).toBe(adminTokenFile(dir));
		expect(statSync(adminTokenFile(dir)).mode & 0o777).toBe(0o600);
		expect(readFileSync(adminTokenFile(dir), 'utf8').trim()).toBe(first.adminToken);
		expect(loadConfig({ DATA_DIR: dir }).adminToken).toBe(first.adminToken);
		expect(readAdminToken(dir)).toBe(first.adminToken);
		// Another data folder gets another token: nothing is shared between installations.
		expect(loadConfig({ DATA_DIR: tempDir() }).adminToken).not.toBe(first.adminToken);
	});

	it('a token file others can read is tightened; an empty one is replaced', () => {
		const dir = tempDir();
		const token = loadConfig({ DATA_DIR: dir }).adminToken;
		writeFileSync(adminTokenFile(dir), `${token}\n`, { mode: 0o644 });
		expect(loadConfig({ DATA_DIR: dir }).adminToken).toBe(token);
		expect(statSync(adminTokenFile(dir)).mode & 0o777).toBe(0o600);
		writeFileSync(adminTokenFile(dir), '');
		const fresh = loadConfig({ DATA_DIR: dir }).adminToken;
		expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(readAdminToken(dir)).toBe(fresh);
	});

	it('ADMIN_TOKEN wins and no file is written', () => {
		const dir = tempDir();
		const cfg = loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: 'configured-token-123' });
		expect(cfg).toMatchObject({ adminToken: 'configured-token-123', adminTokenFile: null });
		expect(readAdminToken(dir)).toBeUndefined();
	});

	it('production refuses to start without ADMIN_TOKEN (or with a short one)', async () => {
		const dir = tempDir();
		expect(() => loadConfig({ DATA_DIR: dir, NODE_ENV: 'production' })).toThrow(/ADMIN_TOKEN must be set/);
		expect(() => loadConfig({ DATA_DIR: dir, NODE_ENV: 'production', ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN/);
		await expect(bootstrap({ env: { DATA_DIR: dir, NODE_ENV: 'production' }, staticDir: null })).rejects.toThrow(
			/ADMIN_TOKEN/
		);
		expect(readAdminToken(dir)).toBeUndefined();
	});
});

describe('demo accounts', () => {
	async function startWith(env: NodeJS.ProcessEnv) {
		const dir = tempDir();
		const boot = await bootstrap({ env: { DATA_DIR: dir, ...env }, staticDir: null, log: () => {} });
		const signIn = await boot.app.request('/api/v1/session', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ code: 'demo' })
		});
		await boot.store.close();
		return { seeded: boot.seeded, status: signIn.status };
	}

	it('a development start seeds them (npm start keeps working for a newcomer)', async () => {
		expect(await startWith({})).toEqual({ seeded: true, status: 200 });
	});

	it('production does not seed them; SEED_DEMO=1 asks for them', async () => {
		const token = {
			ADMIN_TOKEN: 'a-production-token-0123456789',
			PUBLIC_URL: 'https://contracts.example.cn',
			SEAL: 'off'
		};
		expect(await startWith({ NODE_ENV: 'production', ...token })).toEqual({ seeded: false, status: 401 });
		expect(await startWith({ NODE_ENV: 'production', SEED_DEMO: '1', ...token })).toEqual({
			seeded: true,
			status: 200
		});
		expect(await startWith({ SEED_DEMO: '0' })).toEqual({ seeded: false, status: 401 });
		expect(() => loadConfig({ DATA_DIR: tempDir(), SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO/);
	});
});
