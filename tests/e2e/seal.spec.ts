// The provider's electronic seal on the phone: after registration the contract page offers 下载电子盖章版 and 下载出证报告, the file is the registered document with a valid seal appended, it stays on the device offline, and /verify checks its seal.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateFramework, signIn, underServiceWorker } from '../support/e2e/helpers';

test('the phone shows and downloads 电子盖章版 and the evidence report after registration, the copy offline too; /verify checks its seal', async ({
	page,
	context
}) => {
	test.setTimeout(150_000);
	await signIn(page, 'demo');
	await underServiceWorker(page);
	const id = await generateFramework(page, '李喆');
	await expect(page.getByTestId('contract-status')).toHaveText('已生效', { timeout: 30_000 });
	const number = (await page.getByTestId('detail-number').textContent())!.trim();
	const [original] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-download').click()]);
	const originalBytes = await readFile((await original.path())!);

	// The server seals off the registration path; a later sync round (a reload starts one) brings the copy.
	await expect
		.poll(
			async () => {
				await page.reload();
				await expect(page.getByTestId('contract-status')).toBeVisible();
				return page.getByTestId('sealed-download').isVisible();
			},
			{ timeout: 60_000, intervals: [2_000] }
		)
		.toBe(true);
	await expect(page.getByTestId('sealed-download')).toHaveText('下载电子盖章版');
	// The evidence report, written and sealed by the provider on request.
	const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence-download').click()]);
	expect(report.suggestedFilename()).toBe(`${number}-evidence.pdf`);
	const reportPath = join(tmpdir(), `${id}-evidence.pdf`);
	await writeFile(reportPath, await readFile((await report.path())!));
	expect(execFileSync('pdfsig', [reportPath]).toString()).toContain('Signature is Valid');

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('sealed-download')).toBeVisible();
	const [sealed] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sealed-download').click()]);
	expect(sealed.suggestedFilename()).toBe(`${number}-sealed.pdf`);
	const bytes = await readFile((await sealed.path())!);
	expect(bytes.subarray(0, originalBytes.length).equals(originalBytes)).toBe(true);
	const path = join(tmpdir(), `${id}-sealed.pdf`);
	await writeFile(path, bytes);
	const out = execFileSync('pdfsig', [path]).toString();
	expect(out).toContain('Signature is Valid');
	expect(out).toContain('ETSI.CAdES.detached');

	// /verify offline, never opened online on this device: the signed-in app kept the provider's certificate.
	await page.goto('/verify');
	await page.getByTestId('verify-file').setInputFiles(path);
	await expect(page.getByTestId('verify-seal')).toHaveAttribute('data-seal', 'valid', { timeout: 15_000 });

	// /verify online: the registered document inside the sealed copy, and its seal checked in the browser.
	await context.setOffline(false);
	await page.goto('/verify');
	await page.getByTestId('verify-file').setInputFiles(path);
	await expect(page.getByTestId('verify-result')).toBeVisible({ timeout: 15_000 });
	await expect(page.getByTestId('verify-result')).toHaveAttribute('data-verdict', 'match');
	await expect(page.getByTestId('verify-seal')).toHaveAttribute('data-seal', 'valid', { timeout: 15_000 });
	await expect(page.getByTestId('verify-seal')).toContainText('服务商电子印章有效');
	const changed = Buffer.from(bytes);
	const at = changed.length - 60;
	changed[at] = changed[at]! ^ 0x01;
	const changedPath = join(tmpdir(), `${id}-changed.pdf`);
	await writeFile(changedPath, changed);
	await page.goto('/verify');
	await page.getByTestId('verify-file').setInputFiles(changedPath);
	await expect(page.getByTestId('verify-seal')).toHaveAttribute('data-seal', 'broken', { timeout: 15_000 });
});
