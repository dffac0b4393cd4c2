// The provider (Party B, 乙方): its legal details and where customers mail paper contracts.
import { z } from 'zod';
import { creditCode } from './identity';
import { chinaPhone } from './phone';
import { text } from './text';

export const provider = z.object({
	name: text(100),
	creditCode,
	registeredAddress: text(200),
	mailingAddress: text(200),
	mailingRecipient: text(50),
	mailingPhone: chinaPhone,
	mailingPostalCode: z.string().regex(/^\d{6}$/, { message: 'postalCode' })
});

export type Provider = z.infer<typeof provider>;
