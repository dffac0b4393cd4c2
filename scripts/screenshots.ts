// Takes the manifest's install screenshots (static/screenshots/) of the built app with the demo data in system Chromium.
// Builds nothing: run `npm run build` first. Not part of CI; re-run after a visible change of home or the contract list.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { ROOT, startServerProcess } from './server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The throwaway server's back-office token: it lives only as long as this script's server.
const ADMIN_TOKEN = randomBytes(18).toString('hex');

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
		// No service worker: nothing here needs offline, and its precache (megabytes of fonts) would only slow the run.
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

/** One contract of each kind, through the real forms, so home and the list show what a customer's would; returns their ids. */
async function generateContracts(page: Page): Promise<string[]> {
	const ids: string[] = [];
	const generated = () => ids.push(new URL(page.url()).pathname.split('/').at(-1)!);
	await page.goto('/contracts/new/framework');
	await page.locator('#contact-person').fill('李喆');
	await page.locator('#contact-phone').fill('0755-86013388');
	await page.locator('#contact-email').fill('zhe.li@example.com');
	await page.locator('#contact-mailingAddress').fill('广东省深圳市南山区科技园喆堃大厦 12 层');
	await confirmAndGenerate(page);
	generated();

	await page.goto('/contracts/new/filing');
	await expect(page.locator('#contact-person')).toHaveValue('李喆');
	await page.getByTestId('filing-option').first().check();
	await confirmAndGenerate(page);
	generated();

	await page.goto('/contracts/new/order');
	const rows = page.getByTestId('order-option');
	for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox').check();
	await confirmAndGenerate(page);
	generated();
	return ids;
}

/** A stamping request through the stamping form, confirmed and sent; `tracking` marks it as already mailed. */
async function submitStampingRequest(page: Page, contractId: string, tracking?: string): Promise<void> {
	await page.goto(`/contracts/${contractId}/stamping`);
	await page.locator('#stamp-recipient').fill('王珺');
	await page.locator('#stamp-phone').fill('0755-86013388');
	await page.locator('#stamp-province').selectOption('广东省');
	await page.locator('#stamp-city').selectOption('深圳市');
	await page.locator('#stamp-district').selectOption('南山区');
	await page.locator('#stamp-address').fill('科技园科苑路 8 号 12 层');
	await page.locator('#stamp-postalCode').fill('518057');
	if (tracking) {
		await page.locator('#stamp-courier').fill('顺丰速运');
		await page.locator('#stamp-trackingNumber').fill(tracking);
	}
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
}

/** The provider's back office: the paper copy arrived and was stamped (its due date now runs). */
async function providerStamps(base: string, contractId: string): Promise<void> {
	for (const step of ['received', 'stamped']) {
		const res = await fetch(`${base}/api/v1/admin/contracts/${contractId}/stamping/${step}`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }
		});
		if (!res.ok) throw new Error(`admin ${step}: ${res.status} ${await res.text()}`);
	}
}

async function take(page: Page, shot: Shot): Promise<string> {
	const path = join(ROOT, 'static', shot.file);
	mkdirSync(dirname(path), { recursive: true });
	// Fonts and layout settle before the picture: no half-drawn text, no caret, no animation.
	// The top of the page, as it opens, with no focus ring left from a click.
	await page.evaluate(async () => {
		(document.activeElement as HTMLElement | null)?.blur();
		window.scrollTo(0, 0);
		await document.fonts.ready;
	});
	await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
	return path;
}

async function narrow(browser: Browser, base: string): Promise<string> {
	const context = await browser.newContext({ ...contextOptions(SCREENSHOTS.narrow), baseURL: base });
	try {
		const page = await context.newPage();
		await signIn(page, 'demo');
		const [framework, filing] = await generateContracts(page);
		await submitStampingRequest(page, framework!, 'SF1234567890');
		await providerStamps(base, framework!);
		await submitStampingRequest(page, filing!);
		await page.goto('/');
		// The provider's events come with the next pull.
		await page.getByRole('button', { name: '立即同步' }).click();
		await expect(page.getByTestId('home-need-stamped')).toBeVisible({ timeout: 30_000 });
		await expect(page.getByTestId('home-need-toMail')).toBeVisible();
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
		await expect(page.getByTestId('paper-badge')).toHaveCount(2, { timeout: 30_000 });
		return await take(page, SCREENSHOTS.wide);
	} finally {
		await context.close();
	}
}

async function main(): Promise<void> {
	if (!existsSync(join(ROOT, 'build', '200.html'))) throw new Error('no build/ — run `npm run build` first');
	if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
	// A fresh data folder: the demo account exactly as seeded.
	const server = await startServerProcess({ SEED_DEMO: '1', ADMIN_TOKEN });
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	try {
		console.log(`wrote ${await narrow(browser, server.base)}`);
		console.log(`wrote ${await wide(browser, server.base)}`);
	} finally {
		await browser.close();
		await server.stop();
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((e: unknown) => {
		console.error(e);
		process.exitCode = 1;
	});
}
