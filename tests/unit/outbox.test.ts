// Unit tests of the outbox: backoff bounds, per-resource order, outcome per HTTP status, lease takeover, fencing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/db/database';
import { backoffDelay, retryDelay, MAX_RETRY_AFTER_MS } from '../../src/lib/sync/backoff';
import { apiFetch, GZIP_MIN_BYTES } from '../../src/lib/sync/api';
import { flushOutbox } from '../../src/lib/sync/flush';
import { claimRow, LEASE_MS, markDone, markRetry, requeueRejected, makeAllDue } from '../../src/lib/sync/outbox';
import { json, queueContract, queueStamping, resetDevice } from '../support/unit/helpers';

beforeEach(() => resetDevice());
afterEach(() => getDb().close());

type Call = {
	url: string;
	method: string;
	key: string | null;
	auth: string | null;
	encoding: string | null;
	body: Record<string, unknown>;
};

/** The JSON a request carried, gunzipped when it says it was gzipped. */
async function bodyOf(init: RequestInit | undefined, encoding: string | null): Promise<Record<string, unknown>> {
	if (!init?.body) return {};
	if (encoding !== 'gzip') return JSON.parse(String(init.body)) as Record<string, unknown>;
	const stream = new Blob([init.body as ArrayBuffer]).stream().pipeThrough(new DecompressionStream('gzip'));
	return JSON.parse(await new Response(stream).text()) as Record<string, unknown>;
}

/** A fetch that records every request and answers from `answer`. */
function mockFetch(answer: (call: Call, n: number) => Response | Promise<Response>) {
	const calls: Call[] = [];
	const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const headers = new Headers(init?.headers);
		const encoding = headers.get('content-encoding');
		const call: Call = {
			url: String(input),
			method: init?.method ?? 'GET',
			key: headers.get('idempotency-key'),
			auth: headers.get('authorization'),
			encoding,
			body: await bodyOf(init, encoding)
		};
		calls.push(call);
		return answer(call, calls.length);
	}) as typeof fetch;
	return { calls, fetchImpl };
}

const registered = (id: string) =>
	json(201, { contract: { id, status: 'effective', registeredAt: '2026-11-26T02:00:00.000Z' } });

describe('backoff', () => {
	it('stays within [0, min(cap, base·2^(n-1))) with full jitter', () => {
		const opts = { baseMs: 1000, capMs: 300_000 };
		for (let attempt = 1; attempt <= 40; attempt++) {
			const ceiling = Math.min(opts.capMs, 1000 * 2 ** (attempt - 1));
			expect(backoffDelay(attempt, opts, () => 0)).toBe(0);
			expect(backoffDelay(attempt, opts, () => 0.999999)).toBeLessThan(ceiling);
			expect(backoffDelay(attempt, opts, () => 0.999999)).toBeGreaterThanOrEqual(ceiling * 0.99);
			for (let i = 0; i < 50; i++) {
				const d = backoffDelay(attempt, opts);
				expect(d).toBeGreaterThanOrEqual(0);
				expect(d).toBeLessThan(ceiling);
			}
		}
		expect(backoffDelay(1000, opts, () => 0.5)).toBe(150_000);
	});

	it('honours Retry-After, capped', () => {
		expect(retryDelay(3, 7_000)).toBe(7_000);
		expect(retryDelay(3, 10 * MAX_RETRY_AFTER_MS)).toBe(MAX_RETRY_AFTER_MS);
		expect(retryDelay(1, undefined, { baseMs: 100, capMs: 1000 }, () => 0.5)).toBe(50);
	});
});

