// Paper copy with company seal end to end: an offline return address survives a reload, waits in the outbox, goes out once online, and the back office's receipt comes back with a due date.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { DueDate } from '../../src/lib/domain/workdays';
import { ADMIN_TOKEN, generateFramework, signIn, underServiceWorker, storedRows } from '../support/e2e/helpers';

// A phone: the page must work at 375 px without sideways scrolling.
test.use({ viewport: { width: 375, height: 812 } });

async function seriousViolations(page: Page): Promise<string[]> {
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function noSidewaysScroll(page: Page): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

test('an offline return address is kept as a draft, confirmed, sent once online, and the receipt comes back with a due date', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'demo');
	await underServiceWorker(page);
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced');
	const contractId = await generateFramework(page, '李喆');

	// From the contract's detail page to its stamping page.
	await page.getByTestId('stamping-link').click();
	await expect(page).toHaveURL(new RegExp(`/contracts/${contractId}/stamping$`));
	await expect(page.getByRole('heading', { level: 1, name: '线下盖章申请' })).toBeVisible();
	await expect(page.getByTestId('stamp-contract-number')).toHaveText(/^HT-/);
	await expect(page.getByTestId('stamp-provider-address')).toBeVisible();
	await expect(page.getByTestId('stamp-print')).toBeVisible();

	await context.setOffline(true);
	await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);

	// Typing, with errors once a field is left.
	await page.locator('#stamp-recipient').fill('王珺');
	await page.locator('#stamp-phone').fill('0755');
	await page.locator('#stamp-phone').blur();
	await expect(page.locator('#stamp-phone')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByTestId('stamp-error-phone')).toContainText('手机号');
	await page.locator('#stamp-phone').fill('0755-86013388');
	await expect(page.locator('#stamp-phone')).not.toHaveAttribute('aria-invalid', 'true');
	await page.locator('#stamp-province').selectOption('广东省');
	await page.locator('#stamp-city').selectOption('深圳市');
	await page.locator('#stamp-district').selectOption('南山区');
	await page.locator('#stamp-address').fill('科技园科苑路 8 号');

	// A reload in the middle of typing (offline, under the service worker) loses nothing.
	await expect
		.poll(
			async () =>
				(await storedRows<{ key: string; value: Record<string, string> }>(page, 'drafts')).find(
					(d) => d.key === `stamping:${contractId}`
				)?.value.address
		)
		.toBe('科技园科苑路 8 号');
	await page.reload();
	await expect(page.locator('#stamp-recipient')).toHaveValue('王珺');
	await expect(page.locator('#stamp-phone')).toHaveValue('0755-86013388');
	await expect(page.locator('#stamp-province')).toHaveValue('广东省');
	await expect(page.locator('#stamp-city')).toHaveValue('深圳市');
	await expect(page.locator('#stamp-district')).toHaveValue('南山区');
	await expect(page.locator('#stamp-address')).toHaveValue('科技园科苑路 8 号');

	await page.locator('#stamp-address').fill('科技园科苑路 8 号 12 层');
	await page.locator('#stamp-postalCode').fill('518057');
	await page.locator('#stamp-courier').fill('顺丰速运');
	await page.locator('#stamp-trackingNumber').fill('SF1234567890');
	await noSidewaysScroll(page);
	expect(await seriousViolations(page)).toEqual([]);

	// Submit → the confirmation repeats the address and says it is final; going back keeps everything.
	await page.getByTestId('stamp-submit').click();
	const dialog = page.getByRole('dialog', { name: '确认回寄地址' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText('广东省深圳市南山区 科技园科苑路 8 号 12 层');
	await expect(dialog).toContainText('518057');
	await expect(dialog).toContainText('提交后将无法修改');
	await expect(dialog.getByTestId('stamp-confirm-offline')).toBeVisible();
	await expect(dialog.getByTestId('stamp-confirm-edit')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(page.locator('#stamp-postalCode')).toHaveValue('518057');
	await page.getByTestId('stamp-submit').click();
	await expect(dialog).toBeVisible();
	await noSidewaysScroll(page);
	await dialog.getByTestId('stamp-confirm-submit').click();

	// Saved on the device, waiting to be sent; the form is gone.
	await expect(page.getByTestId('stamp-submitted-line')).toHaveText('广东省深圳市南山区 科技园科苑路 8 号 12 层');
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'pending');
	await expect(page.getByTestId('stamp-send-state')).toContainText('联网后会自动发送');
	await expect(page.getByTestId('stamp-form')).toHaveCount(0);
	await expect(page.locator('#stamp-recipient')).toHaveCount(0);
	expect((await storedRows<{ key: string }>(page, 'drafts')).filter((d) => d.key === `stamping:${contractId}`)).toEqual(
		[]
	);
	const queued = await storedRows<{ kind: string; resourceId: string; status: string }>(page, 'outbox');
	expect(queued.filter((r) => r.resourceId === contractId && r.kind === 'submitStamping').map((r) => r.status)).toEqual(
		['pending']
	);

	// Back online: the outbox sends it by itself.
	await context.setOffline(false);
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced');
	const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
	const listed = (await (await request.get('/api/v1/admin/contracts', { headers: admin })).json()) as {
		contracts: { id: string; stampingSubmittedAt: string | null }[];
	};
	expect(listed.contracts.find((c) => c.id === contractId)?.stampingSubmittedAt).toBeTruthy();

	// The back office receives the paper contract; after a sync the device shows it with the due date.
	const received = await request.post(`/api/v1/admin/contracts/${contractId}/stamping/received`, { headers: admin });
	expect(received.status()).toBe(200);
	// The back office's own view of the due date: the phone must show the same (one shared rule, one calendar).
	const adminView = (await (await request.get('/api/v1/admin/contracts', { headers: admin })).json()) as {
		contracts: { id: string; returnDue: DueDate | null }[];
	};
	const expected = adminView.contracts.find((c) => c.id === contractId)!.returnDue!;
	expect(expected.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	await page.reload();
	await expect(page.getByTestId('stamp-step-received')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
	await expect(page.getByTestId('stamp-due')).toHaveAttribute('data-due', expected.due);
	await expect(page.getByTestId('stamp-due')).toContainText(expected.due);
	await expect(page.getByTestId('stamp-due-provisional')).toHaveCount(expected.provisional ? 1 : 0);
	await expect(page.getByTestId('stamp-step-stamped')).toHaveAttribute('data-done', 'false');

	// Still read-only after the reload.
	await expect(page.getByTestId('stamp-submitted-recipient')).toHaveText('王珺');
	await expect(page.locator('#stamp-recipient')).toHaveCount(0);
	await expect(page.getByTestId('stamp-submit')).toHaveCount(0);
	await noSidewaysScroll(page);
	expect(await seriousViolations(page)).toEqual([]);
});
