// Chinese phone numbers: mainland mobile, or landline with area code and optional extension.
import { z } from 'zod';

const MOBILE = /^1[3-9]\d{9}$/;
// 010-12345678, 0755-1234567, 0755 12345678-123 (extension up to 6 digits)
const LANDLINE = /^0\d{2,3}[- ]?\d{7,8}(?:-\d{1,6})?$/;

export function isChinaPhone(value: string): boolean {
	return MOBILE.test(value) || LANDLINE.test(value);
}

export const chinaPhone = z
	.string()
	.trim()
	.min(1, { message: 'required' })
	.refine(isChinaPhone, { message: 'phoneFormat' });