describe('request building', () => {
	it('a body of 1 KiB or more is gzipped with Content-Encoding: gzip, a shorter one is sent as it is', async () => {
		const { calls, fetchImpl } = mockFetch(() => json(200, {}));
		const long = { record: { note: '合同'.repeat(2000) }, pdfSha256: 'a'.repeat(64) };
		await apiFetch('/contracts/x', { method: 'PUT', body: long, gzip: true, fetchImpl, baseUrl: 'http://x' });
		await apiFetch('/contracts/y', { method: 'PUT', body: { a: 1 }, gzip: true, fetchImpl, baseUrl: 'http://x' });
		await apiFetch('/contracts/z', { method: 'PUT', body: long, fetchImpl, baseUrl: 'http://x' });
		expect(calls.map((c) => c.encoding)).toEqual(['gzip', null, null]);
		expect(calls[0]!.body).toEqual(long);
		expect(calls[1]!.body).toEqual({ a: 1 });
		expect(GZIP_MIN_BYTES).toBe(1024);
	});

	it('sends the canonical record and the PDF fingerprint, never its bytes, gzipped, with the row id as Idempotency-Key', async () => {
		const contract = await queueContract();
		const { calls, fetchImpl } = mockFetch(() => registered(contract.id));
		const r = await flushOutbox({ fetchImpl, baseUrl: 'http://x/api/v1', useLocks: false });
		expect(r).toMatchObject({ state: 'ran', sent: 1, done: 1 });
		const [call] = calls;
		const row = (await getDb().outbox.toArray())[0]!;
		expect(call).toMatchObject({
			url: `http://x/api/v1/contracts/${contract.id}`,
			method: 'PUT',
			key: row.id,
			auth: 'Bearer tok'
		});
		const record = call!.body.record as Record<string, unknown>;
		for (const local of ['status', 'contentHash', 'pdfSha256', 'registeredAt', 'searchKeys', 'searchParts'])
			expect(record).not.toHaveProperty(local);
		expect(record).toMatchObject({ id: contract.id, number: contract.number, kind: 'framework' });
		expect(call!.body.pdfSha256).toBe(contract.pdfSha256);
		// The server renders the record and keeps its own bytes: the document never travels.
		expect(Object.keys(call!.body).sort()).toEqual(['pdfSha256', 'record']);
		// A record this short goes as it is; long ones are gzipped (below).
		expect(call!.encoding).toBe(null);
		expect(row.status).toBe('done');
		expect(await getDb().contracts.get(contract.id)).toMatchObject({
			status: 'effective',
			registeredAt: '2026-11-26T02:00:00.000Z'
		});
	});
});

