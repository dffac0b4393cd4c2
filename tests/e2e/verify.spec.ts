// /verify end to end: the QR link and a chosen PDF, answered by the server online (also without an account) and by Dexie offline.
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateFramework, onAnotherDevice, signIn, underServiceWorker } from '../support/e2e/helpers';

const UNKNOWN = 'HT-20200101-00000000';
const OTHER = 'e'.repeat(64);

async function verdictAt(page: Page, url: string): Promise<string> {
	// A different page first: a change of the fragment alone is not a navigation.
	await page.goto('/verify');
	await page.goto(url);
	await expect(page.getByTestId('verify-result')).toBeVisible({ timeout: 15_000 });
	return (await page.getByTestId('verify-verdict').textContent())!.trim();
}

async function verdictForFile(page: Page, path: string): Promise<string> {
	await page.goto('/verify');
	await page.getByTestId('verify-file').setInputFiles(path);
	await expect(page.getByTestId('verify-result')).toBeVisible({ timeout: 15_000 });
	return (await page.getByTestId('verify-verdict').textContent())!.trim();
}

test('verification answers all three cases from the QR link and from the PDF, online and offline', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(150_000);
	await signIn(page, 'demo');
	await underServiceWorker(page);
	await generateFramework(page, '李喆');
	// Online, the outbox registers it with the provider.
	await expect(page.getByTestId('contract-status')).toHaveText('已生效', { timeout: 30_000 });
	const number = (await page.getByTestId('detail-number').textContent())!.trim();
	const fingerprint = (await page.getByTestId('detail-content-hash').textContent())!.trim();
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-download').click()]);
	const pdf = join(tmpdir(), `${number}.pdf`);
	await writeFile(pdf, await readFile((await dl.path())!));
	// The same document with one byte more: another file, under the same number.
	const altered = join(tmpdir(), `${number}-altered.pdf`);
	await writeFile(altered, Buffer.concat([await readFile(pdf), Buffer.from('\n%')]));

	// Online, answered by the server.
	expect(await verdictAt(page, `/verify/${number}#${fingerprint}`)).toBe('已登记，内容一致');
	await expect(page.getByTestId('verify-source')).toHaveText('依据：服务商的登记记录');
	await expect(page.getByTestId('verify-party-a')).toHaveText('深圳市喆**网络科技有限公司');
	await expect(page.getByTestId('verify-kind')).toHaveText('框架协议');
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: test.info().outputPath('verify-match-390.png'), fullPage: true });
	expect(await verdictAt(page, `/verify/${number}#${OTHER}`)).toBe('与登记版本不一致');
	expect(await verdictAt(page, `/verify/${UNKNOWN}#${fingerprint}`)).toBe('未找到该合同');
	await expect(page.getByTestId('verify-offline')).toHaveCount(0);
	expect(await verdictForFile(page, pdf)).toBe('已登记，内容一致');
	await expect(page.getByTestId('verify-number')).toHaveText(number);
	expect(await verdictForFile(page, altered)).toBe('与登记版本不一致');

	// Anyone holding the paper: no account, no data on the device, not sent to sign-in.
	await onAnotherDevice(browser, async (stranger) => {
		expect(await verdictAt(stranger, `/verify/${number}#${fingerprint}`)).toBe('已登记，内容一致');
		await expect(stranger).toHaveURL(new RegExp(`/verify/${number}#${fingerprint}$`));
		// The provider's own name is public; only the customer's is masked.
		await expect(stranger.getByTestId('verify-party-b')).toHaveText('云栈科技（深圳）有限公司');
		// Nothing of the contract beyond what the endpoint reveals is on the page.
		await expect(stranger.locator('main')).not.toContainText('李喆');
		await expect(stranger.locator('main')).not.toContainText('91440300');
	});

	// Offline, answered from the contracts in Dexie.
	await context.setOffline(true);
	expect(await verdictAt(page, `/verify/${number}#${fingerprint}`)).toBe('已登记，内容一致');
	await expect(page.getByTestId('verify-source')).toHaveText('依据：本设备保存的合同');
	await expect(page.getByTestId('verify-offline')).toBeVisible();
	await page.screenshot({ path: test.info().outputPath('verify-offline-390.png'), fullPage: true });
	expect(await verdictAt(page, `/verify/${number}#${OTHER}`)).toBe('与登记版本不一致');
	expect(await verdictAt(page, `/verify/${UNKNOWN}#${fingerprint}`)).toBe('未找到该合同');
	expect(await verdictForFile(page, pdf)).toBe('已登记，内容一致');
	expect(await verdictForFile(page, altered)).toBe('与登记版本不一致');

	// A broken link says what is wrong and still offers the file check.
	await page.goto('/verify');
	await page.goto(`/verify/${number}#not-a-fingerprint`);
	await expect(page.getByTestId('verify-bad-link')).toBeVisible();
	await expect(page.getByTestId('verify-file')).toBeEnabled();
});

test('the registered copy verifies as well as the original, and says which; a changed byte does not', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(150_000);
	await signIn(page, 'demo');
	await underServiceWorker(page);
	await generateFramework(page, '王珺');
	await expect(page.getByTestId('contract-status')).toHaveText('已生效', { timeout: 30_000 });
	const number = (await page.getByTestId('detail-number').textContent())!.trim();
	const save = async (testId: string, name: string) => {
		const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
		const path = join(tmpdir(), `${number}-${name}.pdf`);
		await writeFile(path, await readFile((await dl.path())!));
		return path;
	};
	const original = await save('doc-download', 'original');
	const copy = await save('doc-registered-copy', 'registered');
	expect(await readFile(copy)).not.toEqual(await readFile(original));
	// One byte of the registered copy changed, in the middle of the file: the number is still in it.
	const bytes = await readFile(copy);
	const middle = bytes.length >> 1;
	bytes[middle] = bytes[middle]! ^ 0x01;
	const changed = join(tmpdir(), `${number}-changed.pdf`);
	await writeFile(changed, bytes);

	expect(await verdictForFile(page, original)).toBe('已登记，内容一致');
	await expect(page.getByTestId('verify-rendition')).toHaveText('原合同');
	expect(await verdictForFile(page, copy)).toBe('已登记，内容一致');
	await expect(page.getByTestId('verify-rendition')).toHaveText('登记版（含登记时间）');
	await expect(page.getByTestId('verify-source')).toHaveText('依据：服务商的登记记录');
	expect(await verdictForFile(page, changed)).toBe('与登记版本不一致');
	await expect(page.getByTestId('verify-rendition')).toHaveCount(0);

	// Anyone holding the registered copy, in English, with nothing on the device: the server's record answers.
	await onAnotherDevice(browser, async (stranger) => {
		await stranger.addInitScript(() => localStorage.setItem('contract-desk.locale', 'en'));
		expect(await verdictForFile(stranger, copy)).toBe('Registered, content matches');
		await expect(stranger.getByTestId('verify-rendition')).toHaveText('The registered copy (with registration time)');
		await expect(stranger.getByTestId('verify-party-b')).toHaveText('云栈科技（深圳）有限公司');
		expect(await verdictForFile(stranger, changed)).toBe('Differs from the registered version');
	});

	// Offline, the device renders its registered copy as 下载登记版 does and compares.
	await context.setOffline(true);
	expect(await verdictForFile(page, copy)).toBe('已登记，内容一致');
	await expect(page.getByTestId('verify-source')).toHaveText('依据：本设备保存的合同');
	await expect(page.getByTestId('verify-rendition')).toHaveText('登记版（含登记时间）');
	expect(await verdictForFile(page, changed)).toBe('与登记版本不一致');
	await context.setOffline(false);
});
