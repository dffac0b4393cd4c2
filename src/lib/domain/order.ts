// Paid orders of the account; amounts are integer fen.
import { z } from 'zod';
import { fen, text } from './text';

export const order = z.object({
	id: z.string().regex(/^\d{10,24}$/, { message: 'orderId' }),
	product: text(60),
	spec: text(120),
	billingMode: z.enum(['prepaid', 'postpaid']),
	amountFen: fen,
	currency: z.literal('CNY'),
	paidAt: z.iso.datetime({ offset: true }),
	status: z.enum(['paid', 'refunded']),
	updatedAt: z.iso.datetime({ offset: true })
});

export type Order = z.infer<typeof order>;
