// Why a generation failed or a contract could not be read, said in the user's language.
import './i18n';
import { ZodError } from 'zod';
import { ContractRuleError } from '../../domain/contractRules';
import { GlyphPendingError, MissingGlyphError } from '../../pdf/coverage';
import { hasMessage, t, withColon } from '../../i18n/index.svelte';
import { errorText, fieldLabel } from './fields';

type GlyphLike = { name: string; char: string; field: string; codePoint?: number };

function isGlyphError(
	e: unknown,
	type: typeof MissingGlyphError | typeof GlyphPendingError,
	name: string
): e is GlyphLike {
	// Checked by name too: the renderer lives in a lazily loaded chunk, and a class identity
	// test alone would be brittle if that chunk ever carried its own copy of the class.
	return e instanceof type || (e instanceof Error && e.name === name && 'char' in e && 'field' in e);
}

export function generationErrorText(e: unknown): string {
	// Beyond the complete font: refused for good. Only not on this device yet: possible after the next connection.
	const pending = isGlyphError(e, GlyphPendingError, 'GlyphPendingError');
	if (pending || isGlyphError(e, MissingGlyphError, 'MissingGlyphError')) {
		const cp = e.codePoint ?? e.char.codePointAt(0) ?? 0;
		return t(pending ? 'glyphPending' : 'missingGlyph', {
			char: e.char,
			codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
			field: fieldLabel(e.field)
		});
	}
	if (e instanceof ContractRuleError) return t('ruleRefused', { list: ruleList(e.discrepancies) });
	if (e instanceof ZodError) {
		const details = e.issues
			.slice(0, 3)
			.map(
				(i) =>
					withColon(
						fieldLabel(
							i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : n ? `.${String(p)}` : String(p))).join('')
						)
					) + errorText(i.message)
			)
			.join(t('clauseSeparator'));
		return t('invalidRecord', { details });
	}
	return t('generateFailed', { reason: e instanceof Error ? e.message : String(e) });
}

/** What the user reads when the device database could not give the contract, and the detail for support. */
export type LoadErrorText = { message: string; detail: string };

/**
 * Maps a read failure to a message key by its kind; the raw error is kept as secondary technical
 * detail (for a support request), never as the message itself.
 */
export function loadErrorText(e: unknown): LoadErrorText {
	const name = e instanceof Error || e instanceof DOMException ? e.name : '';
	const key =
		name === 'DatabaseClosedError' || name === 'VersionChangeError'
			? 'loadError_closed'
			: name === 'OpenFailedError' ||
				  name === 'MissingAPIError' ||
				  name === 'InvalidStateError' ||
				  name === 'QuotaExceededError'
				? 'loadError_storage'
				: 'loadError_generic';
	const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
	return { message: t(key), detail };
}

/** "orders.3.product" + "orderMismatch" → 「第 4 个订单的产品」与订单记录不一致: one text per refused field. */
export function ruleText(path: string, code: string, extra: { id?: string; number?: string } = {}): string {
	const key = `rule_${code}`;
	if (!hasMessage(key)) return `${path}: ${code}`;
	return t(key, {
		field: fieldLabel(path.replace(/\.(\d+)/g, '[$1]')),
		id: extra.id ?? '',
		number: extra.number ?? ''
	});
}

export function ruleList(items: readonly { path: string; code: string; id?: string; number?: string }[]): string {
	return items.map((d) => ruleText(d.path, d.code, d)).join(t('clauseSeparator'));
}
