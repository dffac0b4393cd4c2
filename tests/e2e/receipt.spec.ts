// 确认收到 end to end: a returned paper contract is confirmed online and offline (kept through a reload, sent once
// online), reaches the provider, shows 已完成 on the list, the contract page and /stamping, and leaves home's 待办.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
	ADMIN_TOKEN,
	fillReturnAddress,
	generateFramework,
	onAnotherDevice,
	signIn,
	storedRows,
	underServiceWorker
} from '../support/e2e/helpers';

test.use({ viewport: { width: 390, height: 844 } });

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

async function adminEvents(request: APIRequestContext, contractId: string): Promise<string[]> {
	const listed = (await (await request.get('/api/v1/admin/contracts', { headers: admin })).json()) as {
		contracts: { id: string; stampingEvents: string[] }[];
	};
	return listed.contracts.find((c) => c.id === contractId)?.stampingEvents ?? [];
}

/** A framework contract whose return address reached the provider and which the back office mailed back. */
async function returnedContract(page: Page, request: APIRequestContext): Promise<string> {
	const contractId = await generateFramework(page, '李喆');
	await page.goto(`/contracts/${contractId}/stamping`);
	await fillReturnAddress(page);
	await page.getByTestId('stamp-submit').click();
	await page.getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
	// After submission the page belongs to this request: no way off to another contract, and the address's
	// arrival is not mistaken for the paper's.
	await expect(page.getByTestId('stamp-other-contract')).toHaveCount(0);
	await expect(page.getByTestId('stamp-send-mail-hint')).toBeVisible();
	await expect(page.getByTestId('stamp-step-received')).toContainText('服务商收到纸质合同');
	await expect(page.getByTestId('stamp-step-received')).not.toContainText('已收到');
	for (const step of ['received', 'stamped', 'returned']) {
		const body = step === 'returned' ? { data: { courier: '顺丰速运', trackingNumber: 'SF1000000009' } } : {};
		const res = await request.post(`/api/v1/admin/contracts/${contractId}/stamping/${step}`, {
			headers: admin,
			...body
		});
		expect(res.status()).toBe(200);
	}
	await page.reload();
	await expect(page.getByTestId('stamp-step-returned')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
	return contractId;
}

async function homeReturnedCount(page: Page): Promise<number> {
	await page.goto('/');
	await expect(page.getByTestId('home-needs')).toBeVisible();
	await expect(page.getByTestId('home-paper-entry')).toBeVisible();
	const need = page.getByTestId('home-need-returned');
	// Live query: wait for the list (or its "nothing") before reading.
	await expect(page.getByTestId('home-needs-nothing').or(page.locator('.needs li')).first()).toBeVisible();
	return (await need.count()) ? Number(await need.getAttribute('data-count')) : 0;
}

async function expectCompletedEverywhere(page: Page, contractId: string): Promise<void> {
	await page.goto(`/contracts/${contractId}`);
	await expect(page.getByTestId('paper-badge')).toHaveAttribute('data-state', 'completed');
	await expect(page.getByTestId('paper-badge')).toContainText('已完成');
	await page.goto('/stamping?state=completed');
	await expect(page.getByTestId('paper-state-filter')).toHaveValue('completed');
	const row = page.locator(`[data-testid="paper-row"][data-id="${contractId}"]`);
	await expect(row).toHaveAttribute('data-state', 'completed');
	await expect(row.getByTestId('paper-badge')).toContainText('已完成');
	await page.goto('/stamping?state=returned');
	await expect(page.getByText('没有这一状态的纸质申请。').or(page.getByTestId('paper-count')).first()).toBeVisible();
	await expect(page.locator(`[data-testid="paper-row"][data-id="${contractId}"]`)).toHaveCount(0);
	// The contract list: its paper filter and badge.
	await page.goto('/contracts');
	await page.getByTestId('contract-paper-filter').selectOption('completed');
	const listed = page.locator(`[data-testid="contract-row"][data-id="${contractId}"]`);
	await expect(listed.getByTestId('paper-badge')).toHaveAttribute('data-state', 'completed');
	await expect(listed.getByTestId('paper-badge')).toContainText('已完成');
	// The filter is kept across visits: leave it as the other specs expect.
	await page.getByTestId('contract-paper-filter').selectOption('');
}

test('确认收到 online: asked once more, completes the request at once, and a second device sees it', async ({
	page,
	request,
	browser
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'demo');
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced');
	const contractId = await returnedContract(page, request);
	// Back: no due date, so no estimate note either.
	await expect(page.getByTestId('stamp-due')).toHaveCount(0);
	await expect(page.getByTestId('stamp-due-provisional')).toHaveCount(0);

	const before = await homeReturnedCount(page);
	expect(before).toBeGreaterThanOrEqual(1);
	await expect(page.getByTestId('home-confirm-receipt')).toBeVisible();

	await page.goto(`/contracts/${contractId}/stamping`);
	await page.getByTestId('stamp-receipt-confirm').click();
	const dialog = page.getByRole('dialog', { name: '确认已收到盖章合同？' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText('无法撤销');
	await expect(dialog.getByTestId('stamp-receipt-offline')).toHaveCount(0);
	// The safe choice has the focus; Escape and 暂不确认 change nothing.
	await expect(dialog.getByTestId('stamp-receipt-cancel')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('stamp-receipt-confirm')).toBeFocused();
	expect(await adminEvents(request, contractId)).toEqual(['received', 'stamped', 'returned']);
	await page.getByTestId('stamp-receipt-confirm').click();
	expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
	await dialog.getByTestId('stamp-receipt-submit').click();

	await expect(page.getByTestId('stamp-completed')).toBeFocused();
	await expect(page.getByTestId('stamp-receipt')).toHaveCount(0);
	await expect(page.getByTestId('stamp-step-confirmed')).toHaveAttribute('data-done', 'true');
	await expect(page.getByTestId('stamp-receipt-send-state')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
	await expect.poll(() => adminEvents(request, contractId)).toEqual(['received', 'stamped', 'returned', 'confirmed']);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	expect(await homeReturnedCount(page)).toBe(before - 1);
	await expectCompletedEverywhere(page, contractId);

	// Another device of the account learns it from the pull.
	await onAnotherDevice(browser, async (other) => {
		await signIn(other, 'demo');
		await expect(other.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
		await other.goto(`/contracts/${contractId}/stamping`);
		await expect(other.getByTestId('stamp-completed')).toBeVisible({ timeout: 20_000 });
		await expect(other.getByTestId('stamp-receipt-confirm')).toHaveCount(0);
	});
});

test('确认收到 offline: kept on the device through a reload, sent once online, and the provider gets it once', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'demo');
	await underServiceWorker(page);
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced');
	const contractId = await returnedContract(page, request);
	const before = await homeReturnedCount(page);
	await page.goto(`/contracts/${contractId}/stamping`);
	await expect(page.getByTestId('stamp-receipt-confirm')).toBeVisible();

	await context.setOffline(true);
	await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
	await page.getByTestId('stamp-receipt-confirm').click();
	const dialog = page.getByRole('dialog', { name: '确认已收到盖章合同？' });
	await expect(dialog.getByTestId('stamp-receipt-offline')).toBeVisible();
	await dialog.getByTestId('stamp-receipt-submit').click();
	await expect(page.getByTestId('stamp-completed')).toBeVisible();
	await expect(page.getByTestId('stamp-receipt-send-state')).toHaveAttribute('data-state', 'pending');
	await expect(page.getByTestId('stamp-receipt-send-state')).toContainText('联网后会自动告知服务商');

	// A reload offline (under the service worker) keeps it: completed here, waiting to be sent.
	await page.reload();
	await expect(page.getByTestId('stamp-completed')).toBeVisible();
	await expect(page.getByTestId('stamp-receipt-send-state')).toHaveAttribute('data-state', 'pending');
	const queued = await storedRows<{ kind: string; resourceId: string; status: string }>(page, 'outbox');
	expect(queued.filter((r) => r.resourceId === contractId && r.kind === 'confirmReceipt').map((r) => r.status)).toEqual(
		['pending']
	);
	expect(await adminEvents(request, contractId)).toEqual(['received', 'stamped', 'returned']);

	await context.setOffline(false);
	await expect(page.getByTestId('stamp-receipt-send-state')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
	await expect.poll(() => adminEvents(request, contractId)).toEqual(['received', 'stamped', 'returned', 'confirmed']);
	const sent = await storedRows<{ kind: string; resourceId: string; status: string; attempts: number }>(page, 'outbox');
	expect(sent.filter((r) => r.resourceId === contractId && r.kind === 'confirmReceipt').map((r) => r.status)).toEqual([
		'done'
	]);

	expect(await homeReturnedCount(page)).toBe(before - 1);
	await expectCompletedEverywhere(page, contractId);
});
