// Sync end to end: offline submissions wait in the outbox, go out by themselves when online, and server changes come down.
import { expect, test } from '@playwright/test';
import { DEFAULT_VERIFICATION, DEMO_UNVERIFIED_ACCOUNT_ID } from '../../server/seed';
import { ADMIN_TOKEN, generateFramework, onAnotherDevice, signIn, underServiceWorker } from '../support/e2e/helpers';

test('offline contracts wait in the outbox, register by themselves once online, and a back-office verification reaches the device', async ({
	page,
	context,
	browser,
	request
}) => {
	test.setTimeout(150_000);
	await signIn(page, 'demo');
	await underServiceWorker(page);
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced');

	await context.setOffline(true);
	await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
	const ids: string[] = [];
	for (const person of ['李喆', '王珺']) {
		ids.push(await generateFramework(page, person));
		await expect(page.getByTestId('contract-status')).toHaveAttribute('data-status', 'pending');
	}

	// Both wait in the outbox; the badge says so.
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'offline');
	await expect(page.getByTestId('sync-badge')).toHaveText('离线 · 2 项待发送');
	await page.getByTestId('sync-badge').click();
	await expect(page).toHaveURL(/\/outbox$/);
	const rows = page.getByTestId('outbox-row');
	await expect(rows).toHaveCount(2);
	for (const id of ids) {
		const row = page.locator(`[data-testid="outbox-row"][data-resource="${id}"]`);
		await expect(row).toHaveAttribute('data-state', 'pending');
		await expect(row).toContainText('合同登记');
		await expect(row).toContainText('等待发送');
	}

	// Back online: no click — the `online` event (and Background Sync) flushes the outbox.
	await context.setOffline(false);
	for (const id of ids)
		await expect(page.locator(`[data-testid="outbox-row"][data-resource="${id}"]`)).toHaveAttribute(
			'data-state',
			'done',
			{ timeout: 20_000 }
		);
	await expect(page.getByTestId('outbox-summary')).toContainText('全部内容已送达服务商');
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced');
	await expect(page.getByTestId('sync-badge')).toContainText('已同步');

	await page.getByRole('link', { name: '合同管理' }).first().click();
	for (const id of ids) {
		await expect(
			page.locator(`[data-testid="contract-row"][data-id="${id}"] [data-testid="contract-status"]`)
		).toHaveAttribute('data-status', 'effective');
	}

	// The server holds each exactly once.
	const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
	const contracts = (await (await request.get('/api/v1/admin/contracts', { headers: admin })).json()) as {
		contracts: { id: string; status: string }[];
	};
	for (const id of ids)
		expect(contracts.contracts.filter((c) => c.id === id)).toEqual([
			expect.objectContaining({ id, status: 'effective' })
		]);

	// A second device signed in as the unverified account.
	await onAnotherDevice(browser, async (phone) => {
		await signIn(phone, 'demo-unverified');
		await expect(phone.getByTestId('verification-state')).toHaveText('未完成实名认证');

		// The back office verifies it…
		// …with the identity from its real-name check (the route has no default identity)…
		const verified = await request.post(`/api/v1/admin/accounts/${DEMO_UNVERIFIED_ACCOUNT_ID}/verify`, {
			headers: admin,
			data: DEFAULT_VERIFICATION
		});
		expect(verified.status()).toBe(200);

		// …and the device shows it after its next pull, here from the "sync now" button.
		await phone.getByTestId('sync-badge').click();
		await phone.getByTestId('outbox-sync-now').click();
		await phone.getByRole('link', { name: '首页' }).first().click();
		await expect(phone.getByTestId('verification-state')).toHaveText('已实名认证');
	});
});
