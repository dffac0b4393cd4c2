// Templates CD-FA/CD-FL/CD-OR-2026.2 are frozen once released: their example contracts render to exactly these bytes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exampleFiling, exampleFramework, exampleOrder } from '../../examples';
import { loadContractFontsNode } from '../../fonts-node';
import { renderContractPdf } from '../../render';

// Computed when the versions were released (jspdf 4.2.1, qrcode 1.5.4, font set serif-2026.2: the GBK
// regular cut and the 2026.2 bold cut of Noto Serif SC 0.4.3 by subset-font 2.9.0). A change here means
// registered 2026.2 contracts would no longer verify: never update these, make a new version instead.
const GOLDEN = {
	'CD-FA-2026.2': ['ad554c1ec87f38a2f8bb2ecd53c4853c2363fc1a890a3e90bfaded62e2bc6c77', () => exampleFramework('CD-FA-2026.2')],
	'CD-FL-2026.2': ['3f2b21c35ffddde7fd5923573a8156e852bf01cb7526b141c20c6eebf7fa7c80', () => exampleFiling('CD-FL-2026.2')],
	'CD-OR-2026.2': ['2ead5881a02ec21975bbbd98d65ce37c7e2af41ef8dfcc904a3a2bbc3d317a29', () => exampleOrder('CD-OR-2026.2')]
} as const;

const FONTS = {
	regular: '6d650b60ed4448c599e3b01ccec7b6af1862bd7d382faa343d8842c2a403ca80',
	bold: '56fcda1809de2d7ae74359c67a0b80838fff3d9b69ebf35f1c7a1351d8190aef'
} as const;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('2026.2', () => {
	it('is rendered from the same font files', async () => {
		const fonts = await loadContractFontsNode('CD-FA-2026.2');
		expect({ regular: sha256(fonts.regular), bold: sha256(fonts.bold) }).toEqual(FONTS);
	});

	it.each(Object.keys(GOLDEN) as (keyof typeof GOLDEN)[])('%s renders its example to the released bytes', async (version) => {
		const [want, make] = GOLDEN[version];
		const record = make();
		expect(record.templateVersion).toBe(version);
		expect(sha256(await renderContractPdf(record, await loadContractFontsNode(version)))).toBe(want);
	});
});
