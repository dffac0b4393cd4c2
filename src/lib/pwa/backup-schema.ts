// The backup file format (version 1): every record of the account on the device plus its PDFs, reusing the domain schemas.
import { z } from 'zod';
import { contractRecord, contractStatus } from '../domain/contract';
import { filing } from '../domain/filing';
import { identity } from '../domain/identity';
import { order } from '../domain/order';
import { outboxEntry } from '../domain/outbox';
import { provider } from '../domain/provider';
import { stampingEvent, stampingSubmission } from '../domain/stamping';

export const BACKUP_FORMAT = 'contract-desk-backup';
export const BACKUP_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'sha256' });
const isoDateTime = z.iso.datetime({ offset: true });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' });

/** Fields the provider may change after generation or that the device derives; not part of the frozen content. */
export const CONTRACT_MUTABLE_FIELDS = ['status', 'registeredAt', 'searchKeys'] as const;

export const contractRowSchema = z.intersection(
	contractRecord,
	z.object({
		status: contractStatus,
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
	z.object({ contractId: z.uuid(), status: z.literal('submitted'), submission: stampingSubmission, submittedAt: isoDateTime }),
	z.object({ contractId: z.uuid(), status: z.literal('draft'), submission: z.unknown(), submittedAt: z.null() })
]);

export const draftRowSchema = z.object({ key: z.string().min(1).max(200), value: z.unknown(), updatedAt: z.number().int().nonnegative() });

export const documentEntrySchema = z.object({
	contractId: z.uuid(),
	sha256,
	size: z.number().int().nonnegative(),
	type: z.string().max(100),
	base64
});

export const backupRecordsSchema = z.object({
	identity: z.array(identity).max(1),
	provider: z.array(providerRowSchema).max(1),
	filings: z.array(filing),
	orders: z.array(orderRowSchema),
	contracts: z.array(contractRowSchema),
	stampingRequests: z.array(stampingRequestRowSchema),
	stampingEvents: z.array(stampingEvent),
	outbox: z.array(outboxEntry),
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
	.refine((f) => f.records.identity.every((i) => i.accountId === f.accountId), { message: 'accountMismatch', path: ['records', 'identity'] });

export type BackupFile = z.infer<typeof backupFileSchema>;
export type BackupRecords = z.infer<typeof backupRecordsSchema>;
export type BackupTable = keyof BackupRecords | 'documents';
export const BACKUP_TABLES = [...(Object.keys(backupRecordsSchema.shape) as (keyof BackupRecords)[]), 'documents'] as const satisfies readonly BackupTable[];
