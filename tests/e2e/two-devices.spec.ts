// Any device, the same contracts (issue 9): what device A registered comes back on a fresh device B, documents byte for byte.
import { expect, test, type Page } from '@playwright/test';
import {
	ADMIN_TOKEN,
	fillContact,
	generateFramework,
	onAnotherDevice,
	signIn,
	storedRows,
	underServiceWorker,
	fillReturnAddress
} from '../support/e2e/helpers';

/** SHA-256 of every stored document, computed in the page from the Blob in IndexedDB. */
async function documentHashes(page: Page): Promise<Record<string, string>> {
	return page.evaluate(
		() =>
			new Promise<Record<string, string>>((resolve, reject) => {
				const open = indexedDB.open('contract-desk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('documents').objectStore('documents').getAll();
					req.onerror = () => reject(req.error);
					req.onsuccess = async () => {
						open.result.close();
						const out: Record<string, string> = {};
						for (const d of req.result as { contractId: string; blob: Blob }[]) {
							const digest = await crypto.subtle.digest('SHA-256', await d.blob.arrayBuffer());
							out[d.contractId] = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
						}
						resolve(out);
					};
				};
			})
	);
}

async function generateFiling(page: Page): Promise<string> {
	await page.goto('/contracts');
	await page.getByTestId('start-filing').click();
	await fillContact(page, '赵珺');
	await page.getByTestId('filing-option').first().check();
	await page.getByTestId('to-confirm').click();
	// Another contract for this filing may exist already (restored from earlier tests): say it is intended.
	if (await page.getByTestId('duplicate-ok').isVisible()) await page.getByTestId('duplicate-ok').check();
	await page.getByRole('button', { name: '确认并生成合同' }).click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** An order contract with the first two orders not attached to any contract yet; returns its id and the order ids. */
async function generateOrder(page: Page): Promise<{ id: string; orders: string[] }> {
	await page.goto('/contracts');
	await page.getByTestId('start-order').click();
	await fillContact(page, '赵珺');
	const free = page.getByTestId('order-option').filter({ hasNot: page.getByTestId('order-attached') });
	await expect(free.first()).toBeVisible();
	const orders: string[] = [];
	for (let i = 0; i < 2; i++) orders.push((await free.nth(i).locator('label').textContent())!.trim());
	for (const id of orders) await page.locator(`[id="pick-${id}"]`).check();
	await expect(page.getByTestId('selection-text')).toContainText('已选 2 个订单');
	await page.getByTestId('to-confirm').click();
	await page.getByRole('button', { name: '确认并生成合同' }).click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	return { id: new URL(page.url()).pathname.split('/').at(-1)!, orders };
}

async function submitStampingRequest(page: Page, contractId: string): Promise<void> {
	await page.goto(`/contracts/${contractId}/stamping`);
	await fillReturnAddress(page, { recipient: '赵珺', address: '科技园科苑路 8 号 12 层' });
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-submitted-recipient')).toHaveText('赵珺');
}

/** Every contract of `ids` is on the device with its document, and each document has the SHA-256 device A stored. */
async function expectRestored(
	page: Page,
	expected: Record<string, string>,
	numbers: Record<string, string>
): Promise<void> {
	for (const [id, sha] of Object.entries(expected)) {
		await page.goto(`/contracts/${id}`);
		await expect(page.getByTestId('detail-number')).toHaveText(numbers[id]!);
		await expect(page.getByTestId('detail-pdf-sha256')).toHaveText(sha);
		// The background download finishes and the document opens.
		await expect(page.getByTestId('doc-download')).toBeVisible({ timeout: 30_000 });
	}
	const hashes = await documentHashes(page);
	for (const [id, sha] of Object.entries(expected)) expect(hashes[id], id).toBe(sha);
	// And in the list: found by number, marked effective, no download pending.
	await page.goto('/contracts');
	for (const [id, number] of Object.entries(numbers)) {
		await page.getByTestId('contract-search').fill(number);
		const row = page.locator(`[data-testid="contract-row"][data-id="${id}"]`);
		await expect(row).toBeVisible();
		await expect(row.getByTestId('contract-status')).toHaveAttribute('data-status', 'effective');
		await expect(row.getByTestId('contract-doc-state')).toHaveCount(0);
	}
	await page.getByTestId('contract-search').fill('');
}

test('device B restores what device A registered: contracts, documents with the same SHA-256, the paper copy read-only, attached orders; offline too; sign-out revokes the token', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(300_000);
	await signIn(page, 'demo');
	const framework = await generateFramework(page, '赵珺');
	const filing = await generateFiling(page);
	const order = await generateOrder(page);
	await submitStampingRequest(page, framework);

	// Everything reaches the server.
	await expect
		.poll(
			async () => (await storedRows<{ status: string }>(page, 'outbox')).filter((r) => r.status !== 'done').length,
			{ timeout: 60_000 }
		)
		.toBe(0);
	const ids = [framework, filing, order.id];
	const rows = await storedRows<{ id: string; number: string; pdfSha256: string; status: string }>(page, 'contracts');
	const numbers = Object.fromEntries(ids.map((id) => [id, rows.find((r) => r.id === id)!.number]));
	const onA = await documentHashes(page);
	const expected = Object.fromEntries(ids.map((id) => [id, onA[id]!]));
	for (const id of ids) expect(rows.find((r) => r.id === id)?.pdfSha256).toBe(expected[id]);

	// The back office receives the paper contract: an event device B must show too.
	const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
	expect(
		(await request.post(`/api/v1/admin/contracts/${framework}/stamping/received`, { headers: admin })).status()
	).toBe(200);

	await onAnotherDevice(browser, async (b, bContext) => {
		await signIn(b, 'demo');
		await expectRestored(b, expected, numbers);

		// The stamping request: shown as made, read-only, with its timeline.
		await b.goto(`/contracts/${framework}/stamping`);
		await expect(b.getByTestId('stamp-submitted-recipient')).toHaveText('赵珺');
		await expect(b.getByTestId('stamp-submitted-line')).toHaveText('广东省深圳市南山区 科技园科苑路 8 号 12 层');
		await expect(b.getByTestId('stamp-step-received')).toHaveAttribute('data-done', 'true');
		await expect(b.getByTestId('stamp-form')).toHaveCount(0);
		await expect(b.getByTestId('stamp-submit')).toHaveCount(0);

		// The orders attached on A are marked in B's picker.
		await b.goto('/contracts/new/order');
		for (const orderId of order.orders) {
			await b.locator('#order-search').fill(orderId);
			await expect(b.getByTestId('order-option')).toHaveCount(1);
			await expect(b.getByTestId('order-attached')).toContainText(numbers[order.id]!);
		}

		// Offline, everything still opens from the device.
		await underServiceWorker(b);
		await bContext.setOffline(true);
		await expect.poll(() => b.evaluate(() => navigator.onLine)).toBe(false);
		for (const id of ids) {
			await b.goto(`/contracts/${id}`);
			await expect(b.getByTestId('detail-number')).toHaveText(numbers[id]!);
			await expect(b.getByTestId('doc-download')).toBeVisible();
		}
		await b.goto(`/contracts/${framework}/stamping`);
		await expect(b.getByTestId('stamp-submitted-recipient')).toHaveText('赵珺');
	});

	// A signs out: the session is revoked on the server before the device is wiped.
	const session = (await storedRows<{ key: string; value: { token: string } }>(page, 'meta')).find(
		(r) => r.key === 'session'
	)!.value;
	expect(
		(await request.get('/api/v1/changes', { headers: { Authorization: `Bearer ${session.token}` } })).status()
	).toBe(200);
	await page.goto('/more');
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page.getByText(/下次在任何设备上登录/)).toBeVisible();
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/signin$/);
	expect(
		(await request.get('/api/v1/changes', { headers: { Authorization: `Bearer ${session.token}` } })).status()
	).toBe(401);

	// …and in again: the same contracts and documents.
	await signIn(page, 'demo');
	await expectRestored(page, expected, numbers);
});
