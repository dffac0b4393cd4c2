// Paper copy with company seal (线下盖章申请): the submission and the provider's events.
import { z } from 'zod';
import { returnAddress } from './address';
import { text } from './text';

export const courierShipment = z.object({
	courier: text(30),
	trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,32}$/, { message: 'trackingNumber' })
});

/** Body of PUT /api/v1/contracts/:id/stamping. The return address never changes once stored. */
export const stampingSubmission = z.object({
	returnAddress,
	outbound: courierShipment.optional()
});

export const stampingEventKind = z.enum(['received', 'stamped', 'returned']);

export const stampingEvent = z.object({
	id: z.string().min(1),
	contractId: z.uuid(),
	kind: stampingEventKind,
	at: z.iso.datetime({ offset: true }),
	/** Present on `returned`: the courier carrying the stamped contract back. */
	shipment: courierShipment.optional()
});

export type StampingSubmission = z.infer<typeof stampingSubmission>;
export type StampingEvent = z.infer<typeof stampingEvent>;
export type CourierShipment = z.infer<typeof courierShipment>;
