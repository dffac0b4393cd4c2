// Made for thumbs, on a 390×844 phone: every interactive target on every route is at least 44×44 CSS px (a checkbox
// or radio counts with the label or row that toggles it; a link inside a sentence is exempt, as WCAG 2.5.8 has it),
// every route has its own title, and an unknown path gets a localized 404 with a way home.
import { expect, test, type Page } from '@playwright/test';
import { generateFramework, signIn, underServiceWorker } from '../support/e2e/helpers';

test.use({ viewport: { width: 390, height: 844 } });

type Small = { what: string; w: number; h: number };

/** Interactive elements on screen smaller than 44×44 px, measured where the finger lands. */
async function smallTargets(page: Page): Promise<Small[]> {
	return page.evaluate(() => {
		const MIN = 44;
		const out: Small[] = [];
		const selector =
			'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [tabindex]:not([tabindex="-1"])';
		for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
			if (el.closest('[inert], [hidden], .visually-hidden, dialog:not([open])')) continue;
			const style = getComputedStyle(el);
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			let target: HTMLElement = el;
			if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
				// The label (or a row marked as the toggle) is what the finger hits.
				target =
					el.closest<HTMLElement>('label, [data-toggle-row]') ??
					(el.id ? document.querySelector<HTMLElement>(`label[for="${el.id}"]`) : null) ??
					el;
			}
			const r = target.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) continue;
			// A link inside running text (its block holds more text than the link) is exempt.
			if (el.tagName === 'A') {
				const block = el.parentElement?.closest('p, li, dd, td, span');
				if (block && (block.textContent ?? '').trim().length > (el.textContent ?? '').trim().length + 4) continue;
			}
			if (r.width < MIN - 0.5 || r.height < MIN - 0.5) {
				const name = (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).name ?? '')
					.trim()
					.slice(0, 30);
				out.push({
					what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${name}"`,
					w: Math.round(r.width),
					h: Math.round(r.height)
				});
			}
		}
		return out;
	});
}

test('every route: targets ≥ 44×44 px and a title of its own', async ({ page }) => {
	test.setTimeout(180_000);
	const titles = new Map<string, string>();
	const problems: string[] = [];
	const visit = async (path: string, ready: () => Promise<unknown>) => {
		await page.goto(path);
		await ready();
		await page.waitForTimeout(300);
		for (const s of await smallTargets(page)) problems.push(`${path}: ${s.what} ${s.w}×${s.h}`);
		titles.set(path, await page.title());
	};
	await visit('/signin', () => expect(page.locator('#code')).toBeEnabled());
	await visit('/verify', () => expect(page.locator('main h1')).toBeVisible());
	await signIn(page, 'demo');
	const id = await generateFramework(page, '李喆');
	const h1 = () => expect(page.locator('main h1').first()).toBeVisible();
	for (const path of [
		'/',
		'/contracts',
		`/contracts/${id}`,
		`/contracts/${id}/stamping`,
		'/contracts/new/framework',
		'/contracts/new/filing',
		'/contracts/new/order',
		'/filings',
		'/orders',
		'/more',
		'/more/storage',
		'/faq',
		'/outbox',
		'/no-such-page'
	])
		await visit(path, h1);
	expect(problems, problems.join('\n')).toEqual([]);
	for (const [path, title] of titles) expect(title, path).toMatch(/合同台/);
	// One title per route: no two routes share one (the 404 and the contract pages included).
	const seen = [...titles.values()];
	expect(new Set(seen).size, [...titles].map(([p, t]) => `${p} → ${t}`).join('\n')).toBe(seen.length);
});

test('an unknown path: a localized 404 with a link home', async ({ page }) => {
	await signIn(page, 'demo');
	await page.goto('/no-such-page');
	await expect(page.locator('main h1')).toHaveText('找不到这个页面');
	await page.getByRole('link', { name: '返回首页' }).click();
	await expect(page).toHaveURL(/\/$/);
});

test('the whole order row toggles; 下一页 brings the list top into view; the fingerprints fold below the actions', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo');
	await page.goto('/contracts/new/order');
	const rows = page.getByTestId('order-option');
	await expect(rows).toHaveCount(20);
	// A tap on the amount (not the checkbox) selects the order, a second one unselects it.
	const box = rows.nth(1).getByRole('checkbox');
	await rows.nth(1).locator('td.num').click();
	await expect(box).toBeChecked();
	await rows.nth(1).locator('td.num').click();
	await expect(box).not.toBeChecked();

	await page.goto('/orders');
	await expect(page.locator('main table tbody tr').first()).toBeVisible();
	await page.getByTestId('pager-next').scrollIntoViewIfNeeded();
	await page.getByTestId('pager-next').click();
	await expect(page.getByText('第 2 页')).toBeAttached();
	// The list's first row is on screen again, under the header.
	await expect
		.poll(() => page.evaluate(() => document.querySelector('main table')!.getBoundingClientRect().top))
		.toBeLessThan(844);
	await expect
		.poll(() => page.evaluate(() => document.querySelector('main table')!.getBoundingClientRect().top))
		.toBeGreaterThanOrEqual(0);

	const id = await generateFramework(page, '王珺');
	await page.goto(`/contracts/${id}`);
	const fold = page.getByTestId('fingerprints');
	await expect(page.getByTestId('doc-download')).toBeVisible();
	await expect(fold).not.toHaveAttribute('open', '');
	await expect(page.getByTestId('detail-pdf-sha256')).toBeHidden();
	const below = await page.evaluate(() => {
		const actions = document.querySelector('[data-testid="doc-download"]')!.getBoundingClientRect();
		return document.querySelector('[data-testid="fingerprints"]')!.getBoundingClientRect().top >= actions.bottom;
	});
	expect(below).toBe(true);
	await fold.locator('summary').click();
	await expect(page.getByTestId('detail-pdf-sha256')).toHaveText(/^[0-9a-f]{64}$/);
});

test('sign-out: the confirm buttons sit above the bottom navigation; the version reads as a date and a build', async ({
	page
}) => {
	await signIn(page, 'demo');
	await page.goto('/more');
	await page.getByRole('button', { name: '退出登录' }).click();
	const cancel = page.locator('.signout-confirm').getByRole('button', { name: '取消' });
	await expect(cancel).toBeVisible();
	const [buttonBottom, navTop] = await page.evaluate(() => [
		document.querySelector('.signout-confirm .row')!.getBoundingClientRect().bottom,
		document.querySelector('.app-nav')!.getBoundingClientRect().top
	]);
	expect(buttonBottom).toBeLessThanOrEqual(navTop);
	await cancel.click();
	// The version is the service worker's: asked once the page is under it.
	await underServiceWorker(page);
	await expect(page.getByTestId('app-version')).toHaveText(
		/^版本 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 发布 · 构建 [0-9a-z]+$/,
		{ timeout: 20_000 }
	);
});

test('the sticky header stays one line in both languages, the sync time without a date on the day it happened', async ({
	page
}) => {
	await signIn(page, 'demo');
	const badge = page.getByTestId('sync-badge');
	for (const [lang, synced] of [
		['zh-CN', /^已同步 \d\d:\d\d$/],
		['en', /^Synced \d\d:\d\d$/]
	] as const) {
		await page.locator('header select').selectOption(lang);
		await expect(badge).toHaveText(synced);
		// A sticky header eats its height on every page: one row of 44 px targets plus padding.
		const height = await page.locator('header.app-header').evaluate((h) => h.getBoundingClientRect().height);
		expect(height, lang).toBeLessThanOrEqual(56);
	}
});
