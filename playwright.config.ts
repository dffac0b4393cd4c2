// End-to-end tests: the built app served by the real server, driven in the system Chromium.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 4317);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'contract-desk-e2e-'));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		serviceWorkers: 'allow',
		launchOptions: {
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
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
