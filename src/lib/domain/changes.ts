// The pull protocol: what GET /api/v1/changes returns, and the session exchange.
import { z } from 'zod';
import { contractStatus } from './contract';
import { filing } from './filing';
import { identity } from './identity';
import { order } from './order';
import { provider } from './provider';
import { stampingEvent } from './stampingEvent';

export const sessionRequest = z.object({ code: z.string().trim().min(1).max(100) });
export const sessionResponse = z.object({ token: z.string().min(1), accountId: z.string() });

export const contractState = z.object({
	id: z.uuid(),
	status: contractStatus,
	registeredAt: z.iso.datetime({ offset: true }).nullable()
});

export const changesResponse = z.object({
	/** Opaque; send it back as `since` to get only what changed after it. */
	cursor: z.string(),
	identity,
	provider,
	filings: z.array(filing),
	orders: z.array(order),
	contracts: z.array(contractState),
	stampingEvents: z.array(stampingEvent)
});

export type ChangesResponse = z.infer<typeof changesResponse>;
export type ContractState = z.infer<typeof contractState>;

/** Error body of every 4xx: a stable code and, for 400, the field errors by dotted path. */
export const apiError = z.object({
	error: z.string(),
	message: z.string().optional(),
	fields: z.record(z.string(), z.array(z.string())).optional()
});
export type ApiError = z.infer<typeof apiError>;
