// Forms check where the user types (issue 19 item 6, #4, #7, #8, item 9): at step 1 beside the field, nothing cut,
// 下一步 right after a tick, the filing error by its group, the summary read once, focus never under a fixed bar.
import { expect, test, type Page } from '@playwright/test';
import { fillContact, generateFramework, signIn } from '../support/e2e/helpers';

test.use({ viewport: { width: 390, height: 844 } });

/** The focused control's box against the sticky header, the tab bar and a sticky bar above it (「已选…」). */
async function focusedClear(page: Page): Promise<{ what: string; problem: string | null; inBar: boolean }> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { what: 'body', problem: null, inBar: false };
		const what = `${el.tagName.toLowerCase()}#${el.id || ''}[${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20) ?? ''}]`;
		const header = document.querySelector('.app-header')!.getBoundingClientRect();
		const nav = document.querySelector('.app-nav')!;
		const sticky = [...document.querySelectorAll<HTMLElement>('[data-testid="selection-summary"]')].filter(
			(s) => getComputedStyle(s).position === 'sticky'
		);
		// The skip link shows over the header on purpose, only while it has focus.
		const bars = [nav, ...sticky, document.querySelector('.app-header')!, ...document.querySelectorAll('.skip')];
		if (bars.some((b) => b.contains(el))) return { what, problem: null, inBar: nav.contains(el) };
		const r = el.getBoundingClientRect();
		const navTop = nav.getBoundingClientRect().top;
		const problems = [];
		if (r.top < header.bottom - 0.5)
			problems.push(`top ${r.top.toFixed(1)} under the header (bottom ${header.bottom})`);
		if (r.bottom > navTop + 0.5) problems.push(`bottom ${r.bottom.toFixed(1)} under the tab bar (top ${navTop})`);
		// A sticky bar in its place in the flow covers nothing; stuck, it covers what it overlaps.
		for (const bar of sticky) {
			const b = bar.getBoundingClientRect();
			if (r.bottom > b.top + 0.5 && r.top < b.bottom - 0.5)
				problems.push(
					`${r.top.toFixed(1)}–${r.bottom.toFixed(1)} under 已选 (${b.top.toFixed(1)}–${b.bottom.toFixed(1)})`
				);
		}
		return { what, problem: problems.join('; ') || null, inBar: false };
	});
}

/** Tabs from the page's first control until the tab bar gets focus; every control on the way is in the clear. */
async function tabThrough(page: Page, max = 120): Promise<number> {
	await page.evaluate(() => window.scrollTo(0, 0));
	// A click sets where sequential navigation starts: the page's title, as a user reading from the top.
	await page.locator('main h1').first().click();
	let seen = 0;
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const f = await focusedClear(page);
		if (f.inBar) return seen;
		seen++;
		expect(f.problem, `${f.what} after ${i + 1} Tab presses`).toBeNull();
	}
	return seen;
}

