// HTTP helpers shared by the routes: the error body, JSON body reading and zod field errors.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiError } from '../../src/lib/domain/api';

export function apiError(
	c: Context,
	status: ContentfulStatusCode,
	error: string,
	extra: Omit<ApiError, 'error'> & Record<string, unknown> = {}
): Response {
	return c.json({ error, ...extra }, status);
}

/** Field errors keyed by dotted path ('record.partyA.creditCode'); '$' is the body itself. */
export function fieldErrors(err: z.ZodError): Record<string, string[]> {
	const fields: Record<string, string[]> = {};
	for (const issue of err.issues) {
		const path = issue.path.map(String).join('.') || '$';
		(fields[path] ??= []).push(issue.message);
	}
	return fields;
}

export function invalid(c: Context, fields: Record<string, string[]>, message = 'Invalid request'): Response {
	return apiError(c, 400, 'invalid', { message, fields });
}

export function notFound(c: Context): Response {
	return apiError(c, 404, 'notFound', { message: 'Not found' });
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/** Largest decoded body a route takes unless it names its own limit (the API's small-body limit). */
export const DEFAULT_DECODED_LIMIT = 64 * 1024;

export type ReadOptions = {
	allowEmpty?: boolean;
	/** Largest body after decoding, in bytes: a gzip body that inflates past it is refused with 413. */
	maxBytes?: number;
};

class TooLarge extends Error {}

/**
 * The body's bytes, gunzipped when the client sent `Content-Encoding: gzip`. Decoding streams and stops at
 * maxBytes, so a small compressed body that inflates to gigabytes costs at most maxBytes of memory.
 */
async function bodyBytes(c: Context, maxBytes: number): Promise<Uint8Array> {
	const encoding = (c.req.header('Content-Encoding') ?? 'identity').trim().toLowerCase();
	if (encoding === 'identity' || encoding === '') return new Uint8Array(await c.req.arrayBuffer());
	if (encoding !== 'gzip') throw new UnsupportedEncoding(encoding);
	const raw = c.req.raw.body;
	if (!raw) return new Uint8Array(0);
	const reader = raw.pipeThrough(new DecompressionStream('gzip')).getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		let step: ReadableStreamReadResult<Uint8Array>;
		try {
			step = await reader.read();
		} catch {
			throw new MalformedGzip();
		}
		if (step.done) break;
		total += step.value.byteLength;
		if (total > maxBytes) {
			await reader.cancel().catch(() => {});
			throw new TooLarge();
		}
		chunks.push(step.value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.byteLength;
	}
	return out;
}

class UnsupportedEncoding extends Error {}
class MalformedGzip extends Error {}

/** Reads the body as JSON (gzip or plain); an empty body is `undefined` when allowed, a 400 otherwise. */
export async function readJson(c: Context, opts: ReadOptions = {}): Promise<BodyResult> {
	const maxBytes = opts.maxBytes ?? DEFAULT_DECODED_LIMIT;
	let bytes: Uint8Array;
	try {
		bytes = await bodyBytes(c, maxBytes);
	} catch (err) {
		if (err instanceof TooLarge) {
			return { ok: false, response: apiError(c, 413, 'tooLarge', { message: 'Request body too large' }) };
		}
		if (err instanceof UnsupportedEncoding) {
			return {
				ok: false,
				response: apiError(c, 415, 'unsupportedEncoding', { message: 'Content-Encoding must be gzip or identity' })
			};
		}
		if (err instanceof MalformedGzip) {
			return { ok: false, response: invalid(c, { $: ['malformedGzip'] }, 'The body is not valid gzip') };
		}
		throw err;
	}
	if (bytes.byteLength > maxBytes) {
		return { ok: false, response: apiError(c, 413, 'tooLarge', { message: 'Request body too large' }) };
	}
	const text = new TextDecoder().decode(bytes);
	if (text.trim() === '') {
		if (opts.allowEmpty) return { ok: true, value: undefined };
		return { ok: false, response: invalid(c, { $: ['required'] }, 'A JSON body is required') };
	}
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, response: invalid(c, { $: ['malformedJson'] }, 'The body is not valid JSON') };
	}
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function readBody<S extends z.ZodType>(
	c: Context,
	schema: S,
	opts: ReadOptions = {}
): Promise<Parsed<z.output<S>>> {
	const body = await readJson(c, opts);
	if (!body.ok) return body;
	const parsed = schema.safeParse(body.value);
	if (!parsed.success) return { ok: false, response: invalid(c, fieldErrors(parsed.error)) };
	return { ok: true, value: parsed.data };
}

/** `Authorization: Bearer <token>` → token, or undefined. */
export function bearerToken(c: Context): string | undefined {
	const header = c.req.header('Authorization');
	const match = header?.match(/^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})\s*$/i);
	return match?.[1];
}
