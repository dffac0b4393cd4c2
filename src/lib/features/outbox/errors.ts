// An outbox row's last error in words: the message key of its code, its parameters and the provider's own words.
import './i18n';
import { hasMessage, t, type MessageKey } from '../../i18n/index.svelte';
import type { OutboxError } from '../../domain/outbox-error';

export type ErrorView = { key: MessageKey | null; params: Record<string, string | number>; detail: string };

/** A row's last error as a message key (of ./i18n.ts), its parameters and the server's own words. */
export function describeError(error: OutboxError | undefined): ErrorView | null {
	if (!error) return null;
	const params: Record<string, string | number> = error.status === undefined ? {} : { status: error.status };
	const key = `syncErr_${error.code}`;
	return { key: hasMessage(key) ? key : null, params, detail: error.detail };
}

/** A row's last error in the user's language, the provider's own words in brackets; an unknown code shows as it was stored. */
export function errorLabel(error: OutboxError | undefined, empty = '—'): string {
	const e = describeError(error);
	if (!e) return empty;
	if (!e.key) return e.detail ? `${error!.code}: ${e.detail}` : error!.code;
	const text = t(e.key, e.params);
	return e.detail ? t('outboxErrorDetail', { text, detail: e.detail }) : text;
}

/**
 * What a person reads as the reason: the user's language only, when the code is known. The provider's own words are
 * technical (English, field paths) and belong under 详情 (errorLabel); an unknown code has nothing else to show.
 */
export function errorReason(error: OutboxError | undefined, empty = '—'): string {
	const e = describeError(error);
	if (!e) return empty;
	return e.key ? t(e.key, e.params) : errorLabel(error, empty);
}