test('an emoji in 联系人 is refused at step 1 beside the field; a long address is kept whole with its limit', async ({
	page
}) => {
	await signIn(page, 'demo');
	await page.goto('/contracts/new/framework');
	await fillContact(page, '张三😀');
	// Refused as it is typed, next to the field, naming the character.
	const error = page.getByTestId('field-error-person');
	await expect(error).toHaveText('合同字体中没有「😀」，无法打印。请删去或换一种写法。');
	await expect(page.locator('#contact-person')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#contact-person')).toHaveAttribute('aria-describedby', /contact-person-error/);
	await page.getByTestId('to-confirm').click();
	// Still step 1, focus on the field, no generate button anywhere.
	await expect(page.locator('#contact-person')).toBeFocused();
	await expect(page.getByTestId('generate')).toHaveCount(0);
	const box = (await page.locator('#contact-person').boundingBox())!;
	const errorBox = (await error.boundingBox())!;
	expect(errorBox.y - (box.y + box.height)).toBeLessThan(40);
	await expect(error).toBeInViewport();

	// 5,000 characters pasted into 通讯地址: all kept, the limit and the count said.
	await page.locator('#contact-person').fill('张三');
	const long = '深'.repeat(5000);
	await page.locator('#contact-mailingAddress').fill(long);
	await expect(page.locator('#contact-mailingAddress')).toHaveValue(long);
	await expect(page.getByTestId('field-error-mailingAddress')).toHaveText(
		'最多 200 字，现有 5000 字，请删去 4800 字。内容不会被自动截断。'
	);
	await page.screenshot({ path: test.info().outputPath('framework-errors.png') });
});

test('tick an order and tap 下一步 at once: the confirm step, with that order', async ({ page }) => {
	await signIn(page, 'demo');
	await page.goto('/contracts/new/order');
	const box = page.locator('[data-testid="order-option"] input[type="checkbox"]:not(:disabled)').first();
	await expect(box).toBeEnabled({ timeout: 20_000 });
	await fillContact(page, '李喆');
	await expect(page.getByTestId('selection-text')).toContainText('已选 0 个订单');
	const id = (await box.getAttribute('id'))!.replace(/^pick-/, '');
	// Both in one task: the selection's read-back from the database cannot have happened before 下一步.
	await page.evaluate((boxId) => {
		(document.getElementById(boxId) as HTMLInputElement).click();
		(document.querySelector('[data-testid="to-confirm"]') as HTMLButtonElement).click();
	}, `pick-${id}`);
	await expect(page.getByTestId('generate')).toBeVisible();
	await expect(page.getByTestId('attachment-order-id')).toHaveText([id]);
	await expect(page.locator('#order-search')).toHaveCount(0);
});

test('the filing error is shown by its group, in view, with focus on the radios; arrows move between them', async ({
	page
}) => {
	await signIn(page, 'demo');
	await page.goto('/contracts/new/filing');
	await expect(page.getByTestId('filing-option').first()).toBeVisible();
	await fillContact(page, '李喆');
	await page.getByTestId('to-confirm').click();
	const error = page.getByTestId('filing-error');
	await expect(error).toHaveText('请选择一个备案。');
	await expect(error).toBeInViewport();
	const group = page.getByTestId('filing-group');
	await expect(group).toHaveAttribute('aria-describedby', 'filing-error');
	const first = page.locator('[data-testid="filing-option"]:not(:disabled)').first();
	await expect(first).toBeFocused();
	await expect(first).toBeInViewport();
	const headerBottom = (await page.locator('.app-header').boundingBox())!.height;
	expect((await error.boundingBox())!.y).toBeGreaterThanOrEqual(headerBottom);
	await page.screenshot({ path: test.info().outputPath('filing-error.png') });
	// Native radios: the arrow keys move and choose; Tab from a chosen radio leaves the group.
	const enabled = page.locator('[data-testid="filing-option"]:not(:disabled)');
	if ((await enabled.count()) > 1) {
		await page.keyboard.press('ArrowDown');
		await expect(enabled.nth(1)).toBeFocused();
		await expect(enabled.nth(1)).toBeChecked();
	} else {
		await page.keyboard.press('Space');
		await expect(first).toBeChecked();
	}
	await expect(error).toHaveCount(0);
});

test('the return-address form: nothing cut, the summary read out once per attempt, focus clear of the bars', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo');
	const id = await generateFramework(page, '李喆');
	await page.goto(`/contracts/${id}/stamping`);
	await expect(page.getByTestId('stamp-form')).toBeVisible();

	// Every announcement of the summary's alert, from now on.
	await page.evaluate(() => {
		const w = window as unknown as { announced: string[] };
		w.announced = [];
		const region = document.querySelector('[data-testid="stamp-fix-errors-announced"]')!;
		new MutationObserver(() => {
			const text = region.textContent?.trim();
			if (text) w.announced.push(text);
		}).observe(region, { childList: true, subtree: true, characterData: true });
	});
	await page.getByTestId('stamp-submit').click();
	await expect(page.getByTestId('stamp-fix-errors')).toHaveText('请先修正标出的 7 处问题。');
	await expect(page.locator('#stamp-recipient')).toBeFocused();
	await page.locator('#stamp-recipient').fill('王珺');
	await page.locator('#stamp-phone').fill('0755-86013388');
	await page.locator('#stamp-province').selectOption('广东省');
	await page.locator('#stamp-city').selectOption('深圳市');
	await page.locator('#stamp-district').selectOption('南山区');
	const long = '科'.repeat(5000);
	await page.locator('#stamp-address').fill(long);
	await expect(page.locator('#stamp-address')).toHaveValue(long);
	await expect(page.getByTestId('stamp-error-address')).toHaveText(
		'最多 120 字，现有 5000 字，请删去 4880 字。内容不会被自动截断。'
	);
	await expect(page.getByTestId('stamp-fix-errors')).toHaveText('请先修正标出的 2 处问题。');
	expect(await page.evaluate(() => (window as unknown as { announced: string[] }).announced)).toEqual([
		'请先修正标出的 7 处问题。'
	]);
	await page.getByTestId('stamp-submit').click();
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { announced: string[] }).announced))
		.toEqual(['请先修正标出的 7 处问题。', '请先修正标出的 2 处问题。']);
	await page.screenshot({ path: test.info().outputPath('stamping-errors.png'), fullPage: true });

	// A long form on a phone: every control Tab reaches is clear of the header and the tab bar.
	expect(await tabThrough(page)).toBeGreaterThan(10);
});

test('the order form: Tab never leaves a control under the header, the tab bar or the sticky 已选 summary', async ({
	page
}) => {
	await signIn(page, 'demo');
	await page.goto('/contracts/new/order');
	await expect(page.locator('[data-testid="order-option"] input[type="checkbox"]').first()).toBeVisible({
		timeout: 20_000
	});
	expect(await tabThrough(page)).toBeGreaterThan(10);
});

test('the contract list filters and the FAQ questions: Tab never leaves focus under a fixed bar', async ({ page }) => {
	await signIn(page, 'demo');
	for (const path of ['/contracts', '/faq']) {
		await page.goto(path);
		await expect(page.locator('main h1').first()).toBeVisible();
		expect(await tabThrough(page), path).toBeGreaterThan(3);
	}
});
