// Staff passwords: argon2id (memory-hard, OWASP's 19 MiB / 2 passes / 1 lane), a random salt per password, and the initial ones the office hands out.
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

const PARAMS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

function derive(password: string, nonce: Buffer, p: { memory: number; passes: number; parallelism: number }) {
	return new Promise<Buffer>((resolve, reject) =>
		argon2('argon2id', { message: password.normalize('NFC'), nonce, tagLength: PARAMS.tagLength, ...p }, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

/** `argon2id$m=…,t=…,p=…$salt$tag` (base64url): the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const tag = await derive(password, salt, PARAMS);
	return `argon2id$m=${PARAMS.memory},t=${PARAMS.passes},p=${PARAMS.parallelism}$${salt.toString('base64url')}$${tag.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const m = /^argon2id\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
	if (!m) return false;
	const expected = Buffer.from(m[5]!, 'base64url');
	const tag = await derive(password, Buffer.from(m[4]!, 'base64url'), {
		memory: Number(m[1]),
		passes: Number(m[2]),
		parallelism: Number(m[3])
	});
	return tag.length === expected.length && timingSafeEqual(tag, expected);
}

/** A hash of nothing anyone knows: an unknown login costs the same time as a wrong password. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	return (decoy ??= hashPassword(randomBytes(16).toString('hex')));
}

/** 24 characters of base32 (120 bits), grouped by 4 for handing over; good only until the first sign-in replaces it. */
export function initialPassword(): string {
	const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
	const bytes = randomBytes(24);
	let out = '';
	for (let i = 0; i < bytes.length; i++) out += (i && i % 4 === 0 ? '-' : '') + alphabet[bytes[i]! & 31];
	return out;
}
