// Takes the manifest's install screenshots (static/screenshots/) of the built app with the demo data in system Chromium.
// Builds nothing: run `npm run build` first. Not part of CI; re-run after a visible change of home or the contract list.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { ROOT, startServerProcess } from './server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What the manifest declares for each file (tests/unit/pwa.test.ts checks the PNGs against it). */
export const SCREENSHOTS = {
	// A 390×844 phone at device pixel ratio 2.
	narrow: { file: 'screenshots/narrow.png', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, mobile: true },
	wide: { file: 'screenshots/wide.png', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, mobile: false }
} as const;

type Shot = (typeof SCREENSHOTS)[keyof typeof SCREENSHOTS];

function contextOptions(shot: Shot): BrowserContextOptions {
	return {
		viewport: shot.viewport,
		deviceScaleFactor: shot.deviceScaleFactor,
		isMobile: shot.mobile,
		hasTouch: shot.mobile,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		// No service worker: its install would add a "ready offline" notice to the first page, which an installed app never shows.
		serviceWorkers: 'block',
		reducedMotion: 'reduce'
	};
}

/** Signs in with a demo code and waits for the first pull: counts of the demo account shown, no round running. */
async function signIn(page: Page, code: string): Promise<void> {
	await page.goto('/signin');
	await page.locator('#code').fill(code);
	await page.getByRole('button', { name: /登录/ }).click();
	await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });
	await settled(page);
}

/** Home with the pull done and nothing in flight: the demo's 3 filings and 300 orders, the sync button idle. */
async function settled(page: Page): Promise<void> {
	await expect(page.getByTestId('count-filings')).toHaveText('3', { timeout: 30_000 });
	await expect(page.getByTestId('count-orders')).toHaveText('300');
	await expect(page.getByRole('button', { name: '立即同步' })).toBeEnabled({ timeout: 30_000 });
}

/** Step 2 of a contract form: confirm, generate on the device, and wait until the provider registered it. */
async function confirmAndGenerate(page: Page): Promise<void> {
	await page.getByTestId('to-confirm').click();
	await page.getByRole('button', { name: '确认并生成合同' }).click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 60_000 });
	await expect(page.getByTestId('contract-status')).toHaveText('已生效', { timeout: 60_000 });
}

/** One contract of each kind, through the real forms, so home and the list show what a customer's would. */
async function generateContracts(page: Page): Promise<void> {
	await page.goto('/contracts/new/framework');
	await page.locator('#contact-person').fill('李喆');
	await page.locator('#contact-phone').fill('0755-86013388');
	await page.locator('#contact-email').fill('zhe.li@example.com');
	await page.locator('#contact-mailingAddress').fill('广东省深圳市南山区科技园喆堃大厦 12 层');
	await confirmAndGenerate(page);

	await page.goto('/contracts/new/filing');
	await expect(page.locator('#contact-person')).toHaveValue('李喆');
	await page.getByTestId('filing-option').first().check();
	await confirmAndGenerate(page);

	await page.goto('/contracts/new/order');
	const rows = page.getByTestId('order-option');
	for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox').check();
	await confirmAndGenerate(page);
}

async function take(page: Page, shot: Shot): Promise<string> {
	const path = join(ROOT, 'static', shot.file);
	mkdirSync(dirname(path), { recursive: true });
	// Fonts and layout settle before the picture: no half-drawn text, no caret, no animation.
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
	return path;
}

async function narrow(browser: Browser, base: string): Promise<string> {
	const context = await browser.newContext({ ...contextOptions(SCREENSHOTS.narrow), baseURL: base });
	try {
		const page = await context.newPage();
		await signIn(page, 'demo');
		await generateContracts(page);
		await page.goto('/');
		await settled(page);
		await expect(page.getByTestId('count-contracts')).toHaveText('3');
		return await take(page, SCREENSHOTS.narrow);
	} finally {
		await context.close();
	}
}

/** A second device of the same account at desk size: the contracts come back with its first pull. */
async function wide(browser: Browser, base: string): Promise<string> {
	const context = await browser.newContext({ ...contextOptions(SCREENSHOTS.wide), baseURL: base });
	try {
		const page = await context.newPage();
		await signIn(page, 'demo');
		await page.goto('/contracts');
		await expect(page.getByTestId('contract-row')).toHaveCount(3, { timeout: 30_000 });
		await expect(page.getByTestId('contract-status').first()).toHaveText('已生效');
		return await take(page, SCREENSHOTS.wide);
	} finally {
		await context.close();
	}
}

async function main(): Promise<void> {
	if (!existsSync(join(ROOT, 'build', '200.html'))) throw new Error('no build/ — run `npm run build` first');
	if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
	// A fresh data folder: the demo account exactly as seeded.
	const server = await startServerProcess({ SEED_DEMO: '1' });
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
	try {
		console.log(`wrote ${await narrow(browser, server.base)}`);
		console.log(`wrote ${await wide(browser, server.base)}`);
	} finally {
		await browser.close();
		await server.stop();
	}
}

main().catch((e: unknown) => {
	console.error(e);
	process.exitCode = 1;
});
