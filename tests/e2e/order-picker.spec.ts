// The order picker on the narrowest phone (320 px) once an order is already in a contract: nothing wider than the screen, the
// 「已在合同…中」 mark under its order number, 44 px boxes, 下一步 reachable; the confirm list shows whole product names and specs.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fillContact, signIn } from '../support/e2e/helpers';

test.use({ viewport: { width: 320, height: 640 } });

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function box(locator: Locator): Promise<Box> {
	const b = await locator.boundingBox();
	expect(b, 'the element is rendered').not.toBeNull();
	return b!;
}

async function pageWidth(page: Page): Promise<{ scroll: number; viewport: number }> {
	return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

test('the picker with an order already in a contract fits 320 px in both languages, and 下一步 takes the tap', async ({
	page
}) => {
	test.setTimeout(150_000);
	await signIn(page, 'demo');

	// An order contract with the newest order: that order is then "already in a contract".
	await page.goto('/contracts/new/order');
	await expect(page.getByTestId('select-all-matching')).toBeEnabled({ timeout: 20_000 });
	await page.locator('#order-month').selectOption({ index: 0 });
	const firstBox = page.getByTestId('order-option').first().locator('input[type="checkbox"]');
	await firstBox.check();
	await expect(page.getByTestId('selection-text')).toContainText('已选 1 个订单');
	await fillContact(page, '李喆');
	await page.getByTestId('to-confirm').click();
	await page.getByTestId('generate').click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 60_000 });

	for (const lang of ['zh-CN', 'en'] as const) {
		await page.evaluate((l) => localStorage.setItem('contract-desk.locale', l), lang);
		await page.goto('/contracts/new/order');
		await expect(page.getByTestId('select-all-matching')).toBeEnabled({ timeout: 20_000 });
		await page.locator('#order-month').selectOption({ index: 0 });
		const attachedRow = page
			.getByTestId('order-option')
			.filter({ has: page.getByTestId('order-attached') })
			.first();
		await expect(attachedRow).toBeVisible();
		await page.screenshot({ path: test.info().outputPath(`picker-320-${lang}.png`), fullPage: true });

		const width = await pageWidth(page);
		expect(width.scroll, `${lang}: the page is no wider than the phone`).toBeLessThanOrEqual(width.viewport);
		const badge = await box(attachedRow.getByTestId('order-attached'));
		const id = await box(attachedRow.getByTestId('order-option-id'));
		expect(overlaps(badge, id), `${lang}: the mark does not cover the order number`).toBe(false);
		expect(badge.x + badge.width, `${lang}: the mark ends inside the screen`).toBeLessThanOrEqual(width.viewport);
		expect(id.x + id.width, `${lang}: the order number ends inside the screen`).toBeLessThanOrEqual(width.viewport);
		// The header and the tab bar stay on the screen.
		const nav = await box(page.locator('nav.app-nav'));
		expect(nav.x + nav.width).toBeLessThanOrEqual(width.viewport);
		// Every order's box is a 44×44 target.
		for (const b of await page.getByTestId('order-option').locator('input[type="checkbox"]').all()) {
			const size = await box(b);
			expect(size.width).toBeGreaterThanOrEqual(44);
			expect(size.height).toBeGreaterThanOrEqual(44);
		}
	}

	// A free order, then 下一步 with a real click: Playwright refuses it if the sticky summary (or anything) takes the tap.
	const free = page
		.getByTestId('order-option')
		.filter({ hasNot: page.getByTestId('order-attached') })
		.first();
	await free.locator('input[type="checkbox"]').check();
	await page.getByTestId('to-confirm').click();
	await expect(page.getByTestId('attachment-orders')).toBeVisible();

	// The confirm list: the whole product name and the spec, nothing cut.
	const row = page.getByTestId('attachment-order').first();
	for (const cell of ['.product', '.spec']) {
		const c = row.locator(cell);
		await expect(c).toBeVisible();
		expect(await c.textContent()).not.toBe('');
		const cut = await c.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1);
		expect(cut, `${cell} is shown whole`).toBe(false);
	}
	const width = await pageWidth(page);
	expect(width.scroll).toBeLessThanOrEqual(width.viewport);
	await page.screenshot({ path: test.info().outputPath('confirm-320-en.png') });
});
