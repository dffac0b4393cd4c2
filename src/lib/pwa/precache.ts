// Builds the Workbox precache manifest and the list fetched right after it from Kit's $app/manifest lists (pure, so it can be unit tested).

export type PrecacheEntry = { url: string; revision: string | null };

export type KitLists = {
	build: string[];
	files: string[];
	prerendered: string[];
	version: string;
	/** A revision per font URL (written by scripts/build-font.ts from each file's content). */
	fontRevisions?: Readonly<Record<string, string>>;
	/** The back office's built files (scripts/office-files.js): a customer's device neither downloads nor serves them. */
	office?: readonly string[];
	/** Today's fonts (src/lib/pdf/fontFiles.ts currentFontUrls): precached, and fetched right after. */
	fonts?: { precache: string[]; deferred: string[] };
};

/** Kit's lists omit the adapter-static fallback page; navigations are answered with it offline. */
export const FALLBACK_PAGE = '/200.html';
/** What SvelteKit 3 asks each time a page is focused or shown, to learn whether a new release is out. */
export const VERSION_FILE = '/_app/version.json';

/** Static files a running app never fetches: dotfiles, the server's precompressed copies, install screenshots. */
export function isPrecachedStaticFile(url: string): boolean {
	const name = url.slice(url.lastIndexOf('/') + 1);
	if (name.startsWith('.') || name.endsWith('.br') || name.endsWith('.gz')) return false;
	return !url.includes('/screenshots/');
}

/** pdf.js's worker (1.2 MB): only the print view runs it, so it comes right after the first visit, not in it. */
export function isPrintOnlyAsset(url: string): boolean {
	return /\/pdf\.worker(\.min)?\.[^/]*m?js$/.test(url);
}

/** The scanner's WebAssembly: a customer's device never runs any (the office's other files come in `office`). */
export function isOfficeAsset(url: string): boolean {
	return url.endsWith('.wasm');
}

type Split = { first: PrecacheEntry[]; deferred: PrecacheEntry[] };

function split({ build, files, prerendered, version, fontRevisions, fonts, office }: KitLists): Split {
	const officeOnly = new Set(office);
	const first = new Map<string, PrecacheEntry>();
	const deferred = new Map<string, PrecacheEntry>();
	for (const url of build) {
		if (officeOnly.has(url) || isOfficeAsset(url)) continue;
		const entry = { url, revision: url.includes('/immutable/') ? null : version };
		(isPrintOnlyAsset(url) ? deferred : first).set(url, entry);
	}
	for (const url of files.filter(isPrecachedStaticFile)) {
		if (!url.startsWith('/fonts/')) {
			first.set(url, { url, revision: version });
			continue;
		}
		// Fonts are revisioned by their content: a release that did not change a file's bytes does not download it again.
		const entry = { url, revision: fontRevisions?.[url] ?? version };
		// Without the list (older callers), every font is precached as before.
		if (!fonts || fonts.precache.includes(url)) first.set(url, entry);
		else if (fonts.deferred.includes(url)) deferred.set(url, entry);
		// Fonts of older template versions: fetched from the network on the rare day a device needs one.
	}
	for (const url of [...prerendered, FALLBACK_PAGE]) first.set(url, { url, revision: version });
	return { first: [...first.values()], deferred: [...deferred.values()] };
}

/**
 * What the service worker installs with (a first visit downloads all of it). `build` files live under
 * _app/immutable with a content hash in their name: no revision needed. Everything else (icons, manifest,
 * fallback page) changes name-less, so it is revisioned by the app version.
 */
export function precacheEntries(lists: KitLists): PrecacheEntry[] {
	return split(lists).first;
}

/** Fetched in the background right after the first visit (the rest of the font, pdf.js's worker): see deferred.ts. */
export function deferredEntries(lists: KitLists): PrecacheEntry[] {
	return split(lists).deferred;
}

/**
 * Navigations to these paths are not the customers' pages and must reach the network: the API, and the back office
 * (its page comes with its own headers, and it is not answered from the customers' cached shell).
 */
export const NAVIGATION_DENYLIST = [/^\/api(\/|$)/, /^\/office(\/|$)/];

/**
 * Workbox fetches a revisioned entry with `cache: 'reload'`, past the browser's HTTP cache. On a first visit the
 * render worker (its page not controlled yet) fetches the same font core at the same time: revalidated instead (the
 * server answers 304 to its Last-Modified), the megabytes come over the network once. The cache key keeps the revision.
 */
export const revalidateFonts = {
	requestWillFetch: async ({ request }: { request: Request }): Promise<Request> =>
		new URL(request.url).pathname.startsWith('/fonts/') ? new Request(request, { cache: 'no-cache' }) : request
};
