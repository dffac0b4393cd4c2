// Access codes are secrets: the store keeps only a memory-hard scrypt hash of each, salted per installation.
//
// Why one salt per installation and not per row: a code is the whole credential (there is no user name to find
// the row by first), so the hash itself must be the lookup key. A per-row salt would mean one scrypt per account
// on every sign-in attempt — a denial-of-service lever as accounts grow. With the installation's random salt
// (kept in the database), one attempt costs one scrypt (16 MiB, ~50–200 ms here), precomputed tables are useless,
// and a stolen database still costs an attacker a full scrypt per guess.
import { randomBytes, scrypt, scryptSync, type ScryptOptions } from 'node:crypto';
import { canonicalAccessCode } from '../../src/lib/domain/office';

/** N = 2^14, r = 8 (16 MiB per hash), p = 1: the interactive-login cost scrypt's author recommends. */
export const SCRYPT: ScryptOptions & { keylen: number } = {
	N: 16_384,
	r: 8,
	p: 1,
	maxmem: 64 * 1024 * 1024,
	keylen: 32
};

export function newCodeSalt(): string {
	return randomBytes(16).toString('hex');
}

/**
 * The same code typed on any device must give the same hash: normalised like every other text (NFC), and a code
 * the office issued in its grouped form whatever the case, separators or look-alikes typed (demo codes as they are).
 */
function input(code: string): string {
	return canonicalAccessCode(code) ?? code.normalize('NFC');
}

export function hashCodeSync(code: string, salt: string): string {
	return `s1$${scryptSync(input(code), salt, SCRYPT.keylen, SCRYPT).toString('base64url')}`;
}

/** Runs on libuv's thread pool: a burst of sign-ins does not stall the event loop. */
export function hashCode(code: string, salt: string): Promise<string> {
	return new Promise((resolve, reject) =>
		scrypt(input(code), salt, SCRYPT.keylen, SCRYPT, (err, key) =>
			err ? reject(err) : resolve(`s1$${key.toString('base64url')}`)
		)
	);
}
