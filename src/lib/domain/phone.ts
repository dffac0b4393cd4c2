// Chinese phone numbers: mainland mobile, or landline with area code and optional extension.
import { z } from 'zod';

const MOBILE = /^1[3-9]\d{9}$/;
// 010-12345678, 0755-1234567, 0755 12345678-123 (extension up to 6 digits)
const LANDLINE = /^0\d{2,3}[- ]?\d{7,8}(?:-\d{1,6})?$/;

export function isChinaPhone(value: string): boolean {
	return MOBILE.test(value) || LANDLINE.test(value);
}

/**
 * How people type a number, made into the form this schema has always stored: `138 1234 5678`, `138-1234-5678`,
 * `+86 138 1234 5678`, `0086 13812345678` → `13812345678`; `(0755) 8601 3388`, `+86 755 86013388` → `0755-86013388`.
 * A number already valid is returned unchanged, so what was stored (and fingerprinted) before stays byte-equal.
 */
export function normalizePhone(value: string): string {
	const trimmed = value.trim();
	if (isChinaPhone(trimmed)) return trimmed;
	const folded = trimmed.normalize('NFKC');
	// An extension written after the number (转 / ext / x / #) is kept apart from the digits.
	const [main = '', ext] = folded.split(/\s*(?:转|ext\.?|x|#)\s*/i);
	if (/[^\d\s()+\-.]/.test(main)) return trimmed;
	let digits = main.replace(/[\s()\-.]/g, '');
	const international = /^(?:\+|00)86/.exec(digits);
	if (international) {
		digits = digits.slice(international[0].length);
		// Abroad a landline is dialled without its trunk 0 (+86 755 …).
		if (!MOBILE.test(digits) && !digits.startsWith('0')) digits = `0${digits}`;
	} else if (digits.startsWith('+')) return trimmed;
	if (MOBILE.test(digits) && ext === undefined) return digits;
	// Area codes: 010 and 02X have three digits, all others four.
	const areaLength = /^0(?:10|2\d)/.test(digits) ? 3 : 4;
	const landline = `${digits.slice(0, areaLength)}-${digits.slice(areaLength)}${ext !== undefined && /^\d{1,6}$/.test(ext) ? `-${ext}` : ''}`;
	return isChinaPhone(landline) ? landline : trimmed;
}

export const chinaPhone = z
	.string()
	.trim()
	.min(1, { message: 'required' })
	.transform(normalizePhone)
	.refine(isChinaPhone, { message: 'phoneFormat' });
