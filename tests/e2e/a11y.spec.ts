// Accessibility: an axe-core scan of every route (signed out and signed in, with a real contract): no serious or critical
// violations; the generated contract announced; focus after sign-out; 320 px with WCAG 1.4.12's text spacing.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fillContact, generateFramework, signIn } from '../support/e2e/helpers';

type Found = { route: string; id: string; impact: string; help: string; targets: string[] };

async function scan(page: Page, route: string): Promise<Found[]> {
	await page.goto(route);
	await expect(page.locator('main h1').first()).toBeVisible();
	// Let live queries settle so the scan sees the page with its data, not the loading state.
	await page.waitForLoadState('networkidle').catch(() => undefined);
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			route,
			id: v.id,
			impact: v.impact!,
			help: v.help,
			targets: v.nodes.slice(0, 3).map((n) => n.target.join(' '))
		}));
}

test('no serious or critical axe violations on any route', async ({ page }) => {
	// 20 scans on a machine shared with other test runs. The print view is not scanned: axe over its page images
	// and thousands of positioned text-layer spans did not finish within minutes here.
	test.setTimeout(240_000);
	const found: Found[] = [];
	found.push(...(await scan(page, '/signin')));
	await signIn(page, 'demo');

	// A real contract, so the detail page is scanned with content.
	await page.goto('/contracts/new/framework');
	await page.locator('#contact-person').fill('王珺');
	await page.locator('#contact-phone').fill('13800138000');
	await page.locator('#contact-email').fill('wang@example.com');
	await page.locator('#contact-mailingAddress').fill('广东省深圳市南山区科技园 1 号');
	await page.getByTestId('to-confirm').click();
	await expect(page.getByTestId('generate')).toBeVisible();
	const confirm = await new AxeBuilder({ page }).analyze();
	found.push(
		...confirm.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => ({
				route: '/contracts/new/framework (confirm)',
				id: v.id,
				impact: v.impact!,
				help: v.help,
				targets: v.nodes.slice(0, 3).map((n) => n.target.join(' '))
			}))
	);
	await page.getByTestId('generate').click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	const detail = new URL(page.url()).pathname;

	const routes = [
		'/',
		'/contracts',
		detail,
		`${detail}/stamping`,
		'/contracts/new/framework',
		'/contracts/new/filing',
		'/contracts/new/order',
		'/filings',
		'/orders',
		'/stamping',
		'/stamping/new',
		'/outbox',
		'/more',
		'/more/storage',
		'/faq',
		'/verify',
		`/verify/HT-20200101-00000000#${'a'.repeat(64)}`
	];
	for (const route of routes) found.push(...(await scan(page, route)));
	// English too: a different language changes text lengths and lang attributes.
	await page.goto('/more');
	await page.locator('header #lang').selectOption('en');
	for (const route of ['/', '/more/storage', '/faq']) found.push(...(await scan(page, route)));

	if (found.length) console.log(JSON.stringify(found, null, 2));
	expect(found).toEqual([]);
});

test('a generated contract is announced in a polite status that outlives the route change', async ({ page }) => {
	await signIn(page, 'demo');
	await page.goto('/contracts/new/framework');
	await fillContact(page, '王珺');
	await page.getByTestId('to-confirm').click();
	const region = page.getByTestId('announcer');
	await expect(region).toHaveAttribute('role', 'status');
	await expect(region).toHaveAttribute('aria-live', 'polite');
	await expect(region).toHaveText('');
	// The very element that was in the page before generating: a region created with the new page would not be read.
	const before = await region.elementHandle();
	await page.getByTestId('generate').click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	const id = new URL(page.url()).pathname.split('/').at(-1)!;
	const number = (await page.getByTestId('detail-number').textContent())!.trim();
	expect(number).toMatch(/^HT-/);
	await expect(region).toHaveText(`合同已生成：${number}`);
	expect(await before!.evaluate((el) => el.isConnected && el.textContent)).toBe(`合同已生成：${number}`);

	// Said once, on the page it was meant for: leaving it (a client-side navigation) clears it.
	await page.locator('nav.app-nav a[href="/contracts"]').click();
	await expect(page).toHaveURL(/\/contracts$/);
	await expect(region).toHaveText('');

	// The print view's title names what it is once (not 「打印合同 · 打印合同」), with the number.
	await page.goto(`/contracts/${id}/print`);
	await expect(page).toHaveTitle(`打印合同 ${number} · 合同台`);
	await expect(page.locator('main h1')).toHaveText(`打印合同 ${number}`);
});

test('signing out by keyboard leaves focus on the sign-in page’s heading, not on <body>', async ({ page }) => {
	await signIn(page, 'demo');
	await page.goto('/more');
	await page.getByRole('button', { name: '退出登录' }).focus();
	await page.keyboard.press('Enter');
	const confirm = page.locator('.signout-confirm').getByRole('button', { name: '退出登录' });
	await confirm.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/signin$/);
	await expect(page.locator('#signin-title')).toBeFocused();
	expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
});

