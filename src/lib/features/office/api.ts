// The office's calls to /api/v1/office/*: the staff session's bearer token, answers checked with the shared shapes, errors as values the screens can word.
import type { z } from 'zod';

const TOKEN_KEY = 'contract-desk.office.token';
const BASE = '/api/v1/office';

/** Per tab: a desk computer's other tabs and the next person at it do not inherit the session. */
export const officeToken = {
	get: (): string | null => (typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(TOKEN_KEY)),
	set: (token: string | null) => {
		if (token) sessionStorage.setItem(TOKEN_KEY, token);
		else sessionStorage.removeItem(TOKEN_KEY);
	}
};

export class OfficeApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly body: Record<string, unknown>,
		readonly retryAfter: number | null
	) {
		super(typeof body.message === 'string' ? body.message : `${status} ${code}`);
	}
	get reason(): string | undefined {
		return typeof this.body.reason === 'string' ? this.body.reason : undefined;
	}
	get fields(): Record<string, string> {
		const f = this.body.fields;
		return f && typeof f === 'object' ? (f as Record<string, string>) : {};
	}
}

/** Called on a 401: the layout shows the sign-in form again. */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void): void {
	onUnauthorized = handler;
}

export async function officeCall<S extends z.ZodType>(
	method: string,
	path: string,
	schema: S | null,
	body?: unknown
): Promise<z.infer<S>> {
	const headers: Record<string, string> = {};
	const token = officeToken.get();
	if (token) headers.Authorization = `Bearer ${token}`;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(`${BASE}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		cache: 'no-store'
	});
	if (!res.ok) {
		const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
		const retry = Number(res.headers.get('Retry-After'));
		const error = new OfficeApiError(
			res.status,
			typeof json.error === 'string' ? json.error : String(res.status),
			json,
			Number.isFinite(retry) && retry > 0 ? retry : null
		);
		if (res.status === 401 && !path.startsWith('/session')) {
			officeToken.set(null);
			onUnauthorized();
		}
		throw error;
	}
	if (!schema || res.status === 204) return undefined as z.infer<S>;
	return schema.parse(await res.json()) as z.infer<S>;
}

export const query = (params: Record<string, string | number | undefined>): string => {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
	const s = q.toString();
	return s ? `?${s}` : '';
};
