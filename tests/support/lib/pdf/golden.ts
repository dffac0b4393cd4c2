// The golden test of a released template version: its example contracts render to exactly the released bytes, from the same font files.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TemplateVersion } from '../../../../src/lib/domain/templateVersions';
import { EXAMPLES, type ExampleKind } from '../../../../src/lib/pdf/examples';
import { loadContractFontsNode } from '../../../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../../../src/lib/pdf/render';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * `fonts`: the SHA-256 of the regular and bold files the version renders with; `examples`: per version and kind,
 * the SHA-256 of the example's PDF when it was released. Never update a released hash: make a new version instead.
 */
export function describeGolden(
	label: string,
	fonts: { regular: string; bold: string },
	examples: readonly (readonly [version: TemplateVersion, kind: ExampleKind, sha256: string])[]
): void {
	describe(label, () => {
		it('is rendered from the same font files', async () => {
			const loaded = await loadContractFontsNode(examples[0]![0]);
			expect({ regular: sha256(loaded.regular), bold: sha256(loaded.bold) }).toEqual(fonts);
		});

		it.each(examples)('%s renders its %s example to the released bytes', async (version, kind, want) => {
			const record = EXAMPLES[kind](version);
			expect(record.templateVersion).toBe(version);
			expect(sha256(await renderContractPdf(record, await loadContractFontsNode(version)))).toBe(want);
		});
	});
}
