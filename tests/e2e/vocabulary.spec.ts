// One vocabulary on a phone: the FAQ answers the seed's five questions in order with its glossary, and the return of a
// filing contract's paper copy names the ICP commercial-filing materials that come back with it.
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, fillContact, signIn, fillReturnAddress } from '../support/e2e/helpers';

test.use({ viewport: { width: 390, height: 844 } });

test('the FAQ: the seed’s Q1–Q5 first (invoice: applied for separately, and where), then ours and the glossary', async ({
	page
}) => {
	await signIn(page, 'demo');
	await page.goto('/faq');
	const questions = page.locator('details summary h2');
	await expect(questions.nth(0)).toContainText('还需要申请纸质合同');
	await expect(questions.nth(1)).toContainText('多久能寄回');
	await expect(questions.nth(2)).toContainText('线下付款');
	await expect(questions.nth(3)).toContainText('发票');
	await expect(questions.nth(4)).toContainText('ICP 经营性备案');
	await expect(page.getByTestId('faq-Paper')).toContainText('效力相同');
	await page.getByTestId('faq-Invoice').locator('summary').click();
	await expect(page.getByTestId('faq-Invoice')).toContainText('单独申请');
	await expect(page.getByTestId('faq-Invoice')).toContainText('「费用中心」的「发票管理」');
	await page.getByTestId('faq-Icp').locator('summary').click();
	await expect(page.getByTestId('faq-Icp')).toContainText('随盖章合同一并回寄');
	await page.getByTestId('faq-glossary').locator('summary').click();
	for (const term of ['回寄地址', 'ICP 经营性备案', '包年包月', '按量计费', '框架协议', '实名认证']) {
		await expect(page.getByTestId('faq-glossary').locator('dt', { hasText: term })).toBeVisible();
	}
	const text = await page.locator('main').innerText();
	for (const replaced of ['寄回地址', '商业性备案']) expect(text).not.toContain(replaced);
	await page.screenshot({ path: test.info().outputPath('faq-390.png'), fullPage: true });
});

test('a filing contract’s paper copy: the return step names the ICP commercial-filing materials, before and after the return', async ({
	page,
	request
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'demo');
	await page.goto('/contracts');
	await page.getByTestId('start-filing').click();
	await page.getByTestId('filing-option').first().check();
	await fillContact(page, '李喆');
	await page.getByTestId('to-confirm').click();
	// Other tests may have made a contract for this filing already: then it asks to confirm a second one.
	const duplicate = page.getByTestId('duplicate-ok');
	if (await duplicate.isVisible()) await duplicate.check();
	await page.getByRole('button', { name: '确认并生成合同' }).click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	const contractId = new URL(page.url()).pathname.split('/').at(-1)!;

	await page.getByTestId('stamping-link').click();
	await expect(page.getByTestId('stamp-filing-materials')).toContainText('ICP 经营性备案');
	await fillReturnAddress(page, { phone: '13800138000' });
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
	await expect(page.getByTestId('stamp-returned-materials')).toHaveAttribute('data-done', 'false');
	await expect(page.getByTestId('stamp-returned-materials')).toContainText('回寄时将附上');

	const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
	for (const step of ['received', 'stamped']) {
		expect(
			(await request.post(`/api/v1/admin/contracts/${contractId}/stamping/${step}`, { headers: admin })).status()
		).toBe(200);
	}
	const returned = await request.post(`/api/v1/admin/contracts/${contractId}/stamping/returned`, {
		headers: admin,
		data: { courier: '顺丰速运', trackingNumber: 'SF7700112233' }
	});
	expect(returned.status()).toBe(200);
	await page.reload();
	const materials = page.getByTestId('stamp-returned-materials');
	await expect(materials).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
	await expect(materials).toContainText('随盖章合同一并回寄：办理 ICP 经营性备案所需的接入服务商资料');
	await expect(page.getByTestId('stamp-step-returned')).toContainText('SF7700112233');
	await page.getByTestId('stamp-step-returned').scrollIntoViewIfNeeded();
	await page.screenshot({ path: test.info().outputPath('filing-returned-390.png') });
});
