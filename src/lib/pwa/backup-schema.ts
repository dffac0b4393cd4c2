// The backup file format (version 1): every record of the account on the device plus its PDFs, reusing the domain schemas.
import { z } from 'zod';
import { canonicalJson } from '../domain/canonical';
import { contractRecord, contractStatus } from '../domain/contract';
import { filing } from '../domain/filing';
import { identity } from '../domain/identity';
import { order } from '../domain/order';
import { outboxEntry } from '../domain/outbox';
import { provider } from '../domain/provider';
import { stampingEvent, stampingSubmission } from '../domain/stamping';
import { stampingReceipt } from '../domain/stampingReceipt';
import { uuid } from '../domain/text';

export const BACKUP_FORMAT = 'contract-desk-backup';
export const BACKUP_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'sha256' });
const isoDateTime = z.iso.datetime({ offset: true });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' });

export const contractRowSchema = z.intersection(
	contractRecord,
	z.object({
		// 'void': refused and replaced on the device (replacedBy names the replacement, refusal keeps the reason).
		status: z.union([contractStatus, z.literal('void')]),
		replacedBy: z.uuid().optional(),
		refusal: z
			.object({ code: z.string().max(100), detail: z.string().max(10_000), status: z.number().int().optional() })
			.optional(),
		contentHash: sha256,
		pdfSha256: sha256,
		registeredAt: isoDateTime.nullable(),
		searchKeys: z.array(z.string())
	})
);

export const providerRowSchema = provider.extend({ key: z.literal('provider') });
export const orderRowSchema = order.extend({ month: z.string().regex(/^\d{4}-\d{2}$/) });

/** A submitted return address is complete and frozen; a draft may still be half filled. */
export const stampingRequestRowSchema = z.discriminatedUnion('status', [
	z.object({
		contractId: z.uuid(),
		status: z.literal('submitted'),
		submission: stampingSubmission,
		submittedAt: isoDateTime
	}),
	z.object({ contractId: z.uuid(), status: z.literal('draft'), submission: z.unknown(), submittedAt: z.null() })
]);

export const draftRowSchema = z.object({
	key: z.string().min(1).max(200),
	value: z.unknown(),
	updatedAt: z.number().int().nonnegative()
});

export const documentEntrySchema = z.object({
	contractId: z.uuid(),
	sha256,
	size: z.number().int().nonnegative(),
	type: z.string().max(100),
	base64
});

/**
 * Outbox rows with the payload each kind's sender sends (lib/db writes them, lib/sync/push sends them): a file
 * cannot queue a request the app would never have made. Its resource is always the contract it writes.
 */
export const outboxRowSchema = z.discriminatedUnion('kind', [
	outboxEntry.extend({
		kind: z.literal('registerContract'),
		resourceId: uuid,
		payload: z.strictObject({ contractId: uuid })
	}),
	outboxEntry.extend({ kind: z.literal('submitStamping'), resourceId: uuid, payload: stampingSubmission }),
	outboxEntry.extend({ kind: z.literal('confirmReceipt'), resourceId: uuid, payload: stampingReceipt })
]);

export const backupRecordsSchema = z.object({
	identity: z.array(identity).max(1),
	provider: z.array(providerRowSchema).max(1),
	filings: z.array(filing),
	orders: z.array(orderRowSchema),
	contracts: z.array(contractRowSchema),
	stampingRequests: z.array(stampingRequestRowSchema),
	stampingEvents: z.array(stampingEvent),
	outbox: z.array(outboxRowSchema),
	drafts: z.array(draftRowSchema)
});

export const backupFileSchema = z
	.object({
		format: z.literal(BACKUP_FORMAT),
		version: z.literal(BACKUP_VERSION),
		exportedAt: isoDateTime,
		accountId: z.string().min(1),
		appVersion: z.string().max(100).optional(),
		records: backupRecordsSchema,
		documents: z.array(documentEntrySchema)
	})
	.refine((f) => f.records.identity.every((i) => i.accountId === f.accountId), {
		message: 'accountMismatch',
		path: ['records', 'identity']
	})
	.superRefine((f, ctx) => {
		// What a queued request sends must be what the file itself holds: the contract it registers, the return
		// address the user submitted (as the app writes both in one transaction). Anything else was not typed here.
		const contracts = new Set(f.records.contracts.map((c) => c.id));
		const submitted = new Map(
			f.records.stampingRequests
				.filter((s) => s.status === 'submitted')
				.map((s) => [s.contractId, canonicalJson(s.submission)])
		);
		// Only that it was confirmed: the server may record another time than the device's (receiptTime), and its
		// event replaces the device's with the pull while the sent row is still kept.
		const confirmed = new Set(f.records.stampingEvents.filter((e) => e.kind === 'confirmed').map((e) => e.contractId));
		f.records.outbox.forEach((row, i) => {
			const path = ['records', 'outbox', i];
			if (row.kind === 'registerContract' && row.payload.contractId !== row.resourceId) {
				ctx.addIssue({ code: 'custom', message: 'resourceMismatch', path: [...path, 'payload', 'contractId'] });
			} else if (!contracts.has(row.resourceId)) {
				ctx.addIssue({ code: 'custom', message: 'unknownContract', path: [...path, 'resourceId'] });
			} else if (row.kind === 'submitStamping' && submitted.get(row.resourceId) !== canonicalJson(row.payload)) {
				ctx.addIssue({ code: 'custom', message: 'notSubmitted', path: [...path, 'payload'] });
			} else if (row.kind === 'confirmReceipt' && !confirmed.has(row.resourceId)) {
				ctx.addIssue({ code: 'custom', message: 'notConfirmed', path: [...path, 'payload'] });
			}
		});
	});

export type BackupFile = z.infer<typeof backupFileSchema>;
export type BackupRecords = z.infer<typeof backupRecordsSchema>;
export type BackupTable = keyof BackupRecords | 'documents';
export const BACKUP_TABLES = [
	...(Object.keys(backupRecordsSchema.shape) as (keyof BackupRecords)[]),
	'documents'
] as const satisfies readonly BackupTable[];
