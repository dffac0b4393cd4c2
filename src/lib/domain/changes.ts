// The pull protocol: what GET /api/v1/changes returns.
import { z } from 'zod';
import { contractRecord, contractStatus } from './contract';
import { filing } from './filing';
import { identity } from './identity';
import { order } from './order';
import { provider } from './provider';
import { courierShipment, stampingEvent } from './stampingEvent';
import { chinaPhone } from './phone';
import { text } from './text';

export const contractState = z.object({
	id: z.uuid(),
	status: contractStatus,
	registeredAt: z.iso.datetime({ offset: true }).nullable()
});

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A registered contract as the server holds it (the fields beyond the state are absent from older servers): the canonical record, its fingerprints and the PDF's size
 * (null when the server has no bytes and the device must re-render). A device that lacks the contract
 * restores it from this; one that has it takes only status and registration time.
 */
export const restoredContract = contractState.extend({
	record: contractRecord.optional(),
	contentHash: sha256.optional(),
	pdfSha256: sha256.optional(),
	pdfSize: z.number().int().nonnegative().nullable().optional(),
	/** The provider's sealed copy (the registered bytes with its electronic seal appended), once the server made it. */
	sealed: z
		.object({ sha256, size: z.number().int().positive(), sealedAt: z.iso.datetime({ offset: true }) })
		.nullable()
		.optional()
});

/**
 * A submitted stamping request. The address was checked against the division data when it was
 * submitted; the pull checks its shape only, so the division tree stays out of the sync code's bundle.
 */
export const restoredStamping = z.object({
	contractId: z.uuid(),
	submission: z.object({
		returnAddress: z.object({
			recipient: text(30),
			phone: chinaPhone,
			province: text(20),
			city: text(30),
			district: text(30),
			address: text(120),
			postalCode: z.string().regex(/^\d{6}$/)
		}),
		outbound: courierShipment.optional()
	}),
	submittedAt: z.iso.datetime({ offset: true })
});

const scheduleDays = z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string() }));

/**
 * A year's official holiday schedule as the provider published it (checked in full when published: the device
 * only reads it). `revision` grows with every publication; a device asks for the years above the one it holds.
 */
export const publishedSchedule = z.object({
	year: z.number().int(),
	holidays: scheduleDays,
	workdays: scheduleDays,
	publishedAt: z.iso.datetime({ offset: true }),
	revision: z.number().int().nonnegative()
});

export const changesResponse = z.object({
	/**
	 * Opaque; send it back as `since` to get only what changed after it. Only valid once `next` is null:
	 * while pages remain it is where the following pull starts after the last page.
	 */
	cursor: z.string(),
	/** The next page of this pull (send it as `page` with the same `since`), or null when this was the last. */
	next: z.string().nullable().default(null),
	/** How many contracts this whole pull carries (all pages), for the device's progress line. */
	totalContracts: z.number().int().nonnegative().optional(),
	identity,
	provider,
	filings: z.array(filing),
	orders: z.array(order),
	contracts: z.array(restoredContract),
	stampingRequests: z.array(restoredStamping).default([]),
	stampingEvents: z.array(stampingEvent),
	/** On a pull's first page: the holiday schedules published after the revision the device sent (`calendarSince`). */
	holidayYears: z.array(publishedSchedule).default([])
});

export type ChangesResponse = z.infer<typeof changesResponse>;
export type ContractState = z.infer<typeof contractState>;
export type RestoredContract = z.infer<typeof restoredContract>;
export type RestoredStamping = z.infer<typeof restoredStamping>;
export type PublishedSchedule = z.infer<typeof publishedSchedule>;
