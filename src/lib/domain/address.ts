// A China postal address for returning a stamped paper contract.
import { z } from 'zod';
import { isValidDivision } from './area';
import { FIELD_LIMITS } from './fieldLimits';
import { chinaPhone } from './phone';
import { normalizePostalCode, postalCodeFitsProvince } from './postalCode';
import { printable } from './printable';
import { text } from './text';

export const postalCode = z
	.string()
	.overwrite(normalizePostalCode)
	.regex(/^\d{6}$/, { message: 'postalCode' });

export const returnAddress = z
	.object({
		recipient: printable(FIELD_LIMITS.personName),
		phone: chinaPhone,
		province: text(20),
		city: text(30),
		district: text(30),
		address: printable(FIELD_LIMITS.streetAddress),
		postalCode
	})
	.refine((a) => isValidDivision(a.province, a.city, a.district), {
		message: 'division',
		path: ['district']
	})
	// 000000, or a Beijing code for a Shenzhen address, would send the stamped contract nowhere.
	// Only a well-formed code is compared: a malformed one already has its own message.
	.refine((a) => !/^\d{6}$/.test(a.postalCode) || postalCodeFitsProvince(a.postalCode, a.province), {
		message: 'postalCodeProvince',
		path: ['postalCode']
	});

export type ReturnAddress = z.infer<typeof returnAddress>;
