// Shared steps of the end-to-end tests: signing in and waiting for the first pull.
import { expect, type Page } from '@playwright/test';

export const ADMIN_TOKEN = 'e2e-admin-token';

export async function signIn(page: Page, code: string): Promise<void> {
	await page.goto('/signin');
	await page.locator('#code').fill(code);
	await page.getByRole('button', { name: /登录|Sign in/ }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByTestId('verification-state')).toBeVisible();
}
