// On a phone (390×844): finding a contract by any part of its number, and paper copies shown where the user looks.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { DueDate } from '../../src/lib/domain/workdays';
import { ADMIN_TOKEN, generateFramework, signIn, storedRows, fillReturnAddress } from '../support/e2e/helpers';

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

test('a contract is found by a 6-character tail read off the paper, the match is marked, and the whole card opens it', async ({
	page
}) => {
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

test('a paper copy shows its state and due date in the list, on the contract, at home and under 纸质合同, live as the provider moves it', async ({
	page,
	context,
	request
}) => {
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

	// Typed as people do: spaces and the country code are accepted and stored normalised. A Beijing postal code for
	// a Shenzhen address is caught before anything is sent.
	await fillReturnAddress(page, { phone: '+86 138 1234 5678', postalCode: '100000' });
	await page.getByTestId('stamp-submit').click();
	await expect(page.locator('#stamp-postalCode')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByTestId('stamp-error-postalCode')).toContainText('与所选省份不符');
	await expect(page.getByRole('dialog')).toHaveCount(0);
	await page.locator('#stamp-postalCode').fill('518057');
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
	await expect(page.getByTestId('stamp-submitted-address')).toContainText('13812345678');

	// The contract page shows the progress instead of the request button.
	await page.goto(`/contracts/${id}`);
	await expect(page.getByTestId('paper-progress').getByTestId('paper-badge')).toHaveAttribute('data-state', 'toMail');
	await expect(page.getByTestId('stamping-link')).toHaveCount(0);

	// Home says what needs the user, and offers each contract kind.
	await page.goto('/');
	await expect(page.getByTestId('home-need-toMail')).toContainText('份纸质合同待寄出');
	const toMail = Number(await page.getByTestId('home-need-toMail').getAttribute('data-count'));
	expect(toMail).toBeGreaterThanOrEqual(1);
	for (const kind of ['framework', 'filing', 'order'])
		await expect(page.getByTestId(`home-start-${kind}`)).toHaveAttribute('href', `/contracts/new/${kind}`);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/home-needs.png`, fullPage: true });

	// The list filtered by 已收到: not yet; then the back office receives it and a sync brings it in, no reload.
	await page.goto('/contracts');
	await page.getByTestId('contract-paper-filter').selectOption('received');
	const row = page.locator(`[data-testid="contract-row"][data-id="${id}"]`);
	await expect(row).toHaveCount(0);
	const received = await request.post(`/api/v1/admin/contracts/${id}/stamping/received`, {
		headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }
	});
	expect(received.status()).toBe(200);
	// The date the provider's back office shows for it: the phone must say the same.
	const office = (await (
		await request.get('/api/v1/admin/contracts', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })
	).json()) as { contracts: { id: string; returnDue: DueDate | null }[] };
	const expected = office.contracts.find((c) => c.id === id)!.returnDue!;
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
	await expect(
		page.getByTestId('paper-eligible').first().or(page.getByText('没有可以提交线下盖章申请的合同。'))
	).toBeVisible();
	await expect(page.locator(`[data-testid="paper-eligible"][data-id="${id}"]`)).toHaveCount(0);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/paper-choose.png` });

	// The stamping page itself moves on when the provider stamps it, without a reload.
	await page.goto(`/contracts/${id}/stamping`);
	await expect(page.getByTestId('stamp-step-stamped')).toHaveAttribute('data-done', 'false');
	expect(
		(
			await request.post(`/api/v1/admin/contracts/${id}/stamping/stamped`, {
				headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }
			})
		).status()
	).toBe(200);
	await connectionBack(page, context);
	await expect(page.getByTestId('stamp-step-stamped')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
});

test('粘贴识别 fills the return address from five realistic pasted lines, for the user to check, and never submits', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo');
	const id = await generateFramework(page, '陈堃');
	await page.goto(`/contracts/${id}/stamping`);
	const lines: [string, Record<string, string>][] = [
		[
			'张三 138 1234 5678 广东省深圳市南山区高新南七道18号 518057',
			{
				recipient: '张三',
				phone: '13812345678',
				province: '广东省',
				city: '深圳市',
				district: '南山区',
				address: '高新南七道18号',
				postalCode: '518057'
			}
		],
		[
			'李喆，13912345678，北京市海淀区中关村大街1号院2号楼3层，100080',
			{
				recipient: '李喆',
				phone: '13912345678',
				province: '北京市',
				city: '北京市',
				district: '海淀区',
				address: '中关村大街1号院2号楼3层',
				postalCode: '100080'
			}
		],
		[
			'收件人：王珺 电话：0755-86013388 地址：广东省广州市天河区天河路385号太古汇一座 邮编 510620',
			{
				recipient: '王珺',
				phone: '0755-86013388',
				province: '广东省',
				city: '广州市',
				district: '天河区',
				address: '天河路385号太古汇一座',
				postalCode: '510620'
			}
		],
		[
			'上海市浦东新区世纪大道100号环球金融中心 刘玥 186-0000-1234 200120',
			{
				recipient: '刘玥',
				phone: '18600001234',
				province: '上海市',
				city: '上海市',
				district: '浦东新区',
				address: '世纪大道100号环球金融中心',
				postalCode: '200120'
			}
		],
		[
			'四川省成都市武侯区天府大道北段1700号 陈堃 +86 135 0000 8888 610041',
			{
				recipient: '陈堃',
				phone: '13500008888',
				province: '四川省',
				city: '成都市',
				district: '武侯区',
				address: '天府大道北段1700号',
				postalCode: '610041'
			}
		]
	];
	for (const [i, [line, fields]] of lines.entries()) {
		await page.getByTestId('paste-input').fill(line);
		await page.getByTestId('paste-fill').click();
		await expect(page.getByTestId('paste-result')).toHaveAttribute('data-kind', 'filled');
		for (const [field, value] of Object.entries(fields))
			await expect(page.locator(`#stamp-${field}`), `${line}: ${field}`).toHaveValue(value);
		// Every filled field passes the shared checks: nothing is marked wrong.
		await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
		if (i === 0 && SHOTS) {
			await page.getByTestId('paste-box').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/stamping-paste.png` });
		}
	}
	await expect(page.getByTestId('paste-result')).toContainText('请逐项核对');
	// Never submitted by itself: no confirmation, the form is still there, nothing queued.
	await expect(page.getByRole('dialog')).toHaveCount(0);
	await expect(page.getByTestId('stamp-form')).toBeVisible();
	expect(
		(await storedRows<{ kind: string; resourceId: string }>(page, 'outbox')).filter(
			(r) => r.kind === 'submitStamping' && r.resourceId === id
		)
	).toEqual([]);
});

test('step 1 of a paper copy with no contract yet: the unverified account is shown to verification, not to a form', async ({
	page
}) => {
	// The unverified demo account can never have generated a contract: its step 1 is always empty, and a start
	// button would only lead to the blocked form (issue 19, #12).
	await signIn(page, 'demo-unverified');
	await page.goto('/stamping/new');
	await expect(page.getByText('没有可以提交线下盖章申请的合同。')).toBeVisible();
	await expect(page.getByTestId('verify-account-first')).toBeVisible();
	await expect(page.getByTestId('go-verify')).toBeVisible();
	await expect(page.getByTestId('start-framework')).toHaveCount(0);
	await expect(page.getByText('线下盖章申请以一份已生成的合同为准。先生成一份：')).toHaveCount(0);
});
