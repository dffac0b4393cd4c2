// Response compression that leaves small answers alone: JSON gets its length stated first, so Hono's threshold can see it.
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/** Below this many bytes a zlib stream per answer costs more than the bytes it saves. */
export const COMPRESS_AT_LEAST = 1024;

/**
 * Hono's compress() skips bodies under its threshold only when Content-Length says how big they are, and c.json sets
 * none: every JSON answer, `{"ok":true}` too, got a zlib stream of its own. JSON answers are whole strings in memory
 * already, so reading one to state its length costs nothing worth counting; streams and files are left as they are.
 */
export function compressLarge(): MiddlewareHandler[] {
	const sizeJson: MiddlewareHandler = async (c, next) => {
		await next();
		const res = c.res;
		if (
			!res.body ||
			res.headers.has('Content-Length') ||
			res.headers.has('Transfer-Encoding') ||
			!c.req.header('Accept-Encoding') ||
			!/^application\/json\b/i.test(res.headers.get('Content-Type') ?? '')
		)
			return;
		const body = new Uint8Array(await res.arrayBuffer());
		const headers = new Headers(res.headers);
		headers.set('Content-Length', String(body.byteLength));
		c.res = undefined;
		c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
	};
	// Outermost first: compress() looks at the answer after sizeJson has stated its length.
	return [compress({ threshold: COMPRESS_AT_LEAST }), sizeJson];
}
