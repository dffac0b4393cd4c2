// The orders page on a 390×844 phone finds an order by a part read off an invoice (the middle of its id), marks the
// match inside the id, and the order picker does the same.
import { expect, test } from '@playwright/test';
import { signIn } from '../support/e2e/helpers';

test.use({ viewport: { width: 390, height: 844 } });

test('orders: a middle part of an id finds the order and is marked, on the orders page and in the picker', async ({
	page
}) => {
	await signIn(page, 'demo');
	await page.goto('/orders');
	const id = (await page.getByTestId('order-row').nth(3).locator('td').first().textContent())!.trim();
	const part = id.slice(8, 16);
	await page.locator('#order-search').fill(part);
	await expect(page.getByTestId('orders-count')).toHaveText('共 1 条');
	const row = page.getByTestId('order-row');
	await expect(row).toHaveCount(1);
	await expect(row.locator('td').first()).toHaveText(id);
	await expect(row.getByTestId('search-mark')).toHaveText(part);
	// The marked id stays one value: on one line, not split apart by the phone's label/value row.
	const lines = await row
		.locator('td')
		.first()
		.locator('span')
		.first()
		.evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size);
	expect(lines).toBe(1);
	await page.screenshot({ path: test.info().outputPath('orders-search-390.png') });

	await page.goto('/contracts/new/order');
	await page.locator('#order-search').fill(id.slice(-6));
	await expect(page.getByTestId('orders-count')).toHaveText('共 1 条');
	await expect(page.getByTestId('order-option').getByTestId('search-mark')).toHaveText(id.slice(-6));
});
