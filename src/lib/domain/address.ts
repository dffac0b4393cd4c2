// A China postal address for returning a stamped paper contract.
import { z } from 'zod';
import { isValidDivision } from './area';
import { chinaPhone } from './phone';
import { text } from './text';

export const postalCode = z.string().trim().regex(/^\d{6}$/, { message: 'postalCode' });

export const returnAddress = z
	.object({
		recipient: text(30),
		phone: chinaPhone,
		province: text(20),
		city: text(30),
		district: text(30),
		address: text(120),
		postalCode
	})
	.refine((a) => isValidDivision(a.province, a.city, a.district), {
		message: 'division',
		path: ['district']
	});

export type ReturnAddress = z.infer<typeof returnAddress>;
