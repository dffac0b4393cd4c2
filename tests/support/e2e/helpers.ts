// Shared steps of the end-to-end tests: signing in, coming under the app's service worker, generating a contract, extra devices.
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

export const ADMIN_TOKEN = 'e2e-admin-token';

export async function signIn(page: Page, code: string): Promise<void> {
	await page.goto('/signin');
	await page.locator('#code').fill(code);
	await page.getByRole('button', { name: /登录|Sign in/ }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByTestId('verification-state')).toBeVisible();
}

/**
 * The first load is not controlled by the service worker: wait until the worker the app registered itself
 * is active (its precache is complete), then reload under it. Never registers a worker on the app's behalf:
 * a broken registration in the app must fail here.
 */
export async function underServiceWorker(
	page: Page,
	timeoutMs = 30_000,
	{ deferred = true }: { deferred?: boolean } = {}
): Promise<void> {
	const active = await page.evaluate(async (ms) => {
		const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('(no active service worker)'), ms));
		const ready = navigator.serviceWorker.ready.then((registration) => registration.active?.scriptURL ?? '(none)');
		return Promise.race([ready, timeout]);
	}, timeoutMs);
	expect(active, 'the app registers /service-worker.js and it activates').toMatch(/\/service-worker\.js$/);
	await page.reload();
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
	// The shell has checked the session and rendered the page (and listens for online/offline) by now.
	await expect(page.locator('main h1').first()).toBeVisible();
	// A device that has been online for a moment: the second stage (the font's rest, pdf.js's worker) is in too.
	if (deferred) expect(await deferredFetched(page), 'the service worker fetched the deferred files').toBe(true);
}

/** Asks the controlling worker to fetch the files the first visit left for later; true once all are cached. */
export function deferredFetched(page: Page): Promise<boolean> {
	return page.evaluate(
		() =>
			new Promise<boolean>((resolve) => {
				const channel = new MessageChannel();
				channel.port1.onmessage = (e) => resolve((e.data as { complete?: boolean }).complete === true);
				navigator.serviceWorker.controller!.postMessage({ type: 'FILL_DEFERRED' }, [channel.port2]);
			})
	);
}

/** The contact block of a contract form, with values every validator accepts. */
export async function fillContact(page: Page, person: string): Promise<void> {
	await page.locator('#contact-person').fill(person);
	await page.locator('#contact-phone').fill('0755-86013388');
	await page.locator('#contact-email').fill('zhe.li@example.com');
	await page.locator('#contact-mailingAddress').fill('广东省深圳市南山区科技园喆堃大厦 12 层');
}

/**
 * Generates a framework agreement through the real UI, from the contract list's start button; returns its id.
 * Works from any page, online or offline (under the service worker).
 */
export async function generateFramework(page: Page, person: string): Promise<string> {
	await page.goto('/contracts');
	await page.getByTestId('start-framework').click();
	await expect(page).toHaveURL(/\/contracts\/new\/framework$/);
	await expect(page.locator('#contact-person')).toBeVisible();
	await fillContact(page, person);
	await page.getByTestId('to-confirm').click();
	await page.getByTestId('generate').click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** A second device (a fresh context: no site data), closed however `run` ends. */
export async function onAnotherDevice<T>(
	browser: Browser,
	run: (page: Page, context: BrowserContext) => Promise<T>
): Promise<T> {
	const context = await browser.newContext();
	try {
		return await run(await context.newPage(), context);
	} finally {
		await context.close();
	}
}

/** Rows of one object store of the app's IndexedDB, read with the raw API (not through the app's code). */
export async function storedRows<T>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(name) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('contract-desk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction(name).objectStore(name).getAll();
					req.onsuccess = () => {
						open.result.close();
						resolve(req.result as T[]);
					};
					req.onerror = () => reject(req.error);
				};
			}),
		store
	);
}

export type ReturnAddress = {
	recipient: string;
	phone: string;
	province: string;
	city: string;
	district: string;
	address: string;
	postalCode: string;
	courier?: string;
	trackingNumber?: string;
};

/** A return address every validator accepts (Shenzhen, Nanshan); a spec overrides what it tests. */
export const RETURN_ADDRESS: ReturnAddress = {
	recipient: '王珺',
	phone: '0755-86013388',
	province: '广东省',
	city: '深圳市',
	district: '南山区',
	address: '科技园科苑路 8 号',
	postalCode: '518057'
};

/** Fills the stamping request's return-address form (and the outbound shipment when given); does not submit. */
export async function fillReturnAddress(page: Page, fields: Partial<ReturnAddress> = {}): Promise<void> {
	const a = { ...RETURN_ADDRESS, ...fields };
	await page.locator('#stamp-recipient').fill(a.recipient);
	await page.locator('#stamp-phone').fill(a.phone);
	await page.locator('#stamp-province').selectOption(a.province);
	await page.locator('#stamp-city').selectOption(a.city);
	await page.locator('#stamp-district').selectOption(a.district);
	await page.locator('#stamp-address').fill(a.address);
	await page.locator('#stamp-postalCode').fill(a.postalCode);
	if (a.courier !== undefined) await page.locator('#stamp-courier').fill(a.courier);
	if (a.trackingNumber !== undefined) await page.locator('#stamp-trackingNumber').fill(a.trackingNumber);
}

/**
 * Ticks the first of `boxes`. A box found free can lock before the click lands (the pull brings the contract its
 * order is in), and Playwright's check keeps waiting on the element it found: each try finds the first box again.
 */
export async function checkFirst(boxes: Locator): Promise<void> {
	await expect(async () => boxes.first().check({ timeout: 2_000 })).toPass({ timeout: 20_000 });
}
