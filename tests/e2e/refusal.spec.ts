// A contract generated offline that the registry refuses: the refusal on its page and in the list, 生成新合同, the old one void.
import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_IDENTITY } from '../../server/seed';
import {
	ADMIN_TOKEN,
	fillContact,
	generateFramework,
	signIn,
	storedRows,
	underServiceWorker
} from '../support/e2e/helpers';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const { status: _s, accountId: _a, verifiedAt: _v, ...demoDetails } = DEMO_IDENTITY;

test('identity changed while a contract waited offline → refused with its reason → 生成新合同 registers; the old one is void', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(150_000);
	await signIn(page, 'demo');
	await underServiceWorker(page);
	await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced');

	await context.setOffline(true);
	await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
	const refusedId = await generateFramework(page, '李喆');
	await expect(page.getByTestId('contract-status')).toHaveAttribute('data-status', 'pending');

	// Meanwhile the account's verified entity changes in the provider's records.
	const renamed = { ...demoDetails, legalName: '深圳市喆堃云计算有限公司', legalRepresentative: '王珺' };
	expect(
		(await request.post(`/api/v1/admin/accounts/${DEMO_ACCOUNT_ID}/verify`, { headers: admin, data: renamed })).status()
	).toBe(200);
	try {
		await context.setOffline(false);
		// The registration goes out by itself and is refused; the pull brings today's identity.
		const refusal = page.getByTestId('contract-refused');
		await expect(refusal).toBeVisible({ timeout: 30_000 });
		await expect(page.getByTestId('contract-status')).toHaveAttribute('data-status', 'refused');
		await expect(page.getByTestId('refusal-items')).toContainText('「甲方名称」与实名认证信息不一致');
		await expect(page.getByTestId('refusal-items')).toContainText('「甲方法定代表人」与实名认证信息不一致');
		await expect
			.poll(async () => (await storedRows<{ legalName?: string }>(page, 'identity'))[0]?.legalName, { timeout: 20_000 })
			.toBe(renamed.legalName);
		await page.screenshot({ path: 'test-results/refusal-contract-page.png', fullPage: true });

		// The list knows the status and filters by it.
		await page.goto('/contracts');
		await page.getByTestId('contract-status-filter').selectOption('refused');
		await expect(page.getByTestId('contract-row')).toHaveCount(1);
		await expect(
			page.locator(`[data-testid="contract-row"][data-id="${refusedId}"] [data-testid="contract-status"]`)
		).toHaveAttribute('data-status', 'refused');
		await page.getByTestId('contract-status-filter').selectOption('');

		// 生成新合同: the same contact, today's identity, through the usual confirm step.
		await page.goto(`/contracts/${refusedId}`);
		await page.getByTestId('regenerate').click();
		await expect(page).toHaveURL(/\/contracts\/new\/framework$/);
		await expect(page.locator('#contact-person')).toHaveValue('李喆');
		await fillContact(page, '李喆');
		await page.getByTestId('to-confirm').click();
		await expect(page.getByTestId('replacing-note')).toBeVisible();
		await page.getByTestId('generate').click();
		await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
		const newId = new URL(page.url()).pathname.split('/').at(-1)!;
		expect(newId).not.toBe(refusedId);
		await expect(page.getByTestId('contract-status')).toHaveAttribute('data-status', 'effective', { timeout: 30_000 });

		// The refused one stays, marked void, pointing at its replacement; the server never registered it.
		await page.goto(`/contracts/${refusedId}`);
		await expect(page.getByTestId('contract-void')).toBeVisible();
		await expect(page.getByTestId('contract-status')).toHaveAttribute('data-status', 'void');
		await page.screenshot({ path: 'test-results/refusal-void-page.png', fullPage: true });
		await page.getByTestId('open-replacement').click();
		await expect(page).toHaveURL(new RegExp(`/contracts/${newId}$`));
		const contracts = (await (await request.get('/api/v1/admin/contracts', { headers: admin })).json()) as {
			contracts: { id: string; status: string }[];
		};
		expect(contracts.contracts.filter((c) => c.id === refusedId)).toEqual([]);
		expect(contracts.contracts.filter((c) => c.id === newId)).toEqual([
			expect.objectContaining({ status: 'effective' })
		]);
		const rows = await storedRows<{ id: string; status: string; replacedBy?: string; partyA: { name: string } }>(
			page,
			'contracts'
		);
		expect(rows.find((r) => r.id === refusedId)).toMatchObject({ status: 'void', replacedBy: newId });
		expect(rows.find((r) => r.id === newId)?.partyA.name).toBe(renamed.legalName);
	} finally {
		await request.post(`/api/v1/admin/accounts/${DEMO_ACCOUNT_ID}/verify`, { headers: admin, data: demoDetails });
	}
});
