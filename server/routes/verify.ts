// GET /api/v1/verify/:number — public, no session: is this contract registered, and does the fingerprint or file match? Throttled per client address.
import { Hono, type Context } from 'hono';
import {
	answerFor,
	hasRegisteredCopyVersion,
	publicVerifyQuery,
	type RegisteredCopy
} from '../../src/lib/domain/verification';
import { apiError, fieldErrors, invalid } from '../http/http';
import { SlidingWindowLimiter, type RateLimiter } from '../auth/sliding-window';
import type { RegisteredCopyHash } from '../render/registered-copy';
import type { NumberedContract } from '../store/index';

/** The registered contracts carrying a number (several accounts' devices may, rarely, have made the same one). */
export type ContractsByNumber = (number: string) => Promise<NumberedContract[]>;

/** Like sign-in: a person checking papers by hand never comes near it; enumerating numbers is slowed to a crawl. */
export const PUBLIC_VERIFY_LIMIT = { limit: 20, windowMs: 60_000 } as const;

function copyOf(row: NumberedContract): RegisteredCopy {
	return {
		kind: row.record.kind,
		contentHash: row.contentHash,
		pdfSha256: row.pdfSha256,
		registeredAt: row.registeredAt,
		partyA: row.record.partyA.name,
		partyB: row.record.partyB.name,
		registeredCopySha256: row.registeredCopySha256
	};
}

export interface PublicVerifyDeps {
	lookup: ContractsByNumber;
	/** Absent: files are checked against the original only (unit tests without a renderer). */
	registeredCopyHash?: RegisteredCopyHash;
	/** By default in memory (this process); with PostgreSQL one every process shares. */
	limiter?: RateLimiter;
	/** The throttling key of the caller (the app passes the proxy-aware address, as sign-in uses). */
	clientAddress: (c: Context) => string;
	now?: () => number;
	log?: (message: string, err?: unknown) => void;
}

/** Seconds a client waits before asking again when the registered copy could not be rendered. */
const RENDER_RETRY_SECONDS = 5;

export function publicVerifyRoutes(deps: PublicVerifyDeps): Hono {
	const limiter = deps.limiter ?? new SlidingWindowLimiter({ ...PUBLIC_VERIFY_LIMIT, now: deps.now });
	const app = new Hono();
	app.get('/:number', async (c) => {
		const admission = await limiter.hit(deps.clientAddress(c));
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
		const query = parsed.data;
		const rows = await deps.lookup(query.number);
		// Only a file that is not any registered original can be a registered copy: render only then, and only
		// for contracts of a version that has one.
		const hash = deps.registeredCopyHash;
		const registered = rows.filter((r): r is NumberedContract & { registeredAt: string } => r.registeredAt !== null);
		if (hash && query.pdfSha256 !== undefined && !registered.some((r) => r.pdfSha256 === query.pdfSha256)) {
			try {
				for (const row of registered) {
					if (hasRegisteredCopyVersion(row.record.templateVersion)) row.registeredCopySha256 = await hash(row);
				}
			} catch (err) {
				// The renderer failing says nothing about the file: "differs" would be a false alarm.
				deps.log?.('[verify] registered copy render failed', err);
				c.header('Retry-After', String(RENDER_RETRY_SECONDS));
				return apiError(c, 503, 'renderUnavailable', { message: 'Cannot check this file right now; retry later' });
			}
		}
		return c.json(answerFor(query, rows.map(copyOf)));
	});
	return app;
}
