// Brings a fresh server's demo accounts into every state a user can reach (built once), and lists each route × state as a scene to visit.
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_IDENTITY, DEMO_UNVERIFIED_ACCOUNT_ID, DEFAULT_VERIFICATION } from '../../../server/seed';
import {
	checkFirst,
	fillContact,
	fillReturnAddress,
	generateFramework,
	signIn,
	storedRows,
	underServiceWorker
} from './helpers';

export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];

/** One route in one state: where to go, what shows the state is there, and what to do on arrival (and after). */
export interface Scene {
	/** The route as in src/routes, e.g. /contracts/[id]/stamping. */
	route: string;
	/** What makes this visit different from the route's other visits. */
	state: string;
	path: string;
	/** A CSS selector that is visible once the page shows the state (in either language). */
	ready?: string;
	prepare?: (page: Page) => Promise<void>;
	cleanup?: (page: Page) => Promise<void>;
}

/** Scenes visited in order on one device (browser context), after `before` brought it into the phase's state. */
export interface Phase {
	name: string;
	page: Page;
	before?: () => Promise<void>;
	scenes: Scene[];
}

export interface AppStates {
	phases: Phase[];
	close(): Promise<void>;
}

export interface StateOptions {
	/** The server's origin (a server of its own: the states change the demo accounts). */
	base: string;
	adminToken: string;
	/** Printed as the states are built (the gallery script's progress); the spec leaves it out. */
	log?: (line: string) => void;
}

export const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	isMobile: true,
	hasTouch: true,
	locale: 'zh-CN',
	timezoneId: 'Asia/Shanghai',
	reducedMotion: 'reduce'
};

const UNKNOWN_NUMBER = 'HT-20200101-00000000';
const RENAMED = { legalName: '深圳市喆堃云计算有限公司', legalRepresentative: '王珺' };

/**
 * Client-side navigation, as a tap on a link does (SvelteKit's router takes the click): keeps the loaded code, so it works
 * offline and costs a fraction of a reload. A new fragment on the same path is not a navigation: that one reloads.
 */
export async function go(page: Page, path: string): Promise<void> {
	const current = page.url().startsWith('http') ? new URL(page.url()) : null;
	const target = new URL(path, current ?? 'http://x/');
	if (!current || current.pathname === target.pathname) {
		await page.goto(path);
		// The same page with another fragment is not loaded again by the browser: a reload reads the new one.
		if (current && target.hash) await page.reload();
	} else {
		await page.evaluate((href) => {
			const a = document.createElement('a');
			a.href = href;
			document.body.append(a);
			a.click();
			a.remove();
		}, path);
	}
	await page.waitForURL((u) => u.pathname === target.pathname && u.search === target.search && u.hash === target.hash, {
		timeout: 15_000
	});
}

/** Switches the language: through the header's picker where the page has one, else the stored choice and a reload. */
export async function setLanguage(page: Page, lang: Lang): Promise<void> {
	if ((await page.locator('html').getAttribute('lang')) === lang) return;
	const picker = page.locator('header select#lang');
	if (await picker.count()) await picker.selectOption(lang);
	else {
		await page.evaluate((l) => localStorage.setItem('contract-desk.locale', l), lang);
		await page.reload();
	}
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** The page shows the scene's state: a heading, no loading notice, the scene's marker, fonts and layout settled. */
export async function arrive(page: Page, scene: Scene): Promise<void> {
	await expect(page.locator('main h1').first()).toBeAttached({ timeout: 15_000 });
	await expect(page.locator('main [role="status"]').filter({ hasText: /^(加载中…|Loading…)$/ })).toHaveCount(0, {
		timeout: 15_000
	});
	if (scene.prepare) await scene.prepare(page);
	if (scene.ready) await expect(page.locator(scene.ready).first()).toBeVisible({ timeout: 20_000 });
	await settle(page);
}

/** Fonts loaded, two frames drawn, the page at its top-left. */
export async function settle(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await document.fonts.ready;
		window.scrollTo(0, 0);
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	});
}

