// GET /api/v1/verify/:number — public, no session: is this contract registered, and does the fingerprint match? Throttled per client address.
import { Hono, type Context } from 'hono';
import type { ContractRecord } from '../src/lib/domain/contract';
import { answerFor, publicVerifyQuery, type RegisteredCopy } from '../src/lib/domain/verification';
import { apiError, fieldErrors, invalid } from './http';
import { SlidingWindowLimiter } from './sliding-window';
import { contentHash, SqliteStore, type Store } from './store';
import { PgStore } from './store/pg/index';

/** The registered contracts carrying a number (several accounts' devices may, rarely, have made the same one). */
export type ContractsByNumber = (number: string) => Promise<RegisteredCopy[]>;

/** Like sign-in: a person checking papers by hand never comes near it; enumerating numbers is slowed to a crawl. */
export const PUBLIC_VERIFY_LIMIT = { limit: 20, windowMs: 60_000 } as const;

function copyOf(
	record: ContractRecord,
	contentHash: string,
	pdfSha256: string,
	registeredAt: string | null
): RegisteredCopy {
	return {
		kind: record.kind,
		contentHash,
		pdfSha256,
		registeredAt,
		partyA: record.partyA.name,
		partyB: record.partyB.name
	};
}

/**
 * The lookup for a store. The Store interface has no lookup by number yet, so the SQLite store is asked directly
 * (a seek on its unique contracts.number index), the PostgreSQL store by its own method; any other store is scanned
 * through its admin listing.
 */
export function contractsByNumber(store: Store): ContractsByNumber {
	if (store instanceof SqliteStore) {
		const query = store.db.prepare(
			`SELECT record, content_hash, pdf_sha256, registered_at FROM contracts
			 WHERE number = ? ORDER BY registered_at, id`
		);
		return async (number) =>
			(
				query.all(number) as {
					record: string;
					content_hash: string;
					pdf_sha256: string;
					registered_at: string | null;
				}[]
			).map((row) =>
				copyOf(JSON.parse(row.record) as ContractRecord, row.content_hash, row.pdf_sha256, row.registered_at)
			);
	}
	if (store instanceof PgStore) {
		return async (number) =>
			(await store.contractsByNumber(number)).map((row) =>
				copyOf(row.record, row.contentHash, row.pdfSha256, row.registeredAt)
			);
	}
	return async (number) => {
		const rows = (await store.listContractsForAdmin()).filter((row) => row.number === number);
		const copies: RegisteredCopy[] = [];
		for (const row of rows) {
			const stored = await store.getContract(row.id);
			if (stored) copies.push(copyOf(stored.record, contentHash(stored.record), stored.pdfSha256, stored.registeredAt));
		}
		return copies;
	};
}

export interface PublicVerifyDeps {
	lookup: ContractsByNumber;
	limiter?: SlidingWindowLimiter;
	/** The throttling key of the caller (the app passes the proxy-aware address, as sign-in uses). */
	clientAddress: (c: Context) => string;
	now?: () => number;
}

export function publicVerifyRoutes(deps: PublicVerifyDeps): Hono {
	const limiter = deps.limiter ?? new SlidingWindowLimiter({ ...PUBLIC_VERIFY_LIMIT, now: deps.now });
	const app = new Hono();
	app.get('/:number', async (c) => {
		const admission = limiter.hit(deps.clientAddress(c));
		if (!admission.allowed) {
			c.header('Retry-After', String(Math.max(1, Math.ceil(admission.retryAfterMs / 1000))));
			return apiError(c, 429, 'tooManyRequests', { message: 'Too many verification requests; retry later' });
		}
		const parsed = publicVerifyQuery.safeParse({
			number: c.req.param('number'),
			fingerprint: c.req.query('fingerprint'),
			pdfSha256: c.req.query('pdfSha256')
		});
		if (!parsed.success) return invalid(c, fieldErrors(parsed.error));
		return c.json(answerFor(parsed.data, await deps.lookup(parsed.data.number)));
	});
	return app;
}
