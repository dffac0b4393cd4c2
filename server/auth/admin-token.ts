// The admin token when ADMIN_TOKEN is not set: random, made once, kept in DATA_DIR/admin-token readable by its owner only.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_TOKEN_FILE = 'admin-token';
const MIN_LENGTH = 32;

export function adminTokenFile(dataDir: string): string {
	return join(dataDir, ADMIN_TOKEN_FILE);
}

/** The token in the file, or undefined when there is none (or it is too short to be one of ours). */
export function readAdminToken(dataDir: string): string | undefined {
	try {
		const token = readFileSync(adminTokenFile(dataDir), 'utf8').trim();
		return token.length >= MIN_LENGTH ? token : undefined;
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw err;
	}
}

/**
 * Reads the kept token or makes one. The file is created with `wx` (never overwrite a token another process
 * just wrote) and mode 0600; a file others can read is tightened, since the token opens the back office.
 */
export function readOrCreateAdminToken(dataDir: string): string {
	mkdirSync(dataDir, { recursive: true });
	const path = adminTokenFile(dataDir);
	const existing = readAdminToken(dataDir);
	if (existing) {
		if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
		return existing;
	}
	const token = randomBytes(32).toString('base64url');
	try {
		writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		// Too short or empty (we only get here then, or in a race): replace it with a real one.
		const raced = readAdminToken(dataDir);
		if (raced) return raced;
		writeFileSync(path, `${token}\n`, { mode: 0o600 });
		chmodSync(path, 0o600);
	}
	return token;
}
