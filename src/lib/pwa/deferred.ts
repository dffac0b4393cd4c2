// The second stage of the offline cache: files fetched in the background right after the first visit, served cache-first.
import type { PrecacheEntry } from './precache';

/** One cache for the deferred files; its keys carry each file's revision, so a new revision is a new key. */
export const DEFERRED_CACHE = 'contract-desk-deferred-v1';

export function deferredKey(entry: PrecacheEntry, origin: string): string {
	const url = new URL(entry.url, origin);
	if (entry.revision) url.searchParams.set('__rev', entry.revision);
	return url.href;
}

export type FillReport = { cached: number; fetched: number; failed: number; removed: number };

type Deps = { caches: CacheStorage; fetch: typeof fetch; origin: string };

let filling: Promise<FillReport> | null = null;

/**
 * Fetches every entry not cached yet (one at a time: the font rest is megabytes and must not compete with
 * the page), and drops cached files no longer listed. Safe to call often: one run at a time, and a cached
 * entry costs one cache lookup. A failed fetch (offline) is left for the next call.
 */
export function fillDeferred(entries: readonly PrecacheEntry[], deps: Deps): Promise<FillReport> {
	filling ??= run(entries, deps).finally(() => (filling = null));
	return filling;
}

async function run(entries: readonly PrecacheEntry[], { caches, fetch, origin }: Deps): Promise<FillReport> {
	const report: FillReport = { cached: 0, fetched: 0, failed: 0, removed: 0 };
	const cache = await caches.open(DEFERRED_CACHE);
	const wanted = new Set(entries.map((e) => deferredKey(e, origin)));
	for (const request of await cache.keys()) {
		if (!wanted.has(request.url) && (await cache.delete(request))) report.removed++;
	}
	for (const entry of entries) {
		const key = deferredKey(entry, origin);
		if (await cache.match(key)) {
			report.cached++;
			continue;
		}
		try {
			const res = await fetch(new URL(entry.url, origin).href, { cache: 'no-cache' });
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			await cache.put(key, res);
			report.fetched++;
		} catch {
			report.failed++;
		}
	}
	return report;
}

/** A deferred file from the cache, else from the network (and kept): offline before it arrived, the fetch fails. */
export async function respondDeferred(entry: PrecacheEntry, request: Request, deps: Deps): Promise<Response> {
	const cache = await deps.caches.open(DEFERRED_CACHE);
	const key = deferredKey(entry, deps.origin);
	const hit = await cache.match(key);
	if (hit) return hit;
	const res = await deps.fetch(request);
	if (res.ok) await cache.put(key, res.clone());
	return res;
}

/** Whether every deferred file is on the device (the page asks, e.g. before a test goes offline). */
export async function deferredComplete(
	entries: readonly PrecacheEntry[],
	deps: Pick<Deps, 'caches' | 'origin'>
): Promise<boolean> {
	const cache = await deps.caches.open(DEFERRED_CACHE);
	for (const e of entries) if (!(await cache.match(deferredKey(e, deps.origin)))) return false;
	return true;
}