describe('outcome per HTTP status', () => {
	const cases: [
		string,
		() => Response,
		{ status: string; attempts: number; error?: Record<string, unknown>; conflict?: boolean }
	][] = [
		[
			'503',
			() => json(503, { error: 'unavailable' }),
			{ status: 'pending', attempts: 1, error: { code: 'serverError', status: 503, detail: 'unavailable' } }
		],
		[
			'500',
			() => json(500, { error: 'internal' }),
			{ status: 'pending', attempts: 1, error: { code: 'serverError', status: 500, detail: 'internal' } }
		],
		[
			'429',
			() => json(429, { error: 'slowDown' }, { 'retry-after': '30' }),
			{ status: 'pending', attempts: 1, error: { code: 'rateLimited', status: 429 } }
		],
		[
			'409 in progress',
			() => json(409, { error: 'requestInProgress' }, { 'retry-after': '1' }),
			{ status: 'pending', attempts: 1, error: { code: 'inProgress', status: 409 } }
		],
		[
			'409 conflict',
			() => json(409, { error: 'conflict', message: 'different', stored: { id: 'x', number: 'HT-1' } }),
			{ status: 'rejected', attempts: 1, error: { code: 'conflict', detail: 'different', status: 409 }, conflict: true }
		],
		[
			'409 order already attached',
			() =>
				json(409, {
					error: 'orderAlreadyAttached',
					message: 'in HT-1',
					fields: { 'record.orders.0.id': ['orderAlreadyAttached'] }
				}),
			{
				status: 'rejected',
				attempts: 1,
				error: {
					code: 'orderAlreadyAttached',
					detail: 'in HT-1 — record.orders.0.id orderAlreadyAttached',
					status: 409
				}
			}
		],
		[
			'422',
			() =>
				json(422, {
					error: 'partyAMismatch',
					message: 'Party A',
					fields: { 'record.partyA.name': ['partyAMismatch'] }
				}),
			{
				status: 'rejected',
				attempts: 1,
				error: { code: 'partyAMismatch', detail: 'Party A — record.partyA.name partyAMismatch', status: 422 }
			}
		],
		[
			'400',
			() => json(400, { error: 'invalid', fields: { 'record.contact.email': ['email'] } }),
			{ status: 'rejected', attempts: 1, error: { code: 'invalid', detail: 'record.contact.email email', status: 400 } }
		],
		[
			'403',
			() => json(403, { error: 'unverified' }),
			{ status: 'rejected', attempts: 1, error: { code: 'unverified', status: 403 } }
		],
		[
			'404',
			() => json(404, { error: 'notFound' }),
			{ status: 'rejected', attempts: 1, error: { code: 'notFound', status: 404 } }
		],
		['401', () => json(401, { error: 'unauthorized' }), { status: 'pending', attempts: 0 }]
	];
	it.each(cases)('%s', async (_name, answer, expected) => {
		await queueContract();
		const now = Date.now() + 1_000;
		const { fetchImpl } = mockFetch(answer);
		const r = await flushOutbox({ fetchImpl, useLocks: false, now: () => now, random: () => 0.5 });
		const row = (await getDb().outbox.toArray())[0]!;
		expect(row.status).toBe(expected.status);
		expect(row.attempts).toBe(expected.attempts);
		if (expected.error) expect(row.lastError).toMatchObject(expected.error);
		if (expected.conflict) expect(row.conflict).toEqual({ id: 'x', number: 'HT-1' });
		if (_name === '429') expect(row).toMatchObject({ nextAttemptAt: now + 30_000, notBefore: now + 30_000 });
		if (_name === '503') expect(row.nextAttemptAt).toBe(now + 500); // 0.5 · base 1 s
		if (_name === '401') {
			expect(r.state).toBe('sessionExpired');
			expect(row.lastError).toBeUndefined();
		}
	});

	it('network errors retry with backoff and keep the row', async () => {
		await queueContract();
		const fetchImpl = (async () => {
			throw new TypeError('fetch failed');
		}) as typeof fetch;
		const r = await flushOutbox({ fetchImpl, useLocks: false });
		expect(r).toMatchObject({ retried: 1, done: 0 });
		const row = (await getDb().outbox.toArray())[0]!;
		expect(row).toMatchObject({ status: 'pending', attempts: 1 });
		expect(row.lastError).toEqual({ code: 'network', detail: 'fetch failed' });
		expect(r.nextWakeAt).toBe(row.nextAttemptAt);
	});

	it('after a 401 the queue waits untouched until a new token, then goes out', async () => {
		await queueContract();
		await queueContract();
		let n401 = 0;
		const { calls, fetchImpl } = mockFetch((c) => {
			if (c.auth === 'Bearer tok') {
				n401++;
				return json(401, { error: 'unauthorized' });
			}
			return registered(c.url.split('/').pop()!);
		});
		expect((await flushOutbox({ fetchImpl, useLocks: false })).state).toBe('sessionExpired');
		expect((await flushOutbox({ fetchImpl, useLocks: false })).state).toBe('sessionExpired'); // no request with the dead token
		expect(n401).toBeLessThanOrEqual(2);
		const before = calls.length;
		expect((await getDb().outbox.toArray()).every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
		const { setMeta, META } = await import('../../src/lib/db/meta');
		await setMeta(META.session, { token: 'fresh', accountId: 'acct-1' });
		const r = await flushOutbox({ fetchImpl, useLocks: false });
		expect(r).toMatchObject({ state: 'ran', done: 2 });
		expect(calls.length - before).toBe(2);
	});

	it('a rejected row can be queued again with the same key, and "sync now" makes waiting rows due', async () => {
		await queueContract();
		let verified = false;
		const { calls, fetchImpl } = mockFetch((c) =>
			verified ? registered(c.url.split('/').pop()!) : json(403, { error: 'unverified' })
		);
		await flushOutbox({ fetchImpl, useLocks: false });
		const row = (await getDb().outbox.toArray())[0]!;
		expect(row.status).toBe('rejected');
		verified = true;
		expect(await requeueRejected(row.id)).toBe(true);
		await flushOutbox({ fetchImpl, useLocks: false });
		expect((await getDb().outbox.get(row.id))?.status).toBe('done');
		expect(new Set(calls.map((c) => c.key))).toEqual(new Set([row.id]));

		await queueContract();
		await getDb()
			.outbox.where('status')
			.equals('pending')
			.modify({ nextAttemptAt: Date.now() + 3_600_000 });
		expect((await flushOutbox({ fetchImpl, useLocks: false })).sent).toBe(0);
		expect(await makeAllDue()).toBe(1);
		expect((await flushOutbox({ fetchImpl, useLocks: false })).done).toBe(1);
	});
});

describe('order per resource', () => {
	it('a later row of a resource waits until the earlier one is done; other resources go ahead', async () => {
		const a = await queueContract();
		const b = await queueContract();
		const stampA = await queueStamping(a.id, '王珺', Date.now() + 5);
		const order: string[] = [];
		let failA = true;
		const { fetchImpl } = mockFetch((c) => {
			order.push(c.url.replace('http://h', ''));
			if (c.url.endsWith(`/contracts/${a.id}`) && failA) return json(503, {});
			return c.url.endsWith('/stamping') ? json(201, { stamping: {} }) : registered(c.url.split('/').pop()!);
		});
		const opts = { fetchImpl, baseUrl: 'http://h', useLocks: false, backoff: { baseMs: 1, capMs: 1 } } as const;
		await flushOutbox(opts);
		expect(order).toContain(`/contracts/${b.id}`);
		expect(order).not.toContain(`/contracts/${a.id}/stamping`);
		expect((await getDb().outbox.get(stampA.id))?.status).toBe('pending');
		failA = false;
		await new Promise((r) => setTimeout(r, 5));
		await flushOutbox(opts);
		expect(order.slice(-2)).toEqual([`/contracts/${a.id}`, `/contracts/${a.id}/stamping`]);
		expect((await getDb().outbox.toArray()).every((r) => r.status === 'done')).toBe(true);
	});

	it('a registration and its stamping request made in the same millisecond still go in that order', async () => {
		const a = await queueContract();
		const reg = (await getDb().outbox.toArray())[0]!;
		// Force the tie: same createdAt; ids are random, so only the kind rank can decide.
		await queueStamping(a.id, '王珺', reg.createdAt);
		const order: string[] = [];
		const { fetchImpl } = mockFetch((c) => {
			order.push(c.url.endsWith('/stamping') ? 'stamping' : 'register');
			return c.url.endsWith('/stamping') ? json(201, { stamping: {} }) : registered(a.id);
		});
		await flushOutbox({ fetchImpl, useLocks: false, concurrency: 4 });
		expect(order).toEqual(['register', 'stamping']);
	});

	it('a rejected earlier row keeps the later rows of its resource waiting (never sent out of order)', async () => {
		const a = await queueContract();
		await queueStamping(a.id, '王珺', Date.now() + 5);
		const { calls, fetchImpl } = mockFetch(() => json(422, { error: 'fingerprintMismatch' }));
		await flushOutbox({ fetchImpl, useLocks: false });
		expect(calls).toHaveLength(1);
		const rows = await getDb().outbox.orderBy('createdAt').toArray();
		expect(rows.map((r) => r.status)).toEqual(['rejected', 'pending']);
	});
});

describe('lease', () => {
	it('a row whose sender died in `sending` is taken over after the lease; the dead sender cannot overwrite it', async () => {
		const c = await queueContract();
		const t0 = Date.now();
		const id = (await getDb().outbox.toArray())[0]!.id;
		// Sender A claims and "dies" (never answers).
		const dead = await claimRow(id, t0);
		expect(dead).toMatchObject({ status: 'sending', attempts: 1, nextAttemptAt: t0 + LEASE_MS });
		// Within the lease nobody else may take it.
		expect(await claimRow(id, t0 + LEASE_MS - 1)).toBeUndefined();
		const { calls, fetchImpl } = mockFetch(() => registered(c.id));
		expect((await flushOutbox({ fetchImpl, useLocks: false, now: () => t0 + 1000 })).sent).toBe(0);
		// After it, a flusher takes the row over and finishes it.
		const r = await flushOutbox({ fetchImpl, useLocks: false, now: () => t0 + LEASE_MS + 1 });
		expect(r).toMatchObject({ sent: 1, done: 1 });
		expect(calls[0]!.key).toBe(id);
		expect(await getDb().outbox.get(id)).toMatchObject({ status: 'done', attempts: 2 });
		// The dead sender wakes up with a network error: fenced out, the row stays done.
		expect(await markRetry(dead!, t0 + LEASE_MS + 5, 1000, { code: 'network', detail: '' })).toBe(false);
		expect(await markDone(dead!, t0 + LEASE_MS + 5)).toBe(false);
		expect((await getDb().outbox.get(id))?.status).toBe('done');
	});

	it('a retry fenced out by a newer sender is not counted as waiting (the service worker would fail its sync event)', async () => {
		await queueContract();
		const t0 = Date.now();
		const id = (await getDb().outbox.toArray())[0]!.id;
		// While this flusher's request is in flight its lease runs out and another sender takes the row over;
		// then the first answer comes back as a 503.
		const { fetchImpl } = mockFetch(async () => {
			expect(await claimRow(id, t0 + LEASE_MS + 1)).toMatchObject({ attempts: 2 });
			return json(503, { error: 'unavailable' });
		});
		const r = await flushOutbox({ fetchImpl, useLocks: false, now: () => t0 });
		expect(r).toMatchObject({ state: 'ran', sent: 1, retried: 0, done: 0 });
		// The newer sender's claim stands: the late 503 wrote nothing.
		expect(await getDb().outbox.get(id)).toMatchObject({ status: 'sending', attempts: 2 });
	});

	it('two flushers racing on the Dexie claim send each row once', async () => {
		for (let i = 0; i < 30; i++) await queueContract();
		const { calls, fetchImpl } = mockFetch(async (c) => {
			await new Promise((r) => setTimeout(r, Math.random() * 5));
			return registered(c.url.split('/').pop()!);
		});
		const [r1, r2] = await Promise.all([
			flushOutbox({ fetchImpl, useLocks: false, concurrency: 4 }),
			flushOutbox({ fetchImpl, useLocks: false, concurrency: 4 })
		]);
		expect(r1.done + r2.done).toBe(30);
		expect(calls).toHaveLength(30);
		expect(new Set(calls.map((c) => c.key)).size).toBe(30);
	});

	it('holding the Web Lock, a row left in `sending` by a closed tab is taken over at once', async () => {
		const c = await queueContract();
		const id = (await getDb().outbox.toArray())[0]!.id;
		await claimRow(id, Date.now()); // the tab that claimed it was closed mid-request; its lock went with it
		const locks = { request: async (_n: string, _o: unknown, cb: (lock: unknown) => Promise<unknown>) => cb({}) };
		const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
		Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true });
		try {
			const { fetchImpl } = mockFetch(() => registered(c.id));
			expect(await flushOutbox({ fetchImpl })).toMatchObject({ state: 'ran', done: 1 });
		} finally {
			if (saved) Object.defineProperty(globalThis, 'navigator', saved);
			else delete (globalThis as { navigator?: unknown }).navigator;
		}
		expect(await getDb().outbox.get(id)).toMatchObject({ status: 'done', attempts: 2 });
	});

	it('with Web Locks, a second flusher finds the lock taken and stays out', async () => {
		await queueContract();
		let held: Promise<unknown> = Promise.resolve();
		let busy = false;
		const locks = {
			request: async (_name: string, _opts: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<unknown>) => {
				if (busy) return cb(null);
				busy = true;
				held = cb({});
				try {
					return await held;
				} finally {
					busy = false;
				}
			}
		};
		const nav = globalThis as { navigator?: unknown };
		const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
		Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true });
		try {
			const { calls, fetchImpl } = mockFetch(async (c) => {
				await new Promise((r) => setTimeout(r, 20));
				return registered(c.url.split('/').pop()!);
			});
			const [a, b] = await Promise.all([flushOutbox({ fetchImpl }), flushOutbox({ fetchImpl })]);
			expect([a.state, b.state].sort()).toEqual(['busy', 'ran']);
			expect(calls).toHaveLength(1);
		} finally {
			if (saved) Object.defineProperty(globalThis, 'navigator', saved);
			else delete nav.navigator;
		}
	});
});