test.describe('320 px with WCAG 1.4.12 text spacing', () => {
	// The text-spacing override is an injected stylesheet: the app's CSP (style-src 'self') would refuse it.
	test.use({ viewport: { width: 320, height: 640 }, bypassCSP: true });
	const SPACING =
		'* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }' +
		' p { margin-bottom: 2em !important; }';

	test('nothing is wider than the viewport and the sync badge never covers the brand', async ({ page }) => {
		test.setTimeout(120_000);
		await signIn(page, 'demo');
		const id = await generateFramework(page, '王珺');
		for (const locale of ['zh-CN', 'en']) {
			await page.evaluate((l) => localStorage.setItem('contract-desk.locale', l), locale);
			for (const route of ['/', '/contracts', `/contracts/${id}`]) {
				await page.goto(route);
				await expect(page.locator('main h1').first()).toBeVisible();
				if (route === '/contracts') await expect(page.getByTestId('contract-number').first()).toBeVisible();
				else if (route === '/') await expect(page.getByTestId('count-orders')).toBeVisible();
				else await expect(page.getByTestId('detail-number')).toBeVisible();
				await expect(page.getByTestId('sync-badge')).toBeVisible();
				await page.addStyleTag({ content: SPACING });
				const found = await page.evaluate(() => {
					const vw = document.documentElement.clientWidth;
					const name = (e: Element) =>
						`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${[...e.classList].map((c) => '.' + c).join('')}`;
					const wide = [...document.querySelectorAll('body *')]
						.filter((e) => {
							const r = e.getBoundingClientRect();
							return r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5);
						})
						.map((e) => `${name(e)} ${Math.round(e.getBoundingClientRect().right)} > ${vw}`);
					// The brand's text, not its box: a squeezed box lets its text run under the badge.
					const range = document.createRange();
					range.selectNodeContents(document.querySelector('header .brand')!);
					const brand = range.getBoundingClientRect();
					const badge = document.querySelector('[data-testid="sync-badge"]')!.getBoundingClientRect();
					const overlap =
						badge.left < brand.right &&
						brand.left < badge.right &&
						badge.top < brand.bottom &&
						brand.top < badge.bottom;
					// The numbers' text (a nowrap box keeps its width while its text runs out of it) against their card.
					const numbers = [
						...document.querySelectorAll('[data-testid="contract-number"], [data-testid="detail-number"]')
					]
						.filter((n) => {
							const text = document.createRange();
							text.selectNodeContents(n);
							return text.getBoundingClientRect().right > n.closest('.card')!.getBoundingClientRect().right;
						})
						.map((n) => n.textContent);
					return { scrollWidth: document.documentElement.scrollWidth, vw, wide, overlap, numbers };
				});
				const where = `${locale} ${route}`;
				expect(found.wide, `${where}: elements wider than the viewport`).toEqual([]);
				expect(found.scrollWidth, `${where}: page width`).toBeLessThanOrEqual(found.vw);
				expect(found.overlap, `${where}: the sync badge overlaps the brand`).toBe(false);
				expect(found.numbers, `${where}: contract numbers leaving their card`).toEqual([]);
			}
		}
	});
});

test('in the English UI, Chinese names, addresses, filings and products are marked lang="zh-CN"', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo');
	const id = await generateFramework(page, '王珺');
	await page.goto(`/contracts/${id}/stamping`);
	await expect(page.locator('main h1').first()).toBeVisible();
	await page.locator('header #lang').selectOption('en');
	const routes = ['/', `/contracts/${id}`, `/contracts/${id}/stamping`, '/filings', '/orders', '/contracts/new/filing'];
	for (const route of routes) {
		await page.goto(route);
		await expect(page.locator('main h1').first()).toBeVisible();
		await page.waitForLoadState('networkidle').catch(() => undefined);
		// Each route shows Chinese data (the company, the filings' sites, the orders' products), so a check over
		// nothing cannot pass: at least one Chinese text is found, and every one sits under lang="zh-CN".
		await expect(page.locator('main [lang="zh-CN"]').first()).toBeVisible();
		const unmarked = await page.evaluate(() => {
			const out: string[] = [];
			const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const el = n.parentElement;
				if (!el || !/\p{Script=Han}/u.test(n.nodeValue ?? '') || !el.checkVisibility()) continue;
				if (el.closest('[lang]')?.getAttribute('lang') !== 'zh-CN') out.push(n.nodeValue!.trim());
			}
			return out;
		});
		expect(unmarked, `${route}: Chinese text without lang="zh-CN"`).toEqual([]);
	}
});
