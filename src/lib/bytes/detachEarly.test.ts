// detachEarly keeps V8 from deoptimizing the renderer when a worker first transfers a PDF (counted with --trace-deopt).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Optimized functions V8 throws away for the render worker's first transfer of a PDF, once its code is warm. */
function deoptsAfterFirstTransfer(early: boolean): number {
	const script = `
		const { detachEarly } = await import(${JSON.stringify(src('./detachEarly.ts'))});
		const { exampleFramework } = await import(${JSON.stringify(src('../pdf/examples.ts'))});
		const { loadContractFontsNode } = await import(${JSON.stringify(src('../pdf/fonts-node.ts'))});
		const { renderContractPdf } = await import(${JSON.stringify(src('../pdf/render.ts'))});
		if (${early}) detachEarly();
		const fonts = await loadContractFontsNode();
		for (let i = 0; i < 8; i++) await renderContractPdf(exampleFramework(), fonts);
		const bytes = await renderContractPdf(exampleFramework(), fonts);
		new Function('%FinalizeOptimization()')();
		console.log('-- transfer');
		structuredClone(bytes, { transfer: [bytes.buffer] });
		for (let i = 0; i < 2; i++) await renderContractPdf(exampleFramework(), fonts);
	`;
	// The background compilers' jobs finished before the transfer (a V8 native): on a busy machine they may not be, and
	// there would be less optimized code to throw away than the control needs to show.
	const flags = ['--trace-deopt', '--allow-natives-syntax'];
	const out = execFileSync(process.execPath, ['--import', 'tsx', ...flags, '--input-type=module', '-e', script], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const after = out.slice(out.indexOf('-- transfer'));
	// What the first detach invalidates is V8's protector cell: code depending on it is marked with this reason. Other
	// deoptimizations (type feedback still settling, more of them on a busy machine) are not the transfer's doing.
	return after.split('\n').filter((l) => /marking dependent code .*reason: dependent property cell changed/.test(l))
		.length;
}

describe('detachEarly', () => {
	it('leaves nothing to deoptimize when the first PDF is transferred', { timeout: 120_000 }, () => {
		// Without it V8 throws away the renderer's optimized code (26–122 functions seen): the count proves it sees them.
		expect(deoptsAfterFirstTransfer(false)).toBeGreaterThan(10);
		expect(deoptsAfterFirstTransfer(true)).toBeLessThan(3);
	});
});
