// Paper copy with company seal (线下盖章申请): the submission with its immutable return address.
import { z } from 'zod';
import { returnAddress } from './address';
import { courierShipment } from './stampingEvent';

export {
	courierShipment,
	providerEventKind,
	stampingEvent,
	stampingEventKind,
	type CourierShipment,
	type ProviderEventKind,
	type StampingEvent
} from './stampingEvent';

/** Body of PUT /api/v1/contracts/:id/stamping. The return address never changes once stored. */
export const stampingSubmission = z.object({
	returnAddress,
	outbound: courierShipment.optional()
});

export type StampingSubmission = z.infer<typeof stampingSubmission>;