describe('outbox page helpers', () => {
	it('turns structured errors into message keys and diffs a 409 version against the local one', async () => {
		const { describeError, errorLabel, errorReason } = await import('../../src/lib/features/outbox/errors');
		const { diffVersions } = await import('../../src/lib/features/outbox/diff');
		expect(describeError({ code: 'serverError', detail: 'busy', status: 503 })).toEqual({
			key: 'syncErr_serverError',
			params: { status: 503 },
			detail: 'busy'
		});
		expect(describeError({ code: 'conflict', detail: '' })).toEqual({
			key: 'syncErr_conflict',
			params: {},
			detail: ''
		});
		expect(describeError(undefined)).toBeNull();
		expect(errorLabel({ code: 'serverError', detail: 'busy', status: 503 })).toBe('服务商暂时故障（HTTP 503）（busy）');
		// A code this app version does not know shows as it was stored rather than as a bare key.
		expect(errorLabel({ code: 'newServerCode', detail: 'why' })).toBe('newServerCode: why');
		// The reason a person reads leaves the provider's (English, technical) words to 详情 when the code is known.
		expect(errorReason({ code: 'serverError', detail: 'busy', status: 503 })).toBe('服务商暂时故障（HTTP 503）');
		expect(errorReason({ code: 'newServerCode', detail: 'why' })).toBe('newServerCode: why');
		const local = { returnAddress: { recipient: '王珺', city: '深圳市' } };
		const server = { contractId: 'c', returnAddress: { recipient: '张喆', city: '深圳市' }, submittedAt: 'x' };
		expect(diffVersions(local, server)).toEqual({
			rows: [{ path: 'returnAddress.recipient', local: '王珺', server: '张喆' }],
			same: 1
		});
	});

	it('lists rows newest first with the contract number and whether a row waits for an earlier one', async () => {
		const { listOutbox } = await import('../../src/lib/features/outbox/view');
		const a = await queueContract();
		await queueStamping(a.id, '王珺', Date.now() + 10);
		const page = await listOutbox(0, 10);
		expect(page.total).toBe(2);
		expect(page.rows.map((r) => [r.kind, r.number, r.blockedBy])).toEqual([
			['submitStamping', a.number, { kind: 'registerContract', status: 'pending' }],
			['registerContract', a.number, null]
		]);
	});
});

