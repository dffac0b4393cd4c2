// Customer access codes the office issues: 28 Crockford base32 characters (140 bits) from the OS's CSPRNG, shown once, grouped for reading aloud.
import { randomBytes } from 'node:crypto';
import {
	ACCESS_CODE_ALPHABET,
	ACCESS_CODE_GROUP,
	ACCESS_CODE_LENGTH,
	groupAccessCode
} from '../../src/lib/domain/office';

export function newAccessCode(): { code: string; groups: string[] } {
	const bytes = randomBytes(ACCESS_CODE_LENGTH);
	let raw = '';
	// 32 symbols: the low five bits of each byte are uniform, no modulo bias.
	for (const b of bytes) raw += ACCESS_CODE_ALPHABET[b & 31];
	const code = groupAccessCode(raw);
	return { code, groups: code.split('-').filter((g) => g.length <= ACCESS_CODE_GROUP) };
}
