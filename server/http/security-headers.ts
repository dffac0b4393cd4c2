// Security headers on every response: the page's CSP (from the built HTML) plus what a <meta> cannot carry, framing, referrer, features, HSTS.
import type { MiddlewareHandler } from 'hono';

/** Nothing the server sends is a document to run code in, except the app's HTML (which brings its own policy). */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Powerful features the app never uses are switched off for it and for anything it might embed. Web Share stays
 * on for the app itself: "share" hands a contract PDF to another app on phones.
 */
export const PERMISSIONS_POLICY = [
	'accelerometer=()',
	'autoplay=()',
	'camera=()',
	'display-capture=()',
	'encrypted-media=()',
	'fullscreen=()',
	'geolocation=()',
	'gyroscope=()',
	'magnetometer=()',
	'microphone=()',
	'midi=()',
	'payment=()',
	'publickey-credentials-get=()',
	'screen-wake-lock=()',
	'serial=()',
	'usb=()',
	'xr-spatial-tracking=()',
	'web-share=(self)'
].join(', ');

/** The back office's pages (not its API): the only place the camera and WebAssembly are allowed. */
export function isOfficePage(path: string): boolean {
	return path === '/office' || path.startsWith('/office/');
}

/** The mail desk scans cover sheets with the camera: allowed for the office's own pages, never for what they embed. */
export const OFFICE_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace('camera=()', 'camera=(self)');

/** The scanner's fallback decoder (zxing, WebAssembly) needs this in script-src; the customers' app never gets it. */
export const WASM_UNSAFE_EVAL = "'wasm-unsafe-eval'";

/**
 * The app's HTML as the office gets it: the <meta> policy's script-src with 'wasm-unsafe-eval' added. Both the meta
 * and the header policy are enforced, so both must allow it; the customers' copy of the same file is left as built.
 */
export function officeHtml(html: string): string {
	return html.replace(META_CSP, (tag: string, content: string) =>
		tag.replace(
			content,
			content.replace(/script-src ([^;]*)/, (d: string) => `${d} ${WASM_UNSAFE_EVAL}`)
		)
	);
}

/**
 * A worker runs under the policy its script arrived with: the service worker fetches the app's own files and
 * nothing else. Other scripts run inside the page and under the page's policy, so they get none of their own.
 */
export const WORKER_POLICY = "default-src 'self'; object-src 'none'; frame-ancestors 'none'";

const META_CSP = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i;

/**
 * The header policy of an HTML page: the one SvelteKit wrote into its <meta> (with the hash of its inline start-up
 * script), plus frame-ancestors, which browsers ignore in a <meta>. Both policies apply; they agree by construction.
 * A page without a meta (should not happen with Kit's csp option) gets no script at all rather than no policy.
 */
export function pagePolicy(html: string): string {
	const meta = META_CSP.exec(html)?.[1]
		?.replace(/&#39;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
	const base =
		meta?.trim().replace(/;\s*$/, '') || "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'";
	return `${base}; frame-ancestors 'none'`;
}

export function securityHeaders(opts: { publicUrl?: string } = {}): MiddlewareHandler {
	const https = Boolean(opts.publicUrl?.toLowerCase().startsWith('https://'));
	return async (c, next) => {
		await next();
		const h = c.res.headers;
		// static.ts sets the page policy on HTML; everything else gets the no-document one.
		if (!h.has('Content-Security-Policy')) {
			const script = /javascript/i.test(h.get('Content-Type') ?? '');
			if (c.req.path === '/service-worker.js') h.set('Content-Security-Policy', WORKER_POLICY);
			else if (!script) h.set('Content-Security-Policy', API_POLICY);
		}
		h.set('X-Content-Type-Options', 'nosniff');
		h.set('X-Frame-Options', 'DENY');
		h.set('Referrer-Policy', 'no-referrer');
		h.set('Permissions-Policy', isOfficePage(c.req.path) ? OFFICE_PERMISSIONS_POLICY : PERMISSIONS_POLICY);
		h.set('Cross-Origin-Opener-Policy', 'same-origin');
		h.set('Cross-Origin-Resource-Policy', 'same-origin');
		// Only where the app is known to be served over https: HSTS on a plain-http LAN address would strand phones.
		if (https) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	};
}
