// Service worker: precaches the app (shell, routes, PDF code, the font's core), fetches the rest (font rest, pdf.js worker) right after, opens deep links offline, triggers outbox flushes.
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { assets, immutable, prerendered } from '$app/manifest';
import { version } from '$app/env';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import {
	FALLBACK_PAGE,
	NAVIGATION_DENYLIST,
	VERSION_FILE,
	deferredEntries,
	precacheEntries,
	revalidateFonts
} from './lib/pwa/precache';
import { deferredComplete, fillDeferred, respondDeferred } from './lib/pwa/deferred';
import { currentFontUrls } from './lib/pdf/fontFiles';
// Written by scripts/build-font.ts: each font file's revision, which changes exactly when its bytes do.
import fontRevisionsJson from '../static/fonts/.revisions.json?raw';
// The back office's files (scripts/office-files.js): never precached, never served from here.
import officeFiles from 'virtual:office-files';
import { SW_MESSAGES } from './lib/pwa/messages';
import { SYNC_TAG } from './lib/sync/background';
// Bundled in, not imported lazily: import() is forbidden inside service workers.
import { flushOutbox } from './lib/sync/flush';

const sw = self as unknown as ServiceWorkerGlobalScope;

// Old Workbox cache formats go; old revisions inside the current cache are removed by activation itself.
cleanupOutdatedCaches();
// Kit's lists name paths relative to the base path ('' here) without a leading slash; Workbox gets the site's URLs.
const rooted = ({ path }: { path: string }) => `/${path}`;
const lists = {
	build: immutable.map(rooted),
	files: assets.map(rooted),
	prerendered: prerendered.map(rooted),
	version,
	fontRevisions: JSON.parse(fontRevisionsJson) as Record<string, string>,
	fonts: currentFontUrls(),
	office: officeFiles
};
// Workbox's 2 MiB limit belongs to its build tool; the runtime precacher caches the multi-MB font core as is.
addPlugins([revalidateFonts]);
precacheAndRoute(precacheEntries(lists));
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK_PAGE), { denylist: NAVIGATION_DENYLIST }));
// Kit asks for the version at every focus and every return to the tab. This device runs the worker's release (a
// newer one arrives as a worker update, which the app offers), so the worker answers and nothing leaves the device.
registerRoute(
	({ url }) => url.origin === sw.location.origin && url.pathname === VERSION_FILE,
	() => Response.json({ version })
);

// Second stage: what the first visit need not wait for (the rest of the font, pdf.js's worker), fetched right after.
const deferred = deferredEntries(lists);
const deferredByPath = new Map(deferred.map((e) => [e.url, e]));
const deps = () => ({ caches, fetch: fetch.bind(sw), origin: sw.location.origin });
registerRoute(
	({ url }) => url.origin === sw.location.origin && deferredByPath.has(url.pathname),
	({ request, url }) => respondDeferred(deferredByPath.get(url.pathname)!, request, deps())
);
// Not inside activate's waitUntil: that would hold every fetch of the page until the megabytes are in. Pages
// also ask (fillDeferred message) on start and when the connection returns, which keeps the worker alive for it.
sw.addEventListener('activate', () => void fillDeferred(deferred, deps()).catch(() => undefined));
// /api/ is deliberately not routed: data lives in Dexie, and a cached API answer would be a lie.

sw.addEventListener('message', (event: ExtendableMessageEvent) => {
	const type = (event.data as { type?: string } | null)?.type;
	// Only on the user's word: a waiting worker never takes over a page with unsaved state by itself.
	if (type === SW_MESSAGES.skipWaiting) void sw.skipWaiting();
	if (type === SW_MESSAGES.getVersion) event.ports[0]?.postMessage({ version, flush: true });
	if (type === SW_MESSAGES.fillDeferred) {
		event.waitUntil(
			fillDeferred(deferred, deps())
				.then(async (report) =>
					event.ports[0]?.postMessage({ ...report, complete: await deferredComplete(deferred, deps()) })
				)
				.catch(() => event.ports[0]?.postMessage({ complete: false }))
		);
	}
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
