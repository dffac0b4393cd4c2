// The account that is not verified yet: one way to verification (the provider's page) everywhere it could start, and no button to a blocked form.
// (Named to run before sync.spec.ts, which has the back office verify this demo account.)
import { expect, test, type Page } from '@playwright/test';
import { onAnotherDevice, signIn } from '../support/e2e/helpers';

/** The server's default PROVIDER_VERIFICATION_URL: the e2e server is started without one. */
const VERIFICATION_URL = 'https://console.yunzhan.example/account/verification';

async function offersOnlyVerification(page: Page, path: string): Promise<void> {
	await page.goto(path);
	const link = page.getByTestId('go-verify');
	await expect(link).toBeVisible();
	await expect(link).toHaveAttribute('href', VERIFICATION_URL);
	// The provider's page opens beside the app, which stays where the user was.
	await expect(link).toHaveAttribute('target', '_blank');
	await expect(link).toHaveAttribute('rel', /noopener/);
	// Nothing on the page leads to a contract form, which would only say 「暂时不能申请合同」.
	await expect(page.locator('a[href^="/contracts/new/"]')).toHaveCount(0);
	const box = (await link.boundingBox())!;
	expect(box.height).toBeGreaterThanOrEqual(44);
	expect(box.x + box.width).toBeLessThanOrEqual(390);
}

test('an unverified account gets one way to verification on home, the blocked forms and step 1 of a paper copy', async ({
	browser
}) => {
	await onAnotherDevice(browser, async (page) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await signIn(page, 'demo-unverified');
		await expect(page.getByTestId('verification-state')).toHaveText('未完成实名认证');
		await offersOnlyVerification(page, '/');
		await expect(page.getByTestId('go-verify')).toHaveAccessibleName('前往实名认证');
		await offersOnlyVerification(page, '/stamping/new');
		await expect(page.getByTestId('verify-account-first')).toHaveText(
			'申请合同前，账号需要先完成实名认证（企业认证）。'
		);
		await offersOnlyVerification(page, '/contracts');
		for (const kind of ['framework', 'filing', 'order']) {
			await offersOnlyVerification(page, `/contracts/new/${kind}`);
			await expect(page.getByTestId('real-name-gate')).toBeVisible();
			await expect(page.getByRole('heading', { name: '暂时不能申请合同' })).toBeVisible();
		}

		// English, the same single way.
		await page.evaluate(() => localStorage.setItem('contract-desk.locale', 'en'));
		await offersOnlyVerification(page, '/');
		await expect(page.getByTestId('go-verify')).toHaveAccessibleName('Go to real-name verification');
		await offersOnlyVerification(page, '/stamping/new');
	});
});

test('a verified account keeps its start buttons and sees no verification link', async ({ page }) => {
	await signIn(page, 'demo');
	await expect(page.getByTestId('home-start-framework')).toBeVisible();
	await expect(page.getByTestId('go-verify')).toHaveCount(0);
	await page.goto('/contracts');
	await expect(page.getByTestId('go-verify')).toHaveCount(0);
	await expect(page.locator('a[href="/contracts/new/framework"]').first()).toBeVisible();
});
