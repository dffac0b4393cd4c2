// HTTP helpers shared by the routes: the error body, JSON body reading and zod field errors.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiError } from '../src/lib/domain/changes';

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

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/** Reads the body as JSON; an empty body is `undefined` when allowed, a 400 otherwise. */
export async function readJson(c: Context, opts: { allowEmpty?: boolean } = {}): Promise<BodyResult> {
	const text = await c.req.text();
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
	opts: { allowEmpty?: boolean } = {}
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
