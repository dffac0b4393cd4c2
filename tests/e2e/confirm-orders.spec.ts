// The confirm page of an order contract lists every chosen order, on a 390×844 phone: a windowed list (only the rows on
// screen in the DOM) whose last order is reached by scrolling the page, with the full count and total.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { fillContact, signIn } from '../support/e2e/helpers';

test.use({ viewport: { width: 390, height: 844 } });

test('confirm page: all chosen orders, windowed, the last one reached by scrolling', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo');
	await page.goto('/contracts/new/order');
	const selectAll = page.getByTestId('select-all-matching');
	await expect(selectAll).toBeEnabled({ timeout: 20_000 });
	await selectAll.click();
	await expect(page.getByTestId('selection-text')).not.toContainText('已选 0 个');
	const text = (await page.getByTestId('selection-text').textContent())!;
	const count = Number(/已选 (\d+) 个订单/.exec(text)?.[1]);
	expect(count).toBeGreaterThan(21);
	await fillContact(page, '李喆');
	await page.getByTestId('to-confirm').click();

	const list = page.getByTestId('attachment-orders');
	await expect(list).toBeVisible();
	await expect(list).toHaveAttribute('aria-rowcount', String(count + 1));
	await expect(page.getByTestId('attachment-list-total')).toContainText(`共 ${count} 个订单`);
	await expect(page.getByTestId('attachment-order-count')).toHaveText(String(count));
	await expect(page.getByText(/前 \d+ 个（共/)).toHaveCount(0);
	// Only a window of the rows is in the DOM.
	const inDom = await page.getByTestId('attachment-order').count();
	expect(inDom).toBeGreaterThan(0);
	expect(inDom).toBeLessThan(40);
	await page.screenshot({ path: test.info().outputPath('confirm-orders-top.png') });
	// The table with focusable rows passes axe (serious and critical).
	const axe = await new AxeBuilder({ page })
		.include('[data-testid="attachment-orders"]')
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.analyze();
	expect(
		axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)
	).toEqual([]);

	// Scroll the page like a thumb until the last order shows.
	const last = page.locator(`[data-testid="attachment-order"][aria-rowindex="${count + 1}"]`);
	for (let i = 0; i < 200 && !(await last.isVisible()); i++) await page.mouse.wheel(0, 600);
	await expect(last).toBeInViewport();
	await expect(last.locator('[role="cell"]').first()).toHaveText(String(count));
	expect(await page.getByTestId('attachment-order').count()).toBeLessThan(40);
	// Every row is as tall as the others (the list's arithmetic depends on it) and the id is on one line.
	const heights = await page
		.getByTestId('attachment-order')
		.evaluateAll((rows) => [...new Set(rows.map((r) => Math.round(r.getBoundingClientRect().height)))]);
	expect(heights).toHaveLength(1);
	await page.screenshot({ path: test.info().outputPath('confirm-orders-end.png') });

	// The keyboard walks every row: Home goes back to the first order, End to the last.
	await last.focus();
	await page.keyboard.press('Home');
	const first = page.locator('[data-testid="attachment-order"][aria-rowindex="2"]');
	await expect(first).toBeFocused();
	await expect(first).toBeInViewport();
	await page.keyboard.press('End');
	await expect(last).toBeFocused();
	await expect(last).toBeInViewport();
});
