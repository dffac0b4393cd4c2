// Builds the Workbox precache manifest from Kit's $service-worker lists (pure, so it can be unit tested).

export type PrecacheEntry = { url: string; revision: string | null };

export type KitLists = { build: string[]; files: string[]; prerendered: string[]; version: string; fontRevision?: string };

/** Kit's lists omit the adapter-static fallback page; navigations are answered with it offline. */
export const FALLBACK_PAGE = '/200.html';

/** Static files a running app never fetches: dotfiles, the server's precompressed copies, install screenshots. */
export function isPrecachedStaticFile(url: string): boolean {
	const name = url.slice(url.lastIndexOf('/') + 1);
	if (name.startsWith('.') || name.endsWith('.br') || name.endsWith('.gz')) return false;
	return !url.includes('/screenshots/');
}

/**
 * `build` files live under _app/immutable with a content hash in their name: no revision needed.
 * Everything else (icons, manifest, fallback page) changes name-less, so it is revisioned by the app
 * version. The fonts (10 MB) are revisioned by the font build's own stamp instead, so a release that
 * did not change them does not make every phone download them again.
 */
export function precacheEntries({ build, files, prerendered, version, fontRevision }: KitLists): PrecacheEntry[] {
	const entries = new Map<string, PrecacheEntry>();
	for (const url of build) entries.set(url, { url, revision: url.includes('/immutable/') ? null : version });
	for (const url of files.filter(isPrecachedStaticFile)) {
		const isFont = url.startsWith('/fonts/') && fontRevision;
		entries.set(url, { url, revision: isFont ? fontRevision : version });
	}
	for (const url of [...prerendered, FALLBACK_PAGE]) entries.set(url, { url, revision: version });
	return [...entries.values()];
}

/** Navigations to these paths are not app pages and must reach the network. */
export const NAVIGATION_DENYLIST = [/^\/api(\/|$)/];
