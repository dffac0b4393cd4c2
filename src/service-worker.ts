// Service worker: precaches the whole app (shell, routes, PDF code, fonts), opens deep links offline, triggers outbox flushes.
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { FALLBACK_PAGE, NAVIGATION_DENYLIST, precacheEntries } from './lib/pwa/precache';
// Written by scripts/build-font.ts: changes exactly when the cut fonts can change.
import fontRevision from '../static/fonts/.stamp?raw';
import { SW_MESSAGES } from './lib/pwa/messages';
import { SYNC_TAG } from './lib/sync/background';
// Bundled in, not imported lazily: import() is forbidden inside service workers.
import { flushOutbox } from './lib/sync/flush';

const sw = self as unknown as ServiceWorkerGlobalScope;


// Old Workbox cache formats go; old revisions inside the current cache are removed by activation itself.
cleanupOutdatedCaches();
// Workbox's 2 MiB limit belongs to its build tool; the runtime precacher caches the multi-MB fonts as is.
precacheAndRoute(precacheEntries({ build, files, prerendered, version, fontRevision: fontRevision.trim() }));
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK_PAGE), { denylist: NAVIGATION_DENYLIST }));
// /api/ is deliberately not routed: data lives in Dexie, and a cached API answer would be a lie.

sw.addEventListener('message', (event: ExtendableMessageEvent) => {
	const type = (event.data as { type?: string } | null)?.type;
	// Only on the user's word: a waiting worker never takes over a page with unsaved state by itself.
	if (type === SW_MESSAGES.skipWaiting) void sw.skipWaiting();
	if (type === SW_MESSAGES.getVersion) event.ports[0]?.postMessage({ version, flush: true });
});

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

sw.addEventListener('sync', ((event: SyncEvent) => {
	if (event.tag !== SYNC_TAG) return;
	// The Dexie outbox is the truth; this only triggers a flush. Rejecting when rows still wait
	// makes the browser schedule another sync event with its own backoff, even with no page open.
	event.waitUntil(
		// Two failures without a success: the provider is down; the browser's own sync backoff brings us back.
		flushOutbox({ fetchImpl: fetch.bind(sw), networkBack: true, probeFailures: 2 }).then((result) => {
			// `retried` counts only rows this flush put back to wait; a row a newer sender took over is not ours to report.
			if (result.retried > 0) throw new Error(`${result.retried} submissions still waiting`);
		})
	);
}) as EventListener);
