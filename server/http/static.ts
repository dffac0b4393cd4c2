// Serves the built PWA: long-lived caching for hashed assets, revalidation for everything else, SPA fallback.
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { isOfficePage, officeHtml, pagePolicy } from './security-headers';

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

function contentTypeFor(path: string): string | undefined {
	const ext = path.slice(path.lastIndexOf('.'));
	return CONTENT_TYPES[ext];
}

/** The CSP header of each HTML file, read once from the policy SvelteKit wrote into the file (its csp option). */
function policies(root: string): (requestPath: string) => string | undefined {
	const cache = new Map<string, string>();
	return (requestPath) => {
		const path = requestPath.endsWith('/') ? `${requestPath}index.html` : requestPath;
		if (!path.endsWith('.html')) return undefined;
		let policy = cache.get(path);
		if (policy === undefined) {
			const file = join(root, normalize(path));
			policy = pagePolicy(existsSync(file) ? readFileSync(file, 'utf8') : '');
			cache.set(path, policy);
		}
		return policy;
	};
}

/** serveStatic has already built its Response, so headers go onto that Response itself. */
function finish(res: Response, requestPath: string, cacheControl: string, policy?: string): Response {
	if (policy) res.headers.set('Content-Security-Policy', policy);
	res.headers.set('Cache-Control', cacheControl);
	res.headers.set('X-Content-Type-Options', 'nosniff');
	const type = contentTypeFor(requestPath);
	if (type) res.headers.set('Content-Type', type);
	if (requestPath === '/service-worker.js') res.headers.set('Service-Worker-Allowed', '/');
	return res;
}

/**
 * `no-cache` means "revalidate", so answer revalidations cheaply: the fonts are megabytes.
 * serveStatic sends Last-Modified but never a 304 itself.
 */
function notModified(req: Request, res: Response): Response {
	const since = req.headers.get('If-Modified-Since');
	const modified = res.headers.get('Last-Modified');
	if (res.status !== 200 || !since || !modified) return res;
	const sinceMs = Date.parse(since);
	if (Number.isNaN(sinceMs) || Date.parse(modified) > sinceMs) return res;
	void res.body?.cancel();
	const headers = new Headers(res.headers);
	for (const h of ['Content-Length', 'Content-Encoding', 'Content-Type']) headers.delete(h);
	return new Response(null, { status: 304, headers });
}

/**
 * The static site, or null when `root` has no build (the API still works without one).
 * Unknown GET paths get `200.html` so client-side routes survive a reload; missing files under
 * /_app/ and paths with a file extension stay 404 so a stale asset request never receives HTML.
 */
export function staticSite(root: string, fallback = '200.html'): MiddlewareHandler | null {
	if (!existsSync(root) || !statSync(root).isDirectory()) return null;
	const files = serveStatic({ root, precompressed: true });
	const hasFallback = existsSync(join(root, fallback));
	const spa = serveStatic({ root, path: fallback, precompressed: true });
	const policyOf = policies(root);
	// The office's copy of the app's page, its policy allowing the scanner's WebAssembly (security-headers.ts).
	let office: { html: string; policy: string } | undefined;
	const officePage = () => {
		if (!office) {
			const html = officeHtml(readFileSync(join(root, fallback), 'utf8'));
			office = { html, policy: pagePolicy(html) };
		}
		return office;
	};
	return async (c, next) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
		if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
		const served = await files(c, async () => {});
		if (served) {
			const type = served.headers.get('Content-Type') ?? '';
			const policy = type.startsWith('text/html') ? policyOf(c.req.path) : undefined;
			return notModified(c.req.raw, finish(served, c.req.path, cacheControlFor(c.req.path), policy));
		}
		const last = c.req.path.slice(c.req.path.lastIndexOf('/') + 1);
		if (!hasFallback || c.req.path.startsWith('/_app/') || /\.[A-Za-z0-9]{1,8}$/.test(last)) return next();
		if (isOfficePage(c.req.path)) {
			const { html, policy } = officePage();
			const res = c.html(c.req.method === 'HEAD' ? '' : html);
			return finish(res, `/${fallback}`, REVALIDATE, policy);
		}
		const page = await spa(c, async () => {});
		return page ? notModified(c.req.raw, finish(page, `/${fallback}`, REVALIDATE, policyOf(`/${fallback}`))) : next();
	};
}
