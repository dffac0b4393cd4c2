// On a phone (390×844): finding a contract by any part of its number, and paper copies shown where the user looks.
import { expect, test } from '@playwright/test';
import { generateFramework, signIn } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

const SHOTS = process.env.SCREENSHOT_DIR;

test('a contract is found by a 6-character tail read off the paper, the match is marked, and the whole card opens it', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'demo');
	const id = await generateFramework(page, '李喆');
	const number = (await page.getByTestId('detail-number').textContent())!.trim();
	const tail = number.slice(-6);

	await page.goto('/contracts');
	// Typed in lower case, as people do: the number is printed in upper case.
	await page.getByTestId('contract-search').fill(tail.toLowerCase());
	const rows = page.getByTestId('contract-row');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-id', id);
	await expect(rows.first().locator('mark')).toHaveText(tail);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/contracts-search-tail.png` });

	// The date and the hex part with the hyphen people read off the paper, and without it.
	const [, date, hex] = number.split('-');
	for (const typed of [`${date}-${hex}`, `${date}${hex!.slice(0, 4)}`, hex!.slice(2, 10)]) {
		await page.getByTestId('contract-search').fill(typed);
		await expect(page.locator(`[data-testid="contract-row"][data-id="${id}"] mark`)).toBeVisible();
	}
	// Fewer than four characters from the middle find nothing of it (only a number's start does).
	await page.getByTestId('contract-search').fill(tail.slice(-3));
	await expect(page.locator(`[data-testid="contract-row"][data-id="${id}"]`)).toHaveCount(0);

	// The whole card is one tap target: its size, and a tap on its lower part opens the contract.
	await page.getByTestId('contract-search').fill(tail);
	const card = page.locator(`[data-testid="contract-row"][data-id="${id}"] [data-testid="contract-link"]`);
	const box = (await card.boundingBox())!;
	expect(box.height).toBeGreaterThanOrEqual(44);
	expect(box.width).toBeGreaterThan(300);
	await page.mouse.click(box.x + box.width - 20, box.y + box.height - 12);
	await expect(page).toHaveURL(new RegExp(`/contracts/${id}$`));
});
