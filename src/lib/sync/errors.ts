// Why a sync round failed, as a message key for the user and the technical words kept aside for support.
import { ZodError } from 'zod';
import { HttpError, NetworkError } from './api';

/** network: no answer; server: an answer we could not use; unknown: a fault on this device. */
export type SyncErrorKind = 'network' | 'server' | 'unknown';

export type SyncError = {
	kind: SyncErrorKind;
	/** A key of src/lib/i18n/messages/sync.ts (always loaded with the shell). */
	key: `syncError_${SyncErrorKind}`;
	/** English, technical (status, error code, exception): secondary, never the headline. */
	detail: string;
};

export function syncErrorOf(e: unknown): SyncError {
	// A 2xx whose body failed the pull schema is the server's fault, not the device's.
	const kind: SyncErrorKind =
		e instanceof NetworkError ? 'network' : e instanceof HttpError || e instanceof ZodError ? 'server' : 'unknown';
	return { kind, key: `syncError_${kind}`, detail: detailOf(e).slice(0, 500) };
}

function detailOf(e: unknown): string {
	if (e instanceof HttpError)
		return `HTTP ${e.status}${e.body?.error ? ` ${e.body.error}` : ''}${e.body?.message ? `: ${e.body.message}` : ''}`;
	if (e instanceof Error) return `${e.name}: ${e.message}`;
	return String(e);
}
