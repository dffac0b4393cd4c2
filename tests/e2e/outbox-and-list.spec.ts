// The outbox as people read it, on a 320 px phone in English (waiting, then all delivered; the title follows), and the
// contract list's search: kept while the user opens a result and comes back, cleared by a named button, gone on a new visit.
import { expect, test, type Page } from '@playwright/test';
import { generateFramework, signIn } from '../support/e2e/helpers';

async function fitsWidth(page: Page): Promise<void> {
	const { scroll, viewport } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		viewport: window.innerWidth
	}));
	expect(scroll, 'nothing is wider than the phone').toBeLessThanOrEqual(viewport);
}

test.describe('outbox at 320 px', () => {
	// No service worker: it would send the outbox itself, past the page's route that keeps the provider unreachable.
	test.use({ viewport: { width: 320, height: 640 }, serviceWorkers: 'block' });

	test('what waits comes first with its details folded; once delivered the title says so and the history is folded', async ({
		page
	}) => {
		test.setTimeout(150_000);
		await signIn(page, 'demo');
		const delivered = await generateFramework(page, '李喆');
		await expect(page.getByTestId('contract-status')).toHaveAttribute('data-status', 'effective', { timeout: 30_000 });

		// The provider cannot be reached for submissions: the next contract waits (reads still work).
		await page.route('**/api/v1/**', (route) =>
			route.request().method() === 'GET' ? route.continue() : route.abort('connectionreset')
		);
		const waiting = await generateFramework(page, '王珺');
		await page.evaluate(() => localStorage.setItem('contract-desk.locale', 'en'));
		await page.goto('/outbox');

		await expect(page.getByTestId('outbox-heading')).toHaveText('Waiting to be sent');
		await expect(page).toHaveTitle(/^Waiting to be sent · /);
		const waitingRow = page.locator(`[data-testid="outbox-row"][data-resource="${waiting}"]`);
		await expect(waitingRow).toHaveAttribute('data-state', /pending|sending/);
		await expect(waitingRow).toContainText('Contract registration');
		// Attempts and errors are there, but folded under Details.
		const details = waitingRow.getByTestId('outbox-details');
		await expect(details.getByText('Attempts')).toBeHidden();
		await details.locator('summary').click();
		await expect(details.getByText('Attempts')).toBeVisible();
		// The delivered one is in the folded history, without technical details.
		const history = page.getByTestId('outbox-history');
		const deliveredRow = history.locator(`[data-testid="outbox-row"][data-resource="${delivered}"]`);
		await expect(deliveredRow).toBeHidden();
		await history.locator('summary').click();
		await expect(deliveredRow).toBeVisible();
		await expect(deliveredRow).toContainText('Delivered');
		await expect(deliveredRow.getByTestId('outbox-details')).toHaveCount(0);
		// The state badge and the number are whole, and the tab bar is on screen.
		const badge = waitingRow.locator('.badge');
		expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
		await expect(page.locator('nav.app-nav')).toBeInViewport();
		await fitsWidth(page);
		await page.screenshot({ path: test.info().outputPath('outbox-waiting-320-en.png'), fullPage: true });

		// The provider is reachable again: everything goes, and the title follows.
		await page.unroute('**/api/v1/**');
		await page.getByTestId('outbox-sync-now').click();
		await expect(page.getByTestId('outbox-heading')).toHaveText('All delivered', { timeout: 30_000 });
		await expect(page).toHaveTitle(/^All delivered · /);
		await expect(page.locator('section[aria-labelledby="outbox-waiting"]')).toHaveCount(0);
		await fitsWidth(page);
		await page.screenshot({ path: test.info().outputPath('outbox-delivered-320-en.png'), fullPage: true });
	});
});

test.describe('contract list search', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('kept while a result is opened, cleared by its named button, not carried into a new visit; the focused title shows no ring', async ({
		page
	}) => {
		test.setTimeout(120_000);
		await signIn(page, 'demo');
		// Two contracts, so a search for one of them shows fewer than the whole list.
		await generateFramework(page, '王珺');
		const id = await generateFramework(page, '李喆');
		const number = (await page.getByTestId('detail-number').textContent())!.trim();
		await page.goto('/contracts');
		const search = page.getByTestId('contract-search');
		await search.fill(number.slice(-6));
		const rows = page.getByTestId('contract-row');
		await expect(rows).toHaveCount(1);

		// Open the result with the keyboard: the contract's title takes focus for screen readers, without a ring.
		await page.locator(`[data-testid="contract-row"][data-id="${id}"] [data-testid="contract-link"]`).focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/contracts/${id}$`));
		const title = page.locator('main h1');
		await expect(title).toBeFocused();
		expect(await title.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');

		// Back: the query and its one result are still there, and say so.
		await page.goBack();
		await expect(search).toHaveValue(number.slice(-6));
		await expect(rows).toHaveCount(1);

		// The clear button has a name, empties the field, gives focus back to it and shows every contract again.
		const clear = page.getByRole('button', { name: '清除搜索' });
		const size = (await clear.boundingBox())!;
		expect(size.width).toBeGreaterThanOrEqual(44);
		expect(size.height).toBeGreaterThanOrEqual(44);
		await clear.click();
		await expect(search).toHaveValue('');
		await expect(search).toBeFocused();
		await expect(clear).toHaveCount(0);
		await expect.poll(() => rows.count()).toBeGreaterThan(1);

		// A new visit starts without the old query.
		await search.fill(number.slice(-6));
		await expect(rows).toHaveCount(1);
		await page.reload();
		await expect(search).toHaveValue('');
		await expect.poll(() => rows.count()).toBeGreaterThan(1);
		// The placeholder is short enough to be read whole; the full hint is below the field.
		expect(await search.evaluate((el: HTMLInputElement) => el.placeholder)).toBe('搜索编号');
		await expect(page.locator('#contract-search-hint')).toContainText('合同编号、备案号或订单号');
	});
});
