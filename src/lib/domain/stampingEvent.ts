// The provider's events on a paper-copy request (received → stamped → returned) and courier shipments.
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

export const stampingEventKind = z.enum(['received', 'stamped', 'returned']);

export const stampingEvent = z.object({
	id: token(200),
	contractId: z.uuid(),
	kind: stampingEventKind,
	at: z.iso.datetime({ offset: true }),
	/** Present on `returned`: the courier carrying the stamped contract back. */
	shipment: courierShipment.optional()
});

export type StampingEvent = z.infer<typeof stampingEvent>;
export type CourierShipment = z.infer<typeof courierShipment>;
