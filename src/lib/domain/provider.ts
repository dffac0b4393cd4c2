// The provider (Party B, 乙方): its legal details and where customers mail paper contracts.
import { z } from 'zod';
import { creditCode } from './identity';
import { chinaPhone } from './phone';
import { text } from './text';

/** An http(s) origin without path, e.g. https://contracts.example.cn — the QR code's /verify links start with it. */
export const verifyOrigin = z
	.string()
	.max(100, { message: 'tooLong' })
	.regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, { message: 'origin' });

/** The provider's own page where an account completes real-name verification: an absolute http(s) URL. */
export const verificationUrl = z
	.string()
	.max(300, { message: 'tooLong' })
	.regex(/^https?:\/\/[^\s"<>]+$/, { message: 'url' });

/**
 * How the provider wants paper copies prepared (printed on the customer's cover sheet): how many copies, and each
 * step in the provider's own words (where 甲方 seals, the 骑缝章 across the pages' edge, 乙方's block left blank).
 */
export const paperInstructions = z.object({
	copies: z.number().int().min(1).max(10),
	steps: z.array(text(200)).min(1).max(8)
});

export type PaperInstructions = z.infer<typeof paperInstructions>;

export const provider = z.object({
	name: text(100),
	creditCode,
	registeredAddress: text(200),
	mailingAddress: text(200),
	mailingRecipient: text(50),
	mailingPhone: chinaPhone,
	mailingPostalCode: z.string().regex(/^\d{6}$/, { message: 'postalCode' }),
	verifyOrigin: verifyOrigin.optional(),
	/** Where an account that is not verified yet completes verification (PROVIDER_VERIFICATION_URL). */
	verificationUrl: verificationUrl.optional(),
	/** What to enclose and how to stamp it (the cover sheet); older servers send none. */
	paperInstructions: paperInstructions.optional()
});

export type Provider = z.infer<typeof provider>;
