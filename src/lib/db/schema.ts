// Dexie table layouts, one entry per version; a new version appends, never edits an old one.
import { legacyOutboxError } from '../domain/outbox-error';
import { searchPartsOf } from '../domain/search';

/** Version 1: the foundation. Kept verbatim so the migration harness can open it. */
export const V1 = {
	meta: '&key',
	identity: '&accountId',
	provider: '&key',
	filings: '&id, filingNumber, filedOn',
	orders: '&id, paidAt, month, product, [month+paidAt]',
	contracts: '&id, createdAt, number, kind, status, [kind+createdAt], [status+createdAt], *searchKeys',
	documents: '&contractId',
	stampingRequests: '&contractId, status',
	stampingEvents: '&id, contractId, at',
	outbox: '&id, status, nextAttemptAt, resourceId, createdAt'
} as const;

/** Version 2: form drafts survive reloads and updates; outbox rows of one resource in order. */
export const V2 = {
	...V1,
	outbox: '&id, status, nextAttemptAt, resourceId, createdAt, [resourceId+createdAt]',
	drafts: '&key'
} as const;

/** Version 3: outbox rows' `lastError` is `{ code, detail, status? }` instead of a "code: detail" string (same indexes). */
export const V3 = V2;

/**
 * Version 4: documents of restored contracts waiting to be downloaded (or refused), by state. Lists only
 * what it adds: Dexie keeps every table a version does not mention, so versions of parallel work merge.
 */
export const V4 = {
	documentDownloads: '&contractId, state'
} as const;

/**
 * Version 5: search by any part of a number (what people read off paper: `51BFE982`, a six-character tail).
 * `searchParts` holds the suffixes of every normalised search key (searchParts.ts fills it on every write).
 */
export const V5 = {
	contracts: `${V1.contracts}, *searchParts`
} as const;

/** Version 6: the provider's published holiday schedules, one row per year (the due date of a paper copy counts on them). */
export const V6 = {
	holidayYears: '&year, revision'
} as const;

/**
 * Version 7: order search by any part of the id (`searchParts`, the id's suffixes, filled on every write by
 * searchParts.ts), as contracts have since v5; the upgrade indexes the orders already on the device.
 */
export const V7 = {
	orders: `${V1.orders}, *searchParts`
} as const;

/**
 * Version 8: the provider's sealed copy of a registered contract (issue 24), one row per contract: the pull writes
 * what the server has (hash, size, time), the background download adds the bytes.
 */
export const V8 = {
	sealedCopies: '&contractId'
} as const;

/** What an upgrade may touch: Dexie's upgrade transaction, reduced to the tables by name. */
export type UpgradeTx = {
	table(name: string): { toCollection(): { modify(fn: (row: Record<string, unknown>) => void): Promise<number> } };
};

export type SchemaVersion = {
	version: number;
	stores: Record<string, string>;
	upgrade?: (tx: UpgradeTx) => Promise<unknown>;
};

export const VERSIONS: SchemaVersion[] = [
	{ version: 1, stores: V1 },
	{ version: 2, stores: V2 },
	{ version: 3, stores: V3, upgrade: upgradeOutboxErrors },
	{ version: 4, stores: V4 },
	{ version: 5, stores: V5, upgrade: indexSearchParts },
	{ version: 6, stores: V6 },
	{ version: 7, stores: V7, upgrade: indexOrderSearchParts },
	{ version: 8, stores: V8 }
];
export const LATEST_VERSION = VERSIONS[VERSIONS.length - 1]!.version;

/** v2 → v3: "code: detail" strings become structured errors. */
function upgradeOutboxErrors(tx: UpgradeTx): Promise<number> {
	return tx
		.table('outbox')
		.toCollection()
		.modify((row) => {
			if (typeof row.lastError === 'string') row.lastError = legacyOutboxError(row.lastError);
		});
}

/** v4 → v5: the suffix index of the contracts already on the device, from their search keys. */
function indexSearchParts(tx: UpgradeTx): Promise<number> {
	return tx
		.table('contracts')
		.toCollection()
		.modify((row) => {
			row.searchParts = searchPartsOf(Array.isArray(row.searchKeys) ? (row.searchKeys as string[]) : []);
		});
}

/** v6 → v7: the suffix index of the orders already on the device, from their ids. */
function indexOrderSearchParts(tx: UpgradeTx): Promise<number> {
	return tx
		.table('orders')
		.toCollection()
		.modify((row) => {
			row.searchParts = searchPartsOf([String(row.id)]);
		});
}
