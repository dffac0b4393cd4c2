// Events on a stamping request — the provider's received → stamped → returned, then the customer's confirmed — and courier shipments.
// Kept apart from the submission so the pull protocol does not pull the division tree into first-load JS.
import { z } from 'zod';
import { FIELD_LIMITS } from './fieldLimits';
import { text, token } from './text';

export const courierShipment = z.object({
	courier: text(FIELD_LIMITS.courier),
	trackingNumber: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9-]{6,32}$/, { message: 'trackingNumber' })
});

/** What the back office records, in this order. */
export const providerEventKind = z.enum(['received', 'stamped', 'returned']);
/** Every event a request can have: the provider's three, then the customer's 确认收到 that ends the request. */
export const stampingEventKind = z.enum([...providerEventKind.options, 'confirmed']);

export const stampingEvent = z.object({
	id: token(200),
	contractId: z.uuid(),
	kind: stampingEventKind,
	at: z.iso.datetime({ offset: true }),
	/** Present on `returned`: the courier carrying the stamped contract back. */
	shipment: courierShipment.optional(),
	/** On `returned` of a filing contract: the ICP commercial-filing materials went back with it. */
	icpMaterialsEnclosed: z.literal(true).optional()
});

export type StampingEvent = z.infer<typeof stampingEvent>;
export type ProviderEventKind = z.infer<typeof providerEventKind>;
export type CourierShipment = z.infer<typeof courierShipment>;
