// Contracts: the canonical record a PDF is rendered from, a discriminated union over three kinds.
import { z } from 'zod';
import { filing } from './filing';
import { creditCode } from './identity';
import { order } from './order';
import { FIELD_LIMITS } from './fieldLimits';
import { chinaPhone } from './phone';
import { printable } from './printable';
import { verifyOrigin } from './provider';
import { fen, text, token, uuid } from './text';
import { templateVersionInfo } from './templateVersions';
import { CONTRACT_NUMBER } from './verification';
import { shanghaiDate } from './time';

export { CONTRACT_KINDS, type ContractKind } from './contractKinds';
export const MAX_ORDERS_PER_CONTRACT = 1000;

export const partyA = z.object({
	name: text(100),
	creditCode,
	legalRepresentative: text(50),
	registeredAddress: text(200)
});

export const partyB = z.object({
	name: text(100),
	creditCode,
	registeredAddress: text(200),
	/** Where anyone checks a contract (the QR code's origin); from the provider, carried by records since 2026.2. */
	verifyOrigin: verifyOrigin.optional()
});

/** Details the customer completes on the page (联系人、电话、邮箱、通讯地址). */
export const contactDetails = z.object({
	person: printable(FIELD_LIMITS.personName),
	phone: chinaPhone,
	email: z
		.string()
		.trim()
		.max(FIELD_LIMITS.email, { message: 'tooLong' })
		.pipe(z.email({ message: 'email' })),
	mailingAddress: printable(FIELD_LIMITS.fullAddress)
});

const base = {
	id: uuid,
	/** Human number printed on the document, e.g. HT-20261126-1A2B3C4D5E6F4A7B (8 hex digits before 2026.2) */
	number: z.string().regex(CONTRACT_NUMBER),
	templateVersion: token(40),
	createdAt: z.iso.datetime({ offset: true }),
	partyA,
	partyB,
	contact: contactDetails
};

export const orderLine = order.pick({
	id: true,
	product: true,
	spec: true,
	billingMode: true,
	amountFen: true,
	paidAt: true
});

export const frameworkContract = z.object({ kind: z.literal('framework'), ...base });
export const filingContract = z.object({
	kind: z.literal('filing'),
	...base,
	filing: filing.omit({ status: true, updatedAt: true })
});
export const orderContract = z
	.object({
		kind: z.literal('order'),
		...base,
		orders: z.array(orderLine).min(1).max(MAX_ORDERS_PER_CONTRACT, { message: 'tooManyOrders' }),
		totalFen: fen
	})
	.refine((c) => c.totalFen === c.orders.reduce((sum, o) => sum + o.amountFen, 0), {
		message: 'totalMismatch',
		path: ['totalFen']
	})
	.refine((c) => new Set(c.orders.map((o) => o.id)).size === c.orders.length, {
		message: 'duplicateOrder',
		path: ['orders']
	});

export const contractRecord = z.discriminatedUnion('kind', [frameworkContract, filingContract, orderContract]);

export type ContractRecord = z.infer<typeof contractRecord>;
export type FrameworkContract = z.infer<typeof frameworkContract>;
export type FilingContract = z.infer<typeof filingContract>;
export type OrderContract = z.infer<typeof orderContract>;
export type OrderLine = z.infer<typeof orderLine>;
export type ContactDetails = z.infer<typeof contactDetails>;
export type PartyA = z.infer<typeof partyA>;
export type PartyB = z.infer<typeof partyB>;

export const contractStatus = z.enum(['pending', 'effective']);
export type ContractStatus = z.infer<typeof contractStatus>;

/**
 * HT-YYYYMMDD-XXXX…: the Shanghai calendar date of creation and the id's first hex digits, as many as
 * the template version says (numberCollisionOdds below says why 16).
 */
export function contractNumber(id: string, createdAt: string, templateVersion: string): string {
	const digits = templateVersionInfo(templateVersion)?.numberHexDigits ?? NUMBER_HEX_DIGITS;
	return `HT-${shanghaiDate(createdAt).replaceAll('-', '')}-${id.replaceAll('-', '').slice(0, digits).toUpperCase()}`;
}

/** Hex digits of the id in numbers of every version after 2026.1. */
export const NUMBER_HEX_DIGITS = 16;

/**
 * Random bits in the first `hexDigits` hex digits of a UUID v4 (dashes removed): digit 13 is the
 * version (4, fixed) and digit 17 the variant (2 of its 4 bits fixed); every other digit is random.
 */
export function uuidV4RandomBits(hexDigits: number): number {
	let bits = 0;
	for (let i = 0; i < hexDigits; i++) bits += i === 12 ? 0 : i === 16 ? 2 : 4;
	return bits;
}

/**
 * The chance that any two contracts of the same day print the same number over `days` days, at
 * `perDay` contracts a day (birthday bound: 1 − e^(−n(n−1)/2^(b+1)) per day). Numbers of different
 * days never collide, since the date is part of the number. At 100,000 a day for a year:
 * 8 digits (32 bits) → certain; 12 (48) → 0.65 %; 14 (52) → 4.1e-4; 15 (56) → 2.5e-5;
 * 16 (60 bits) → 1.6e-6 — below the 1 in 10,000 the registry needs, with room to grow 8×.
 */
export function numberCollisionOdds(perDay: number, days: number, hexDigits: number): number {
	const perDayOdds = -Math.expm1(-(perDay * (perDay - 1)) / 2 ** (uuidV4RandomBits(hexDigits) + 1));
	return -Math.expm1(days * Math.log1p(-perDayOdds));
}
