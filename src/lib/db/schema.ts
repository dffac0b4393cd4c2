// Dexie table layouts, one entry per version; a new version appends, never edits an old one.

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

export const VERSIONS: { version: number; stores: Record<string, string> }[] = [
	{ version: 1, stores: V1 },
	{ version: 2, stores: V2 }
];
export const LATEST_VERSION = VERSIONS[VERSIONS.length - 1]!.version;
