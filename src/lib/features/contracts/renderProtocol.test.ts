// Errors from the render worker arrive as the page would have seen them: class, fields and the text the user reads.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { contractRecord } from '../../domain/contract';
import { i18n } from '../../i18n/index.svelte';
import { GlyphPendingError, MissingGlyphError } from '../../pdf/coverage';
import { UnknownTemplateVersionError } from '../../pdf/registry';
import { generationErrorText } from './errors';
import { reviveError, serializeError } from './renderProtocol';

/** Through structured cloning, as postMessage carries it. */
const across = async (e: unknown) => reviveError(structuredClone(serializeError(e)));

describe('render worker errors', () => {
	it('re-creates the glyph errors with their class and fields, so the user reads the same sentence', async () => {
		i18n.locale = 'zh-CN';
		for (const original of [
			new MissingGlyphError('𠀀', 'partyA.name'),
			new GlyphPendingError('喆', 'contact.person')
		]) {
			const e = await across(original);
			expect(e).toBeInstanceOf(original.constructor);
			expect(e).toMatchObject({ name: original.name, char: original.char, field: original.field });
			expect((e as MissingGlyphError).codePoint).toBe(original.codePoint);
			expect(generationErrorText(e)).toBe(generationErrorText(original));
		}
	});

	it('re-creates an unknown template version and a schema error', async () => {
		const unknown = await across(new UnknownTemplateVersionError('CD-FA-2030.1', 'framework'));
		expect(unknown).toBeInstanceOf(UnknownTemplateVersionError);
		expect(unknown).toMatchObject({ version: 'CD-FA-2030.1', kind: 'framework' });
		const zod = contractRecord.safeParse({ kind: 'framework' }).error!;
		const revived = await across(zod);
		expect(revived).toBeInstanceOf(ZodError);
		expect((revived as ZodError).issues).toEqual(JSON.parse(JSON.stringify(zod.issues)));
		expect(generationErrorText(revived)).toBe(generationErrorText(zod));
	});

	it('keeps a failed font fetch recognisable as one (TypeError offline, "font …" on an HTTP error)', async () => {
		const offline = await across(new TypeError('Failed to fetch'));
		expect(offline).toBeInstanceOf(TypeError);
		const http = await across(new Error('font /fonts/x.ttf: HTTP 503'));
		expect(http.message).toBe('font /fonts/x.ttf: HTTP 503');
		const other = await across('not an error');
		expect(other).toBeInstanceOf(Error);
	});
});
