// Outbox errors as stored on a row, and the reading of the old "code: detail" strings (no zod: the shell's db layer imports it).

/**
 * Why the last attempt of a row failed: a code the outbox page translates, the server's or the runtime's
 * words kept as they were said, and the HTTP status where there was one.
 */
export type OutboxError = { code: string; detail: string; status?: number };

/**
 * Rows written before Dexie version 3 (and backups of that time) hold "code: detail" strings; `http503`
 * was the code of a 5xx. Read once, on upgrade or import, never parsed again afterwards.
 */
export function legacyOutboxError(text: string): OutboxError {
	const at = text.indexOf(': ');
	const code = at < 0 ? text : text.slice(0, at);
	const detail = at < 0 ? '' : text.slice(at + 2);
	const http = /^http(\d{3})$/.exec(code);
	if (!http) return { code: code || 'unexpected', detail };
	const status = Number(http[1]);
	return { code: status >= 500 || status === 408 ? 'serverError' : 'http', detail, status };
}
