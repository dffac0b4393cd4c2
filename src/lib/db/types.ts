// Row types of the device database.
import type { ContractRecord, ContractStatus } from '../domain/contract';
import type { PublishedSchedule } from '../domain/changes';
import type { Filing } from '../domain/filing';
import type { Identity } from '../domain/identity';
import type { Order } from '../domain/order';
import type { Provider } from '../domain/provider';
import type { StampingEvent, StampingSubmission } from '../domain/stamping';
import type { OutboxEntry } from '../domain/outbox';
import type { OutboxError } from '../domain/outbox-error';

export type MetaRow = { key: string; value: unknown };
export type IdentityRow = Identity;
export type ProviderRow = Provider & { key: 'provider' };
export type FilingRow = Filing;
/** `month` (YYYY-MM in Asia/Shanghai) is derived on write so the list can filter by an index. */
/** `searchParts`: the id's suffixes for search (v7), set by the database on every write (searchParts.ts). */
export type OrderRow = Order & { month: string; searchParts?: string[] };
export type ContractRow = ContractRecord & {
	/** 'void': its registration was refused and a new contract replaced it (device-only, never registered). */
	status: ContractStatus | 'void';
	/** The contract that replaced this void one, and why the provider refused it. */
	replacedBy?: string;
	refusal?: OutboxError;
	/** SHA-256 of canonicalJson(record): printed on every page. */
	contentHash: string;
	/** SHA-256 of the PDF bytes. */
	pdfSha256: string;
	registeredAt: string | null;
	/** Lower-cased number, filing numbers and order ids: a multi-entry index for search. */
	searchKeys: string[];
	/** Suffixes of the normalised search keys (Dexie v5), written by the database itself: see searchParts.ts. */
	searchParts?: string[];
};
export type DocumentRow = { contractId: string; blob: Blob; sha256: string; size: number };
/** The provider's sealed copy of a contract: announced by the pull, `blob` once downloaded and checked. */
export type SealedCopyRow = { contractId: string; sha256: string; size: number; sealedAt: string; blob?: Blob };
/** Why a restored contract's document is not stored: the server has none, the bytes differ, the transfer broke. */
export type DownloadProblem = 'notFound' | 'mismatch' | 'incomplete';
/** A restored contract whose PDF is not on the device yet: queued for the background download, or refused. */
export type DocumentDownloadRow = {
	contractId: string;
	state: 'queued' | 'failed';
	/** Expected size in bytes, when the server told it. */
	size: number | null;
	problem?: DownloadProblem;
	attempts: number;
	updatedAt: number;
};
export type StampingRequestRow = {
	contractId: string;
	status: 'draft' | 'submitted';
	submission: StampingSubmission;
	submittedAt: string | null;
};
export type StampingEventRow = StampingEvent;
/** A year's official holiday schedule as the provider published it (the pull keeps the newest revision). */
export type HolidayYearRow = PublishedSchedule;
export type OutboxRow = OutboxEntry;
export type DraftRow = { key: string; value: unknown; updatedAt: number };