async function admin(base: string, token: string, path: string, body?: unknown): Promise<void> {
	const res = await fetch(`${base}/api/v1/admin${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
}

async function generated(page: Page): Promise<string> {
	await page.getByTestId('generate').click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

async function effective(page: Page, id: string): Promise<void> {
	await go(page, `/contracts/${id}`);
	await expect(page.getByTestId('contract-status')).toHaveAttribute('data-status', 'effective', { timeout: 30_000 });
}

/** The customer's stamping request, confirmed and sent; with a tracking number it is mailed already. */
async function submitStampingRequest(page: Page, id: string, tracking?: string): Promise<void> {
	await go(page, `/contracts/${id}/stamping`);
	await fillReturnAddress(page, tracking ? { courier: '顺丰速运', trackingNumber: tracking } : {});
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
}

async function newDevice(browser: Browser, base: string, serviceWorkers: 'allow' | 'block'): Promise<BrowserContext> {
	const context = await browser.newContext({ ...PHONE, baseURL: base, serviceWorkers });
	// A step that cannot happen (a control that never enables) fails the scene in seconds, not at the test's timeout.
	context.setDefaultTimeout(20_000);
	return context;
}

/** Builds every state once and returns the scenes, device by device. Takes a minute or so. */
export async function buildStates(
	browser: Browser,
	{ base, adminToken, log = () => {} }: StateOptions
): Promise<AppStates> {
	const contexts: BrowserContext[] = [];
	const close = async () => {
		for (const c of contexts) await c.close().catch(() => undefined);
	};
	try {
		// The demo account's phone, under the service worker (it goes offline at the end).
		const main = await newDevice(browser, base, 'allow');
		contexts.push(main);
		const page = await main.newPage();
		await signIn(page, 'demo');
		await underServiceWorker(page, 30_000, { deferred: false });
		log('signed in as demo');

		// An order contract: its orders show as attached when the picker opens again.
		await go(page, '/contracts/new/order');
		const rows = page.getByTestId('order-option');
		await expect(rows.first()).toBeVisible({ timeout: 20_000 });
		for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox').check();
		await fillContact(page, '李喆');
		await page.getByTestId('to-confirm').click();
		const order = await generated(page);
		// A filing contract (the contact is carried over from the last one).
		await go(page, '/contracts/new/filing');
		await page.getByTestId('filing-option').first().check();
		await fillContact(page, '李喆');
		await page.getByTestId('to-confirm').click();
		const filing = await generated(page);
		const received = await generateFramework(page, '李喆');
		const stamped = await generateFramework(page, '李喆');
		const returned = await generateFramework(page, '李喆');
		log('generated order, filing and three framework contracts');
		for (const id of [order, filing, received, stamped, returned]) await effective(page, id);
		const number = (await page.getByTestId('detail-number').textContent())!.trim();
		const hash = (await page.getByTestId('detail-content-hash').textContent())!.trim();

		// Paper copies: the order contract's still to mail, the others mailed; then the provider's steps.
		await submitStampingRequest(page, order);
		await submitStampingRequest(page, filing, 'SF1234567890');
		await submitStampingRequest(page, received, 'SF1234567891');
		await submitStampingRequest(page, stamped, 'SF1234567892');
		await submitStampingRequest(page, returned, 'SF1234567893');
		await admin(base, adminToken, `/contracts/${received}/stamping/received`);
		for (const step of ['received', 'stamped']) {
			await admin(base, adminToken, `/contracts/${stamped}/stamping/${step}`);
			await admin(base, adminToken, `/contracts/${returned}/stamping/${step}`);
		}
		await admin(base, adminToken, `/contracts/${returned}/stamping/returned`, {
			courier: '京东物流',
			trackingNumber: 'JDVA12345678901234'
		});
		log('paper copies requested; the provider received, stamped and returned three');

		// Two contracts generated offline while the account's verified name changes: both refused; one is then
		// generated again (the old one void), the other stays refused.
		await main.setOffline(true);
		await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
		const refused = await generateFramework(page, '李喆');
		const voided = await generateFramework(page, '李喆');
		const { status: _s, accountId: _a, verifiedAt: _v, ...demoDetails } = DEMO_IDENTITY;
		await admin(base, adminToken, `/accounts/${DEMO_ACCOUNT_ID}/verify`, { ...demoDetails, ...RENAMED });
		await main.setOffline(false);
		await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(true);
		// Back online the outbox sends by itself; 立即同步 spares the wait for its next round.
		await go(page, '/outbox');
		await page.getByTestId('outbox-sync-now').click();
		// A refused contract stays pending on the device; its outbox row says the provider refused it.
		await expect
			.poll(
				async () =>
					(await storedRows<{ resourceId: string; status: string }>(page, 'outbox'))
						.filter((r) => r.resourceId === refused || r.resourceId === voided)
						.map((r) => r.status)
						.join(),
				{ timeout: 40_000 }
			)
			.toBe('rejected,rejected');
		// 生成新合同 takes today's identity: the pull must have brought the new name first.
		await expect
			.poll(async () => (await storedRows<{ legalName?: string }>(page, 'identity'))[0]?.legalName, {
				timeout: 30_000
			})
			.toBe(RENAMED.legalName);
		await go(page, `/contracts/${voided}`);
		await page.getByTestId('regenerate').click();
		await expect(page.locator('#contact-person')).toBeVisible();
		await fillContact(page, '李喆');
		await page.getByTestId('to-confirm').click();
		const replacement = await generated(page);
		await effective(page, replacement);
		log('two contracts refused, one generated again');

		// The provider's events reach the phone with a pull.
		await go(page, `/contracts/${returned}/stamping`);
		await page.reload();
		await expect(page.getByTestId('stamp-step-returned')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });

		// Someone holding the paper, with no account on this browser.
		const strangerContext = await newDevice(browser, base, 'block');
		contexts.push(strangerContext);
		const stranger = await strangerContext.newPage();
		await stranger.goto('/signin');

		// The account whose real-name verification is not done: no contracts, filings or orders.
		const unverifiedContext = await newDevice(browser, base, 'block');
		contexts.push(unverifiedContext);
		const unverified = await unverifiedContext.newPage();
		await signIn(unverified, 'demo-unverified');
		log('signed in as a stranger and as demo-unverified');

		const c = (id: string) => `/contracts/${id}`;
		const detail = (id: string, state: string, ready?: string): Scene => ({
			route: '/contracts/[id]',
			state,
			path: c(id),
			ready: ready ?? '[data-testid="contract-status"]'
		});
		const stamping = (id: string, state: string, ready: string): Scene => ({
			route: '/contracts/[id]/stamping',
			state,
			path: `${c(id)}/stamping`,
			ready
		});
		const step = (kind: string) => `[data-testid="stamp-step-${kind}"][data-done="true"]`;
		const verify = (state: string, path: string, ready = '[data-testid="verify-result"]'): Scene => ({
			route: '/verify/[number]',
			state,
			path,
			ready
		});
		const back = async (p: Page) => {
			const edit = p.getByTestId('edit-details');
			if (await edit.isVisible()) await edit.click();
		};
		const toConfirm = async (p: Page) => {
			await back(p);
			await fillContact(p, '李喆');
			await p.getByTestId('to-confirm').click();
		};
		const verifyScenes = [
			verify('registered, same content', `/verify/${number}#${hash}`),
			verify('registered, other content', `/verify/${number}#${'e'.repeat(64)}`),
			verify('not found', `/verify/${UNKNOWN_NUMBER}#${hash}`),
			verify('broken link', `/verify/${number}#not-a-fingerprint`, '[data-testid="verify-bad-link"]')
		];

		const phases: Phase[] = [
			{
				name: 'signed out',
				page: stranger,
				scenes: [
					{ route: '/signin', state: 'signed out', path: '/signin', ready: '#code' },
					{ route: '/verify', state: 'signed out', path: '/verify', ready: '[data-testid="verify-file"]' },
					verify('signed out, registered', `/verify/${number}#${hash}`)
				]
			},
			{
				name: 'demo',
				page,
				scenes: [
					{ route: '/', state: 'paper copies to do', path: '/', ready: '[data-testid="home-needs"]' },
					{ route: '/contracts', state: 'every status', path: '/contracts', ready: '[data-testid="contract-row"]' },
					detail(order, 'order contract, paper to mail'),
					detail(filing, 'filing contract, paper mailed'),
					detail(received, 'paper received'),
					detail(stamped, 'paper stamped'),
					detail(returned, 'paper returned'),
					detail(refused, 'refused', '[data-testid="contract-refused"]'),
					detail(voided, 'void', '[data-testid="contract-void"]'),
					detail(replacement, 'replacement, no paper copy'),
					stamping(replacement, 'no request yet', '[data-testid="stamp-form"]'),
					{
						...stamping(replacement, 'errors shown', '[aria-invalid="true"]'),
						prepare: async (p) => {
							await p.locator('#stamp-phone').fill('0755');
							await p.locator('#stamp-postalCode').fill('51');
							await p.getByTestId('stamp-submit').click();
						}
					},
					{
						...stamping(replacement, 'confirm dialog', 'dialog[open], [role="dialog"]'),
						prepare: async (p) => {
							await fillReturnAddress(p, { courier: '顺丰速运', trackingNumber: 'SF1234567899' });
							await p.getByTestId('stamp-submit').click();
						},
						cleanup: async (p) => {
							await p.keyboard.press('Escape');
							await expect(p.getByRole('dialog')).toBeHidden();
						}
					},
					stamping(order, 'to mail', '[data-testid="stamp-timeline"]'),
					stamping(filing, 'mailed', '[data-testid="stamp-timeline"]'),
					stamping(received, 'received', step('received')),
					stamping(stamped, 'stamped', step('stamped')),
					stamping(returned, 'returned', step('returned')),
					stamping(refused, 'refused contract', 'main h1'),
					{
						route: '/contracts/[id]/print',
						state: 'paper returned',
						path: `${c(returned)}/print`,
						ready: '[data-testid="print-sheets"][data-ready="true"]'
					},
					{
						route: '/contracts/new/[kind]',
						state: 'framework, details',
						path: '/contracts/new/framework',
						ready: '#contact-person',
						prepare: back
					},
					{
						route: '/contracts/new/[kind]',
						state: 'framework, errors shown',
						path: '/contracts/new/framework',
						ready: '[aria-invalid="true"]',
						prepare: async (p) => {
							await back(p);
							await p.locator('#contact-phone').fill('12');
							await p.locator('#contact-email').fill('zhe.li@');
							await p.getByTestId('to-confirm').click();
						}
					},
					{
						route: '/contracts/new/[kind]',
						state: 'framework, confirm',
						path: '/contracts/new/framework',
						ready: '[data-testid="generate"]',
						prepare: toConfirm,
						cleanup: back
					},
					{
						route: '/contracts/new/[kind]',
						state: 'filing, details',
						path: '/contracts/new/filing',
						ready: '[data-testid="filing-option"]',
						prepare: back
					},
					{
						route: '/contracts/new/[kind]',
						state: 'order picker, all months, attached orders',
						path: '/contracts/new/order',
						ready: '[data-testid="order-attached"]',
						prepare: async (p) => {
							await back(p);
							await p.locator('#order-month').selectOption({ index: 0 });
						}
					},
					{
						route: '/contracts/new/[kind]',
						state: 'order, confirm',
						path: '/contracts/new/order',
						ready: '[data-testid="attachment-orders"]',
						prepare: async (p) => {
							await back(p);
							// Three orders ticked that can be (not refunded, not in a contract yet); the draft may hold some already.
							const box = '[data-testid="order-option"] input[type="checkbox"]:not(:disabled)';
							await expect(p.getByTestId('order-option').first()).toBeVisible();
							for (let i = 0; i < 6 && (await p.locator(`${box}:checked`).count()) < 3; i++)
								await checkFirst(p.locator(`${box}:not(:checked)`));
							await toConfirm(p);
						},
						cleanup: back
					},
					{ route: '/filings', state: 'three filings', path: '/filings', ready: '[data-testid="filing"]' },
					{ route: '/orders', state: '300 orders', path: '/orders', ready: '[data-testid="order-row"]' },
					{ route: '/stamping', state: 'every paper state', path: '/stamping', ready: '[data-testid="paper-row"]' },
					{ route: '/stamping/new', state: 'contracts to choose', path: '/stamping/new' },
					{ route: '/outbox', state: 'delivered and refused', path: '/outbox', ready: '[data-testid="outbox-row"]' },
					{ route: '/more', state: 'verified account', path: '/more' },
					{ route: '/more/storage', state: 'verified account', path: '/more/storage' },
					{ route: '/faq', state: 'all answers', path: '/faq' },
					{ route: '/verify', state: 'signed in', path: '/verify', ready: '[data-testid="verify-file"]' },
					...verifyScenes,
					{ route: '+error', state: 'unknown page', path: '/no-such-page' }
				]
			},
			{
				name: 'unverified',
				page: unverified,
				scenes: [
					{ route: '/', state: 'unverified', path: '/' },
					{ route: '/contracts', state: 'unverified, empty', path: '/contracts' },
					{ route: '/contracts/new/[kind]', state: 'unverified', path: '/contracts/new/framework' },
					{ route: '/stamping', state: 'unverified, empty', path: '/stamping' },
					{ route: '/stamping/new', state: 'unverified', path: '/stamping/new' },
					{ route: '/filings', state: 'unverified, empty', path: '/filings' },
					{ route: '/orders', state: 'unverified, empty', path: '/orders' },
					{ route: '/more', state: 'unverified', path: '/more' }
				]
			},
			{
				name: 'empty',
				page: unverified,
				// The provider completes the verification: a verified account with nothing in it yet.
				before: async () => {
					await admin(base, adminToken, `/accounts/${DEMO_UNVERIFIED_ACCOUNT_ID}/verify`, DEFAULT_VERIFICATION);
					await go(unverified, '/outbox');
					await unverified.getByTestId('outbox-sync-now').click();
					await expect
						.poll(async () => (await storedRows<{ status: string }>(unverified, 'identity'))[0]?.status, {
							timeout: 30_000
						})
						.toBe('verified');
				},
				scenes: [
					{ route: '/', state: 'empty account', path: '/' },
					{ route: '/contracts', state: 'empty account', path: '/contracts' },
					{ route: '/contracts/new/[kind]', state: 'empty account, filing', path: '/contracts/new/filing' },
					{ route: '/contracts/new/[kind]', state: 'empty account, order', path: '/contracts/new/order' },
					{ route: '/stamping', state: 'empty account', path: '/stamping' },
					{ route: '/stamping/new', state: 'empty account', path: '/stamping/new' },
					{ route: '/filings', state: 'empty account', path: '/filings' },
					{ route: '/orders', state: 'empty account', path: '/orders' },
					{ route: '/outbox', state: 'empty account', path: '/outbox' }
				]
			},
			{
				name: 'offline',
				page,
				// The phone loses its network and generates one more contract: it waits in the outbox.
				before: async () => {
					await main.setOffline(true);
					await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
					const pending = await generateFramework(page, '李喆');
					const scenes = phases.at(-1)!.scenes;
					scenes.push(
						detail(pending, 'offline, waiting to register'),
						stamping(pending, 'offline, not registered yet', 'main h1')
					);
				},
				scenes: [
					{ route: '/', state: 'offline', path: '/' },
					{ route: '/outbox', state: 'offline: waiting, refused, delivered', path: '/outbox' },
					{ route: '/contracts', state: 'offline', path: '/contracts', ready: '[data-testid="contract-row"]' },
					verify('offline, registered', `/verify/${number}#${hash}`, '[data-testid="verify-offline"]')
				]
			}
		];
		return { phases, close };
	} catch (e) {
		await close();
		throw e;
	}
}
