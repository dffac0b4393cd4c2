// Playwright global teardown: removes the temporary DATA_DIR that playwright.config.ts made for the server.
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
	const dir = process.env.E2E_DATA_DIR;
	// A folder the caller passed in E2E_DATA_DIR is theirs to keep (e.g. to inspect the database).
	if (!dir || process.env.E2E_DATA_DIR_OWNED !== '1') return;
	// The server may still hold the SQLite file open (Playwright stops it after this); Linux allows the unlink.
	rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
