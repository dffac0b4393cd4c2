// The registry: every released version has a renderer, a record renders with its own version's, an unknown one is refused.
import { describe, expect, it } from 'vitest';
import { TEMPLATE_VERSIONS } from '../domain/templateVersions';
import { exampleFramework } from './examples';
import { FONT_SET_OF } from './fontSets';
import { loadContractFontsNode } from './fonts-node';
import { RENDERERS, rendererFor, UnknownTemplateVersionError } from './registry';
import { renderContractPdf } from './render';

describe('renderer registry', () => {
	it('has exactly one renderer per released template version', () => {
		expect(Object.keys(RENDERERS).sort()).toEqual(Object.keys(TEMPLATE_VERSIONS).sort());
		for (const version of Object.keys(TEMPLATE_VERSIONS))
			expect(rendererFor(version)).toBe(RENDERERS[version as keyof typeof RENDERERS]);
	});

	it('each renderer declares the font set font loading uses for its version', () => {
		for (const [version, renderer] of Object.entries(RENDERERS))
			expect(renderer.fontSet, version).toBe(FONT_SET_OF[version as keyof typeof FONT_SET_OF]);
	});

	it('refuses a version nobody released, and one that does not serve the kind, with a clear error', async () => {
		const fonts = await loadContractFontsNode();
		const record = { ...exampleFramework(), templateVersion: 'CD-FA-2099.9' };
		const error = await renderContractPdf(record, fonts).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(UnknownTemplateVersionError);
		expect((error as Error).message).toBe('No renderer for template version "CD-FA-2099.9"');
		expect(() => rendererFor('__proto__')).toThrow(UnknownTemplateVersionError);
		expect(() => rendererFor('CD-FA-2026.1', 'lease')).toThrow(
			'Template version "CD-FA-2026.1" has no renderer for lease contracts'
		);
	});

	it('refuses fonts of another font set', async () => {
		const fonts = await loadContractFontsNode();
		await expect(renderContractPdf(exampleFramework(), { ...fonts, set: 'nope' as never })).rejects.toThrow(/font set/);
	});
});
