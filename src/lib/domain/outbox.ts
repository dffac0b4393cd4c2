// Outbox rows: submissions queued on the device until the provider has accepted them.
import { z } from 'zod';
import { legacyOutboxError, type OutboxError } from './outbox-error';
import { token } from './text';

/** A contract's registration, its stamping request, and the customer's 确认收到 of the returned paper contract. */
export const outboxKind = z.enum(['registerContract', 'submitStamping', 'confirmReceipt']);
export const outboxStatus = z.enum(['pending', 'sending', 'done', 'rejected']);

/** Why the last attempt of a row failed (see ./outbox-error.ts). */
export const outboxError = z.object({
	code: z.string().min(1),
	detail: z.string(),
	status: z.number().int().optional()
}) satisfies z.ZodType<OutboxError>;

export const outboxEntry = z.object({
	/** Client-made UUID; also the request's Idempotency-Key. */
	id: z.uuid(),
	kind: outboxKind,
	/** The resource the request writes (a contract id); rows of one resource are sent in order. */
	resourceId: token(200),
	payload: z.unknown(),
	status: outboxStatus,
	attempts: z.number().int().nonnegative(),
	/** Epoch milliseconds. */
	nextAttemptAt: z.number().int().nonnegative(),
	createdAt: z.number().int().nonnegative(),
	updatedAt: z.number().int().nonnegative(),
	lastError: z.union([outboxError, z.string().transform(legacyOutboxError)]).optional(),
	/** Epoch ms before which the server asked us (Retry-After) not to send this row again; a recovery respects it. */
	notBefore: z.number().int().nonnegative().optional(),
	/** For 409: the version the server holds, shown beside the local one. */
	conflict: z.unknown().optional()
});

export type OutboxEntry = z.infer<typeof outboxEntry>;
export type OutboxKind = z.infer<typeof outboxKind>;
export type OutboxStatus = z.infer<typeof outboxStatus>;

/** A fresh pending row; its id is the Idempotency-Key of every attempt. */
export function newOutboxEntry(kind: OutboxKind, resourceId: string, payload: unknown, now = Date.now()): OutboxEntry {
	return {
		id: globalThis.crypto.randomUUID(),
		kind,
		resourceId,
		payload,
		status: 'pending',
		attempts: 0,
		nextAttemptAt: now,
		createdAt: now,
		updatedAt: now
	};
}
