// Serves the built PWA: long-lived caching for hashed assets, revalidation for everything else, SPA fallback.
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
// HTML, the service worker and the manifest decide which version a device runs: always revalidate.
export const REVALIDATE = 'no-cache';

export function cacheControlFor(path: string): string {
	return path.startsWith('/_app/immutable/') ? IMMUTABLE : REVALIDATE;
}

/** Content types the defaults get wrong or that matter for installability. */
const CONTENT_TYPES: Record<string, string> = {
	'.webmanifest': 'application/manifest+json',
	'.ttf': 'font/ttf',
	'.woff2': 'font/woff2',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8'
};

function fixContentType(c: Context, path: string): void {
	const clean = path.replace(/\.(br|gz|zst)$/, '');
	const ext = clean.slice(clean.lastIndexOf('.'));
	const type = CONTENT_TYPES[ext];
	if (type) c.header('Content-Type', type);
}

/**
 * The static site, or null when `root` has no build (the API still works without one).
 * Unknown GET paths get `200.html` so client-side routes survive a reload; missing files under
 * /_app/ and paths with a file extension stay 404 so a stale asset request never receives HTML.
 */
export function staticSite(root: string, fallback = '200.html'): MiddlewareHandler | null {
	if (!existsSync(root) || !statSync(root).isDirectory()) return null;
	const onFound = (path: string, c: Context) => {
		c.header('Cache-Control', cacheControlFor(c.req.path));
		c.header('X-Content-Type-Options', 'nosniff');
		fixContentType(c, path);
		if (c.req.path === '/service-worker.js') c.header('Service-Worker-Allowed', '/');
	};
	const files = serveStatic({ root, precompressed: true, onFound });
	const hasFallback = existsSync(join(root, fallback));
	const spa = serveStatic({
		root,
		path: fallback,
		precompressed: true,
		onFound: (path, c) => {
			c.header('Cache-Control', REVALIDATE);
			fixContentType(c, path);
		}
	});
	return async (c, next) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
		if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
		const served = await files(c, async () => {});
		if (served) return served;
		const last = c.req.path.slice(c.req.path.lastIndexOf('/') + 1);
		if (!hasFallback || c.req.path.startsWith('/_app/') || /\.[A-Za-z0-9]{1,8}$/.test(last)) return next();
		const page = await spa(c, async () => {});
		return page ?? next();
	};
}
