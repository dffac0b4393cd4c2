// The same record gives byte-identical PDF bytes in Chromium and in Node: the server's re-render relies on it.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { build } from 'vite';
import { sha256Hex } from '../../src/lib/domain/canonical';
import type { ContractRecord } from '../../src/lib/domain/contract';
import { EXAMPLES } from '../../src/lib/pdf/examples';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';

async function bundle(): Promise<string> {
	const out = await build({
		configFile: false,
		logLevel: 'silent',
		build: { write: false, lib: { entry: join(import.meta.dirname, 'fixtures/render-entry.ts'), formats: ['iife'], name: 'render' } }
	});
	const result = (Array.isArray(out) ? out[0] : out) as { output: { type: string; code?: string }[] };
	return result.output.find((o) => o.type === 'chunk')!.code!;
}

test('each kind renders to the same bytes in Chromium as in Node', async ({ page }) => {
	const code = await bundle();
	await page.goto('/signin');
	await page.addScriptTag({ content: code });
	const fonts = await loadContractFontsNode();
	for (const [kind, make] of Object.entries(EXAMPLES)) {
		const record = make() as ContractRecord;
		const inBrowser = await page.evaluate((r) => (globalThis as unknown as { renderSha256: (r: unknown) => Promise<string> }).renderSha256(r), record);
		const inNode = await sha256Hex(await renderContractPdf(record, fonts));
		expect(inBrowser, kind).toBe(inNode);
	}
});