describe('network back', () => {
	it('rows that failed transiently go at once when the network returns; a Retry-After is kept', async () => {
		await queueContract();
		await queueContract();
		const [a, b] = await getDb().outbox.toArray();
		const later = Date.now() + 600_000;
		await getDb().outbox.update(a!.id, {
			nextAttemptAt: later,
			lastError: { code: 'network', detail: 'fetch failed' },
			attempts: 4
		});
		await getDb().outbox.update(b!.id, {
			nextAttemptAt: later,
			lastError: { code: 'rateLimited', detail: '', status: 429 },
			notBefore: later,
			attempts: 1
		});
		const { calls, fetchImpl } = mockFetch((c) => registered(c.url.split('/').pop()!));
		expect((await flushOutbox({ fetchImpl, useLocks: false })).sent).toBe(0);
		const r = await flushOutbox({ fetchImpl, useLocks: false, networkBack: true });
		expect(r.done).toBe(1);
		expect(calls.map((c) => c.key)).toEqual([a!.id]);
		expect((await getDb().outbox.get(b!.id))?.nextAttemptAt).toBe(later);
	});
});

describe('structured errors (Dexie version 3)', () => {
	it('rows written by version 2 with "code: detail" strings come out of the upgrade as { code, detail, status }', async () => {
		const { openAtVersion } = await import('../support/lib/db/migration-harness');
		const { ContractDeskDB, DB_NAME, forgetDb } = await import('../../src/lib/db/database');
		await getDb().delete();
		forgetDb();
		const old = openAtVersion(DB_NAME, 2);
		await old.open();
		const base = {
			kind: 'registerContract',
			status: 'pending',
			attempts: 3,
			nextAttemptAt: 0,
			createdAt: 1,
			updatedAt: 1,
			payload: {}
		};
		await old.table('outbox').bulkAdd([
			{ ...base, id: 'a', resourceId: 'c1', lastError: 'http503: busy — try later' },
			{ ...base, id: 'b', resourceId: 'c2', lastError: 'network: Failed to fetch' },
			{
				...base,
				id: 'c',
				resourceId: 'c3',
				status: 'rejected',
				lastError: 'partyAMismatch: Party A — record.partyA.name partyAMismatch'
			},
			{ ...base, id: 'd', resourceId: 'c4', status: 'rejected', lastError: 'http413' },
			{ ...base, id: 'e', resourceId: 'c5', lastError: 'rateLimited' },
			{ ...base, id: 'f', resourceId: 'c6' }
		]);
		old.close();

		const db = new ContractDeskDB();
		await db.open();
		// Version 3 or any later one (4 adds the document download queue) runs this upgrade.
		expect(db.verno).toBeGreaterThanOrEqual(3);
		const byId = new Map((await db.outbox.toArray()).map((r) => [r.id, r.lastError]));
		expect(Object.fromEntries(byId)).toEqual({
			a: { code: 'serverError', detail: 'busy — try later', status: 503 },
			b: { code: 'network', detail: 'Failed to fetch' },
			c: { code: 'partyAMismatch', detail: 'Party A — record.partyA.name partyAMismatch' },
			d: { code: 'http', detail: '', status: 413 },
			e: { code: 'rateLimited', detail: '' },
			f: undefined
		});
		db.close();
	});

	it('a backup made before version 3 still imports: the schema reads the old strings the same way', async () => {
		const { outboxEntry } = await import('../../src/lib/domain/outbox');
		const row = {
			id: crypto.randomUUID(),
			kind: 'submitStamping',
			resourceId: 'c1',
			payload: {},
			status: 'rejected',
			attempts: 1,
			nextAttemptAt: 0,
			createdAt: 1,
			updatedAt: 1
		};
		expect(outboxEntry.parse({ ...row, lastError: 'conflict: other address' }).lastError).toEqual({
			code: 'conflict',
			detail: 'other address'
		});
		expect(outboxEntry.parse({ ...row, lastError: { code: 'conflict', detail: 'x', status: 409 } }).lastError).toEqual({
			code: 'conflict',
			detail: 'x',
			status: 409
		});
		expect(outboxEntry.safeParse({ ...row, lastError: { detail: 'no code' } }).success).toBe(false);
	});
});
