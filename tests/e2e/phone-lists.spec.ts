// On a phone (390×844): finding a contract by any part of its number, and paper copies shown where the user looks.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { DueDate } from '../../src/lib/domain/workdays';
import { ADMIN_TOKEN, generateFramework, signIn } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

const SHOTS = process.env.SCREENSHOT_DIR;

/**
 * The connection drops and comes back: the app's own 'online' trigger runs a round that pulls. Offline for longer
 * than the engine's spacing between pulls (2 s), so the pull is not skipped as too soon after the page's own.
 */
async function connectionBack(page: Page, context: BrowserContext): Promise<void> {
	await context.setOffline(true);
	await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
	await page.waitForTimeout(2_500);
	await context.setOffline(false);
}

test('a contract is found by a 6-character tail read off the paper, the match is marked, and the whole card opens it', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo');
	const id = await generateFramework(page, '李喆');
	const number = (await page.getByTestId('detail-number').textContent())!.trim();
	const tail = number.slice(-6);

	await page.goto('/contracts');
	// Typed in lower case, as people do: the number is printed in upper case.
	await page.getByTestId('contract-search').fill(tail.toLowerCase());
	const rows = page.getByTestId('contract-row');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-id', id);
	await expect(rows.first().locator('mark')).toHaveText(tail);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/contracts-search-tail.png` });

	// The date and the hex part with the hyphen people read off the paper, and without it.
	const [, date, hex] = number.split('-');
	for (const typed of [`${date}-${hex}`, `${date}${hex!.slice(0, 4)}`, hex!.slice(2, 10)]) {
		await page.getByTestId('contract-search').fill(typed);
		await expect(page.locator(`[data-testid="contract-row"][data-id="${id}"] mark`)).toBeVisible();
	}
	// Fewer than four characters from the middle find nothing of it (only a number's start does).
	await page.getByTestId('contract-search').fill(tail.slice(-3));
	await expect(page.locator(`[data-testid="contract-row"][data-id="${id}"]`)).toHaveCount(0);

	// The whole card is one tap target: its size, and a tap on its lower part opens the contract.
	await page.getByTestId('contract-search').fill(tail);
	const card = page.locator(`[data-testid="contract-row"][data-id="${id}"] [data-testid="contract-link"]`);
	const box = (await card.boundingBox())!;
	expect(box.height).toBeGreaterThanOrEqual(44);
	expect(box.width).toBeGreaterThan(300);
	await page.mouse.click(box.x + box.width - 20, box.y + box.height - 12);
	await expect(page).toHaveURL(new RegExp(`/contracts/${id}$`));
});

test('a paper copy shows its state and due date in the list, on the contract, at home and under 纸质合同, live as the provider moves it', async ({ page, context, request }) => {
	test.setTimeout(180_000);
	await signIn(page, 'demo');
	const id = await generateFramework(page, '王珺');
	await expect(page.getByTestId('stamping-link')).toBeVisible();
	await expect(page.getByTestId('paper-progress')).toHaveCount(0);

	// Step 1 from the 纸质合同 entry: the new contract is among the eligible ones, and opens its request.
	await page.goto('/contracts');
	await page.getByTestId('paper-entry').click();
	await expect(page).toHaveURL(/\/stamping$/);
	await page.getByTestId('paper-new').click();
	await expect(page.getByRole('heading', { level: 1, name: '第 1 步：选择对应合同' })).toBeVisible();
	await page.locator(`[data-testid="paper-eligible"][data-id="${id}"] a`).click();
	await expect(page).toHaveURL(new RegExp(`/contracts/${id}/stamping$`));

	await page.locator('#stamp-recipient').fill('王珺');
	await page.locator('#stamp-phone').fill('13812345678');
	await page.locator('#stamp-province').selectOption('广东省');
	await page.locator('#stamp-city').selectOption('深圳市');
	await page.locator('#stamp-district').selectOption('南山区');
	await page.locator('#stamp-address').fill('科技园科苑路 8 号');
	await page.locator('#stamp-postalCode').fill('518057');
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });

	// The contract page shows the progress instead of the request button.
	await page.goto(`/contracts/${id}`);
	await expect(page.getByTestId('paper-progress').getByTestId('paper-badge')).toHaveAttribute('data-state', 'toMail');
	await expect(page.getByTestId('stamping-link')).toHaveCount(0);

	// Home says what needs the user, and offers each contract kind.
	await page.goto('/');
	await expect(page.getByTestId('home-need-toMail')).toContainText('份纸质合同待寄出');
	const toMail = Number(await page.getByTestId('home-need-toMail').getAttribute('data-count'));
	expect(toMail).toBeGreaterThanOrEqual(1);
	for (const kind of ['framework', 'filing', 'order']) await expect(page.getByTestId(`home-start-${kind}`)).toHaveAttribute('href', `/contracts/new/${kind}`);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/home-needs.png`, fullPage: true });

	// The list filtered by 已收到: not yet; then the back office receives it and a sync brings it in, no reload.
	await page.goto('/contracts');
	await page.getByTestId('contract-paper-filter').selectOption('received');
	const row = page.locator(`[data-testid="contract-row"][data-id="${id}"]`);
	await expect(row).toHaveCount(0);
	const received = await request.post(`/api/v1/admin/contracts/${id}/stamping/received`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
	expect(received.status()).toBe(200);
	// The back office's due date (the shared rule on the provider's calendar): the badge must show the same.
	const adminView = (await (await request.get('/api/v1/admin/contracts', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { contracts: { id: string; returnDue: DueDate | null }[] };
	const expected = adminView.contracts.find((c) => c.id === id)!.returnDue!;
	await connectionBack(page, context);
	await expect(row.getByTestId('paper-badge')).toHaveAttribute('data-state', 'received', { timeout: 20_000 });
	await expect(row.getByTestId('paper-badge')).toHaveAttribute('data-due', expected.due);
	await expect(row.getByTestId('paper-badge')).toContainText(expected.due);
	await page.getByTestId('contract-paper-filter').selectOption('toMail');
	await expect(row).toHaveCount(0);
	await page.getByTestId('contract-paper-filter').selectOption('received');
	await expect(row).toHaveCount(1);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/contracts-paper-filter.png` });

	await page.goto(`/contracts/${id}`);
	await expect(page.getByTestId('paper-progress').getByTestId('paper-badge')).toHaveAttribute('data-due', expected.due);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/contract-paper-progress.png` });

	// 纸质合同 lists it under its state; step 1 no longer offers it.
	await page.goto('/stamping?state=received');
	await expect(page.locator(`[data-testid="paper-row"][data-id="${id}"]`)).toHaveAttribute('data-state', 'received');
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/paper-list.png`, fullPage: true });
	await page.goto('/stamping/new');
	await expect(page.getByTestId('paper-eligible').first().or(page.getByText('没有可以申请纸质盖章的合同。'))).toBeVisible();
	await expect(page.locator(`[data-testid="paper-eligible"][data-id="${id}"]`)).toHaveCount(0);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/paper-choose.png` });

	// The stamping page itself moves on when the provider stamps it, without a reload.
	await page.goto(`/contracts/${id}/stamping`);
	await expect(page.getByTestId('stamp-step-stamped')).toHaveAttribute('data-done', 'false');
	expect((await request.post(`/api/v1/admin/contracts/${id}/stamping/stamped`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).status()).toBe(200);
	await connectionBack(page, context);
	await expect(page.getByTestId('stamp-step-stamped')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
});
