// Print view, network off: a contract of 5+ pages printed to PDF (page.pdf) gives as many A4 pages, each the page's image with its text.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { extractText, getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { checkFirst, fillContact, signIn, underServiceWorker } from '../support/e2e/helpers';

const squash = (s: string) => s.replace(/\s+/g, '');
const A4 = { width: 595.28, height: 841.89 };

async function downloadBytes(page: Page): Promise<Uint8Array> {
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-download').click()]);
	return new Uint8Array(await readFile((await dl.path())!));
}

async function pageTexts(bytes: Uint8Array): Promise<string[]> {
	const { text } = await extractText(await getDocumentProxy(bytes.slice()), { mergePages: false });
	return text.map(squash);
}

test('the print view prints every page of the stored PDF on its own A4 sheet, offline', async ({ page, context }) => {
	test.setTimeout(180_000);
	// window.print() is only counted: the dialog itself is the browser's, page.pdf() is the printout.
	await context.addInitScript(() => {
		(window as unknown as { printCalls: number }).printCalls = 0;
		window.print = () => void (window as unknown as { printCalls: number }).printCalls++;
	});
	await signIn(page, 'demo');
	// The pull has brought every contract of the account (specs before this one attach orders): no box locks mid-tick.
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
	await underServiceWorker(page);
	await context.setOffline(true);

	// An order contract long enough for 5 pages, generated offline through the real flow.
	await page.goto('/contracts');
	await page.getByTestId('start-order').click();
	const rows = page.getByTestId('order-option');
	await expect(rows).toHaveCount(20);
	// 30 orders not in a contract yet (specs before this one may have attached some), page after page.
	const free = rows.locator('input[type="checkbox"]:not(:disabled):not(:checked)');
	for (let ticked = 0; ticked < 30;) {
		if ((await free.count()) > 0) {
			await checkFirst(free);
			ticked++;
			continue;
		}
		const firstOnPage = await rows.first().locator('label').textContent();
		await page.getByRole('button', { name: '下一页' }).click();
		await expect(rows.first().locator('label')).not.toHaveText(firstOnPage!);
	}
	await fillContact(page, '李喆');
	await page.getByTestId('to-confirm').click();
	await page.getByRole('button', { name: '确认并生成合同' }).click({ timeout: 10_000 });
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	const id = page.url().split('/').pop()!;
	const stored = await downloadBytes(page);
	const expected = await pageTexts(stored);
	// 30 orders make 5 pages or more, depending on the template version's layout.
	const pages = expected.length;
	expect(pages, 'the generated contract has at least 5 pages').toBeGreaterThanOrEqual(5);

	await page.getByTestId('doc-print').click();
	await expect(page).toHaveURL(new RegExp(`/contracts/${id}/print`));
	await expect(page.getByTestId('print-sheets')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
	await expect(page.getByTestId('print-sheet')).toHaveCount(pages);
	// Asked for the dialog once, and a reload of the view would not ask again.
	await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
	expect(new URL(page.url()).searchParams.get('auto')).toBeNull();
	// Nothing of the app's chrome is on the printed page.
	await expect(page.locator('header.app-header, nav')).toHaveCount(0);

	const printed = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
	const doc = await getDocumentProxy(printed.slice());
	expect(doc.numPages).toBe(pages);
	const { OPS } = await getResolvedPDFJS();
	for (let n = 1; n <= doc.numPages; n++) {
		const p = await doc.getPage(n);
		const { width, height } = p.getViewport({ scale: 1 });
		expect(Math.abs(width - A4.width), `page ${n} is A4 wide`).toBeLessThan(1.5);
		expect(Math.abs(height - A4.height), `page ${n} is A4 high`).toBeLessThan(1.5);
		const ops = await p.getOperatorList();
		expect(
			ops.fnArray.filter((op) => op === OPS.paintImageXObject).length,
			`page ${n} is drawn from the rendered image`
		).toBe(1);
	}
	// The invisible text layer printed with each image: page n's text is the stored PDF's page n text.
	expect(await pageTexts(printed)).toEqual(expected);
});
