// End-to-end tests: the built app served by the real server, driven in the system Chromium.
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// This file is evaluated in the runner and again in every worker. The runner picks the port and the data
// folder once and publishes them through process.env, which the workers (forked later) inherit, so all
// evaluations agree and only one temporary folder is ever made.
if (!process.env.E2E_PORT) {
	// Node has no synchronous listen: a child binds port 0 and prints what the OS chose. Two runs on one
	// machine then get different ports instead of colliding on a fixed one.
	const probe =
		"const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
	process.env.E2E_PORT = execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim();
}
if (!process.env.E2E_DATA_DIR) {
	process.env.E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'contract-desk-e2e-'));
	// Only a folder made here is removed afterwards (tests/support/e2e/global-teardown.ts); a given one is the caller's.
	process.env.E2E_DATA_DIR_OWNED = '1';
}

const PORT = Number(process.env.E2E_PORT);
if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65535)
	throw new Error(`E2E_PORT is not a port: ${process.env.E2E_PORT}`);
const dataDir = process.env.E2E_DATA_DIR;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	// One retry in CI only, and Playwright reports a test that passed on it as "flaky": two specs failed once in
	// three full runs here (two-devices: a restored document stuck after signing in again; update: its second
	// server slow to answer), each passing alone. Both are named in the closing note as open problems.
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	globalTeardown: './tests/support/e2e/global-teardown.ts',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		serviceWorkers: 'allow',
		launchOptions: {
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: 'npx tsx server/main.ts',
		url: `http://127.0.0.1:${PORT}/api/v1/health`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: { PORT: String(PORT), DATA_DIR: dataDir, ADMIN_TOKEN: 'e2e-admin-token', HOST: '127.0.0.1' }
	}
});
