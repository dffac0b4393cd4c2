// The second stage of the offline cache: fetched once, kept by revision, old revisions dropped, served offline.
import { describe, expect, it } from 'vitest';
import { DEFERRED_CACHE, deferredComplete, fillDeferred, respondDeferred } from '../../src/lib/pwa/deferred';

/** A CacheStorage with exact-URL matching, enough for the deferred cache. */
function fakeCaches() {
	const stores = new Map<string, Map<string, Response>>();
	const open = async (name: string) => {
		const store = stores.get(name) ?? new Map<string, Response>();
		stores.set(name, store);
		const url = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);
		return {
			match: async (r: RequestInfo | URL) => store.get(url(r))?.clone(),
			put: async (r: RequestInfo | URL, res: Response) => void store.set(url(r), res),
			delete: async (r: RequestInfo | URL) => store.delete(url(r)),
			keys: async () => [...store.keys()].map((u) => new Request(u))
		};
	};
	return { caches: { open } as unknown as CacheStorage, stores };
}

const ORIGIN = 'https://desk.example';
const entries = [
	{ url: '/fonts/contract-serif-regular-2026.3.rest', revision: 'r2' },
	{ url: '/_app/immutable/assets/pdf.worker.min.abc.mjs', revision: null }
];

describe('deferred cache', () => {
	it('fetches what it lacks once, keeps it by revision and drops an older revision', async () => {
		const { caches, stores } = fakeCaches();
		const fetched: string[] = [];
		const fetch = (async (url: string) => {
			fetched.push(url);
			return new Response(`bytes of ${url}`);
		}) as typeof globalThis.fetch;
		await (
			await caches.open(DEFERRED_CACHE)
		).put(`${ORIGIN}/fonts/contract-serif-regular-2026.3.rest?__rev=r1`, new Response('old'));
		expect(await fillDeferred(entries, { caches, fetch, origin: ORIGIN })).toEqual({
			cached: 0,
			fetched: 2,
			failed: 0,
			removed: 1
		});
		expect([...stores.get(DEFERRED_CACHE)!.keys()].sort()).toEqual([
			`${ORIGIN}/_app/immutable/assets/pdf.worker.min.abc.mjs`,
			`${ORIGIN}/fonts/contract-serif-regular-2026.3.rest?__rev=r2`
		]);
		expect(await fillDeferred(entries, { caches, fetch, origin: ORIGIN })).toEqual({
			cached: 2,
			fetched: 0,
			failed: 0,
			removed: 0
		});
		expect(fetched).toHaveLength(2);
		expect(await deferredComplete(entries, { caches, origin: ORIGIN })).toBe(true);
	});

	it('offline: nothing is lost, the next call fetches; a request is served from the cache once it is in', async () => {
		const { caches } = fakeCaches();
		let online = false;
		const fetch = (async (input: RequestInfo | URL) => {
			if (!online) throw new TypeError('Failed to fetch');
			return new Response(`bytes of ${typeof input === 'string' ? input : 'request'}`);
		}) as typeof globalThis.fetch;
		const deps = { caches, fetch, origin: ORIGIN };
		expect(await fillDeferred(entries, deps)).toMatchObject({ fetched: 0, failed: 2 });
		expect(await deferredComplete(entries, deps)).toBe(false);
		const request = new Request(`${ORIGIN}${entries[0]!.url}`);
		await expect(respondDeferred(entries[0]!, request, deps)).rejects.toThrow('Failed to fetch');
		online = true;
		expect(await fillDeferred(entries, deps)).toMatchObject({ fetched: 2, failed: 0 });
		online = false;
		expect(await (await respondDeferred(entries[0]!, request, deps)).text()).toBe(
			`bytes of ${ORIGIN}${entries[0]!.url}`
		);
	});
});
