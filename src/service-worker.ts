// Service worker: precaches the whole app (shell, routes, PDF code, fonts), opens deep links offline, triggers outbox flushes.
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { FALLBACK_PAGE, NAVIGATION_DENYLIST, precacheEntries } from './lib/pwa/precache';
import { SW_MESSAGES, SYNC_TAG } from './lib/pwa/messages';

const sw = self as unknown as ServiceWorkerGlobalScope;

type FlushModule = { flushOutbox: (options?: { fetchImpl?: typeof fetch; baseUrl?: string }) => Promise<unknown> };
// Eager glob instead of a plain import: the build keeps working while lib/sync/flush.ts does not exist yet,
// and import() is forbidden inside service workers, so the flusher has to be bundled in.
const flushModules = import.meta.glob<FlushModule>('./lib/sync/flush.ts', { eager: true });
const flushOutbox = Object.values(flushModules)[0]?.flushOutbox;

// Old Workbox cache formats go; old revisions inside the current cache are removed by activation itself.
cleanupOutdatedCaches();
// Workbox's 2 MiB limit belongs to its build tool; the runtime precacher caches the multi-MB fonts as is.
precacheAndRoute(precacheEntries({ build, files, prerendered, version }));
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK_PAGE), { denylist: NAVIGATION_DENYLIST }));
// /api/ is deliberately not routed: data lives in Dexie, and a cached API answer would be a lie.

sw.addEventListener('message', (event: ExtendableMessageEvent) => {
	const type = (event.data as { type?: string } | null)?.type;
	// Only on the user's word: a waiting worker never takes over a page with unsaved state by itself.
	if (type === SW_MESSAGES.skipWaiting) void sw.skipWaiting();
	if (type === SW_MESSAGES.getVersion) event.ports[0]?.postMessage({ version, flush: Boolean(flushOutbox) });
});

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

sw.addEventListener('sync', ((event: SyncEvent) => {
	if (event.tag !== SYNC_TAG || !flushOutbox) return;
	// The Dexie outbox is the truth; this only triggers a flush. A rejection makes the browser retry later.
	event.waitUntil(flushOutbox({ fetchImpl: fetch.bind(sw) }));
}) as EventListener);
