// The same record gives byte-identical PDF bytes in Chromium and in Node: the server's re-render relies on it.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { build } from 'vite';
import { sha256Hex } from '../../src/lib/domain/canonical';
import type { ContractRecord } from '../../src/lib/domain/contract';
import {
	CURRENT_TEMPLATE_VERSION,
	TEMPLATE_VERSIONS,
	type TemplateVersion
} from '../../src/lib/domain/templateVersions';
import { EXAMPLES, exampleFiling, exampleOrderContract, LONG_NAME_EXAMPLES } from '../../src/lib/pdf/examples';
import { FONT_SETS, fontSetOf } from '../../src/lib/pdf/fontSets';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';

async function bundle(): Promise<string> {
	// Vite's build sets NODE_ENV=production in this (shared) worker process; later specs spawn servers with this
	// environment, and a production server refuses their test admin token. Put it back as it was.
	const nodeEnv = process.env.NODE_ENV;
	const out = await build({
		configFile: false,
		logLevel: 'silent',
		build: {
			write: false,
			lib: { entry: join(import.meta.dirname, '../support/e2e/render-entry.ts'), formats: ['iife'], name: 'render' }
		}
	}).finally(() => {
		if (nodeEnv === undefined) delete process.env.NODE_ENV;
		else process.env.NODE_ENV = nodeEnv;
	});
	const result = (Array.isArray(out) ? out[0] : out) as { output: { type: string; code?: string }[] };
	return result.output.find((o) => o.type === 'chunk')!.code!;
}

/** Every kind in every template version that serves it, plus a long order table and an IDN filing per version, and today's long names. */
function records(): ContractRecord[] {
	const out: ContractRecord[] = [];
	for (const [version, info] of Object.entries(TEMPLATE_VERSIONS) as [
		TemplateVersion,
		(typeof TEMPLATE_VERSIONS)[TemplateVersion]
	][]) {
		for (const kind of info.kinds) {
			out.push(EXAMPLES[kind](version));
			if (kind === 'order') out.push(exampleOrderContract(60, version));
			// Today's names shrink to fit or break evenly on the execution page (2026.5): sizes found by arithmetic on widths.
			if (CURRENT_TEMPLATE_VERSION[kind] === version) out.push(LONG_NAME_EXAMPLES[kind](version));
			// From 2026.3 the complete face: names outside the BMP, CJK Extension A and Latin-1 letters.
			if (typeof FONT_SETS[fontSetOf(version)].regular !== 'string') {
				const r = EXAMPLES[kind](version);
				out.push({
					...r,
					contact: { ...r.contact, person: '邱𬘭', mailingAddress: '北京市海淀区㐀䶵路1号 Øresund Straße 5' }
				});
			}
			if (kind === 'filing') {
				const f = exampleFiling(version);
				out.push({
					...f,
					filing: {
						...f.filing,
						sites: [
							{
								...f.filing.sites[0]!,
								domains: ['喆堃.中国', 'xn--fiq228c.xn--fiqs8s', `${'a'.repeat(63)}.example.cn`]
							}
						]
					}
				});
			}
		}
	}
	return out;
}

// The test injects its own renderer bundle as an inline script, which the app's CSP rightly refuses.
test.use({ bypassCSP: true });

test('every kind of every template version renders to the same bytes in Chromium as in Node', async ({ page }) => {
	test.setTimeout(240_000);
	const code = await bundle();
	await page.goto('/signin');
	await page.addScriptTag({ content: code });
	const all = records();
	expect(all.length).toBeGreaterThanOrEqual(9);
	for (const record of all) {
		const inBrowser = await page.evaluate(
			(r) => (globalThis as unknown as { renderSha256: (r: unknown) => Promise<string> }).renderSha256(r),
			record
		);
		const inNode = await sha256Hex(
			await renderContractPdf(record, await loadContractFontsNode(record.templateVersion))
		);
		expect(inBrowser, `${record.templateVersion} ${record.kind}`).toBe(inNode);
	}
});
