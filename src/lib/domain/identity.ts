// The account's real-name verification record (实名认证); Party A of every contract comes from it.
import { z } from 'zod';
import { isValidCreditCode } from './creditCode';
import { text, token } from './text';

export const creditCode = z.string().trim().toUpperCase().refine(isValidCreditCode, { message: 'creditCode' });

export const entityType = z.enum(['enterprise', 'individual_business', 'government', 'other']);

export const verifiedIdentity = z.object({
	status: z.literal('verified'),
	accountId: token(200),
	entityType,
	legalName: text(100),
	creditCode,
	legalRepresentative: text(50),
	registeredAddress: text(200),
	verifiedAt: z.iso.datetime({ offset: true })
});

export const unverifiedIdentity = z.object({
	status: z.literal('unverified'),
	accountId: token(200),
	accountName: text(100)
});

export const identity = z.discriminatedUnion('status', [verifiedIdentity, unverifiedIdentity]);

export type Identity = z.infer<typeof identity>;
export type VerifiedIdentity = z.infer<typeof verifiedIdentity>;
