// Why a generation failed, said in the user's language: missing glyph, invalid record, or anything else.
import './i18n';
import { ZodError } from 'zod';
import { MissingGlyphError } from '../../pdf/coverage';
import { t } from '../../i18n/index.svelte';
import { errorText, fieldLabel } from './fields';

type GlyphLike = { name: string; char: string; field: string; codePoint?: number };

function isMissingGlyph(e: unknown): e is GlyphLike {
	// Checked by name too: the renderer lives in a lazily loaded chunk, and a class identity
	// test alone would be brittle if that chunk ever carried its own copy of the class.
	return e instanceof MissingGlyphError || (e instanceof Error && e.name === 'MissingGlyphError' && 'char' in e && 'field' in e);
}

export function generationErrorText(e: unknown): string {
	if (isMissingGlyph(e)) {
		const cp = e.codePoint ?? e.char.codePointAt(0) ?? 0;
		return t('missingGlyph', {
			char: e.char,
			codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
			field: fieldLabel(e.field)
		});
	}
	if (e instanceof ZodError) {
		const details = e.issues
			.slice(0, 3)
			.map((i) => `${fieldLabel(i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : n ? `.${String(p)}` : String(p))).join(''))}: ${errorText(i.message)}`)
			.join('；');
		return t('invalidRecord', { details });
	}
	return t('generateFailed', { reason: e instanceof Error ? e.message : String(e) });
}
