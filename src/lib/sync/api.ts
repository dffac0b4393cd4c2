// HTTP to the provider's API: one place that turns responses into typed results or typed errors.
import { apiError, type ApiError } from '../domain/api';

export const API_BASE = '/api/v1';

/** The request never got an answer: offline, DNS, connection reset, CORS, timeout. */
export class NetworkError extends Error {
	constructor(cause: unknown) {
		super(cause instanceof Error ? cause.message : String(cause));
		this.name = 'NetworkError';
	}
}

/** The server answered with a status other than 2xx. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: ApiError | undefined,
		readonly retryAfterMs: number | undefined,
		/** The whole JSON body: a 409 carries the server's stored version beside the error code. */
		readonly raw: unknown = undefined
	) {
		super(body?.message ?? body?.error ?? `HTTP ${status}`);
		this.name = 'HttpError';
	}
}

export type ApiRequest = {
	method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
	body?: unknown;
	token?: string;
	idempotencyKey?: string;
	timeoutMs?: number;
	fetchImpl?: typeof fetch;
	baseUrl?: string;
	/** Send the JSON body gzipped (`Content-Encoding: gzip`) when it is large enough to gain from it. */
	gzip?: boolean;
};

/** Below this a body is sent as it is: gzip's header and the work cost more than they save. */
export const GZIP_MIN_BYTES = 1024;

/** The JSON text, gzipped with the platform's CompressionStream when asked, worth it and available. */
async function encodeBody(body: unknown, gzip: boolean): Promise<{ data: BodyInit; gzipped: boolean }> {
	const json = JSON.stringify(body);
	if (!gzip || json.length < GZIP_MIN_BYTES || typeof CompressionStream === 'undefined') {
		return { data: json, gzipped: false };
	}
	const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
	return { data: await new Response(stream).arrayBuffer(), gzipped: true };
}

export function parseRetryAfter(value: string | null): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export async function apiFetch(path: string, req: ApiRequest = {}): Promise<{ status: number; data: unknown }> {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (req.body !== undefined) headers['content-type'] = 'application/json';
	if (req.token) headers.authorization = `Bearer ${req.token}`;
	if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
	let body: BodyInit | undefined;
	if (req.body !== undefined) {
		const encoded = await encodeBody(req.body, req.gzip ?? false);
		body = encoded.data;
		if (encoded.gzipped) headers['content-encoding'] = 'gzip';
	}
	let res: Response;
	try {
		res = await (req.fetchImpl ?? fetch)(`${req.baseUrl ?? API_BASE}${path}`, {
			method: req.method ?? 'GET',
			headers,
			body,
			signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
			cache: 'no-store'
		});
	} catch (e) {
		throw new NetworkError(e);
	}
	let text: string;
	try {
		text = await res.text();
	} catch (e) {
		// The connection broke while the body was arriving: the server may have committed, so the
		// caller must treat it as "no answer" and retry with the same Idempotency-Key.
		throw new NetworkError(e);
	}
	let data: unknown;
	try {
		data = text === '' ? undefined : JSON.parse(text);
	} catch {
		data = undefined;
	}
	if (!res.ok) {
		const parsed = apiError.safeParse(data);
		throw new HttpError(
			res.status,
			parsed.success ? parsed.data : undefined,
			parseRetryAfter(res.headers.get('retry-after')),
			data
		);
	}
	return { status: res.status, data };
}
