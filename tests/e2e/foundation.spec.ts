// Foundation: sign in, the account's data comes down into IndexedDB, browse it with the network off.
import { expect, test } from '@playwright/test';
import { onAnotherDevice, signIn } from '../support/e2e/helpers';

test('a verified account browses its filings and orders, online and offline', async ({ page, context }) => {
	await signIn(page, 'demo');
	await expect(page.getByTestId('verification-state')).toHaveText('已实名认证');
	await expect(page.getByTestId('entity-name')).toContainText('喆');
	await expect(page.getByTestId('count-filings')).toHaveText('3');
	await expect(page.getByTestId('count-orders')).toHaveText('300');

	await page.getByRole('link', { name: '备案' }).first().click();
	await expect(page.getByTestId('filing')).toHaveCount(3);

	await page.getByRole('link', { name: '订单' }).first().click();
	await expect(page.getByTestId('orders-count')).toHaveText('共 300 条');
	await expect(page.getByTestId('order-row')).toHaveCount(20);
	const firstId = (await page.getByTestId('order-row').first().locator('td').first().textContent())!.trim();
	await page.getByRole('searchbox').fill(firstId);
	await expect(page.getByTestId('orders-count')).toHaveText('共 1 条');
	await page.getByRole('searchbox').fill('');
	await expect(page.getByTestId('orders-count')).toHaveText('共 300 条');

	await context.setOffline(true);
	await expect(page.getByText('当前离线')).toBeVisible();
	await page.getByRole('link', { name: '首页' }).first().click();
	await expect(page.getByTestId('count-orders')).toHaveText('300');
	await page.getByRole('link', { name: '备案' }).first().click();
	await expect(page.getByTestId('filing')).toHaveCount(3);
	await page.getByRole('link', { name: '订单' }).first().click();
	await expect(page.getByTestId('order-row')).toHaveCount(20);
	await page.getByRole('searchbox').fill('云数据库');
	await expect(page.getByTestId('orders-count')).not.toHaveText('共 300 条');
	await expect(page.getByTestId('order-row').first()).toContainText('云数据库');

	// The language switch persists across a reload.
	await context.setOffline(false);
	await page.getByLabel('语言').selectOption('en');
	await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
	await page.getByLabel('Language').selectOption('zh-CN');
});

test('an unverified account sees why it cannot apply', async ({ browser }) => {
	await onAnotherDevice(browser, async (page) => {
		await signIn(page, 'demo-unverified');
		await expect(page.getByTestId('verification-state')).toHaveText('未完成实名认证');
		await expect(page.getByText('只有完成实名认证')).toBeVisible();
	});
});

test('a wrong code is refused, and the first sign-in offline says it needs a connection', async ({ page, context }) => {
	await page.goto('/signin');
	await page.locator('#code').fill('nope');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('访问码不正确，请检查后重试。');
	await context.setOffline(true);
	await page.locator('#code').fill('demo');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toHaveText('首次登录需要联网。请连接网络后重试。');
});
