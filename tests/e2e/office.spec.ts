// The back office end to end: a customer prints the cover sheet; the office scans its QR code through Chromium's fake
// camera (a Y4M written from the sheet's first page) and confirms arrival, stamps it and returns it with tracking and the
// ICP materials, each as its own staff member; the phone shows every step after its next pull; the audit trail names the three.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { CHROMIUM } from '../../playwright.config';
import { ADMIN_TOKEN, fillContact, fillReturnAddress, signIn, underServiceWorker } from '../support/e2e/helpers';

test.use({ viewport: { width: 390, height: 844 } });

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const NEW_PASSWORD = 'a long sentence for the mail desk';

let dir: string;
test.beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'office-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A staff member made with the admin token (as `npm run admin -- staff add` does); returns the initial password. */
async function addStaff(request: APIRequestContext, login: string, roles: string[]): Promise<string> {
	const res = await request.post('/api/v1/admin/staff', { headers: admin, data: { login, roles } });
	expect(res.status(), await res.text()).toBe(201);
	return ((await res.json()) as { initialPassword: string }).initialPassword;
}

/** Signs in at /office and replaces the initial password, as the first sign-in asks. */
async function officeSignIn(page: Page, login: string, initial: string): Promise<void> {
	await page.goto('/office');
	await page.locator('#office-login').fill(login);
	await page.locator('#office-password').fill(initial);
	await page.getByTestId('office-signin').getByRole('button').click();
	await expect(page.getByTestId('office-change-password')).toBeVisible();
	await page.locator('#office-current').fill(initial);
	await page.locator('#office-new').fill(NEW_PASSWORD);
	await page.getByTestId('office-change-password').getByRole('button').click();
	await expect(page.getByTestId('office-change-password')).toHaveCount(0);
	await expect(page.getByRole('navigation', { name: '后台导航' })).toBeVisible();
	await expect(page.getByTestId('office-who')).toContainText(login);
}

/** The YUV4MPEG2 form of a PNG's top-right 640×480 (where the QR code is): a few identical 4:2:0 frames. */
function y4mFromPng(png: PNG, frames = 5): Buffer {
	const W = 640;
	const H = 480;
	const x0 = Math.max(0, png.width - W);
	const px = (x: number, y: number) => {
		const sx = x0 + x;
		if (sx >= png.width || y >= png.height) return [255, 255, 255] as const;
		const i = (y * png.width + sx) * 4;
		return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!] as const;
	};
	const Y = Buffer.alloc(W * H);
	const U = Buffer.alloc((W / 2) * (H / 2));
	const V = Buffer.alloc((W / 2) * (H / 2));
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++) {
			const [r, g, b] = px(x, y);
			Y[y * W + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
		}
	for (let y = 0; y < H / 2; y++)
		for (let x = 0; x < W / 2; x++) {
			const [r, g, b] = px(2 * x, 2 * y);
			U[y * (W / 2) + x] = Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
			V[y * (W / 2) + x] = Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
		}
	const frame = Buffer.concat([Buffer.from('FRAME\n'), Y, U, V]);
	return Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array(frames).fill(frame)]);
}

async function generateFiling(page: Page): Promise<string> {
	await page.goto('/contracts');
	await page.getByTestId('start-filing').click();
	await fillContact(page, '赵珺');
	await page.getByTestId('filing-option').first().check();
	await page.getByTestId('to-confirm').click();
	if (await page.getByTestId('duplicate-ok').isVisible()) await page.getByTestId('duplicate-ok').check();
	await page.getByRole('button', { name: '确认并生成合同' }).click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** The phone's paper-copy page after its next pull (a reload pulls) shows `step` done. */
async function phoneShows(page: Page, contractId: string, step: string): Promise<void> {
	await page.goto(`/contracts/${contractId}/stamping`);
	await expect(page.getByTestId(`stamp-step-${step}`)).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
}

test('cover sheet → scan → received, stamped, returned by three staff members; the phone follows; the audit names them', async ({
	page,
	request,
	baseURL
}) => {
	test.setTimeout(180_000);
	// The customer: a filing contract, its return address, then the cover sheet.
	await signIn(page, 'demo');
	const contractId = await generateFiling(page);
	await page.goto(`/contracts/${contractId}/stamping`);
	const number = (await page.getByTestId('stamp-contract-number').textContent())!.trim();
	await fillReturnAddress(page);
	await page.getByTestId('stamp-submit').click();
	await page.getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
	const download = page.waitForEvent('download');
	await page.getByTestId('stamp-cover-print').click();
	const pdfPath = join(dir, 'cover.pdf');
	await (await download).saveAs(pdfPath);
	const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
	expect(text).toContain(number);
	expect(text).toContain('骑缝章');
	execFileSync('pdftoppm', ['-r', '110', '-png', '-singlefile', '-f', '1', '-l', '1', pdfPath, join(dir, 'cover')]);
	const y4m = join(dir, 'cover.y4m');
	writeFileSync(y4m, y4mFromPng(PNG.sync.read(readFileSync(join(dir, 'cover.png')))));

	const logins = { intake: 'e2e.intake', stamping: 'e2e.stamping', dispatch: 'e2e.dispatch' };
	const initial = {
		intake: await addStaff(request, logins.intake, ['intake']),
		stamping: await addStaff(request, logins.stamping, ['stamping']),
		dispatch: await addStaff(request, logins.dispatch, ['dispatch'])
	};

	// An intake member may not publish a calendar.
	const session = await request.post('/api/v1/office/session', {
		data: { login: logins.intake, password: initial.intake }
	});
	const token = ((await session.json()) as { token: string }).token;
	const calendar = await request.put('/api/v1/office/calendar/2027', {
		headers: { Authorization: `Bearer ${token}` },
		data: { holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] }
	});
	expect(calendar.status()).toBe(403);

	// Intake, at the mail desk, with a camera that sees the printed sheet.
	let desk: Browser | undefined;
	try {
		desk = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--use-fake-device-for-media-stream',
				'--use-fake-ui-for-media-stream',
				`--use-file-for-fake-video-capture=${y4m}`
			]
		});
		const context = await desk.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
		const office = await context.newPage();
		await officeSignIn(office, logins.intake, initial.intake);
		await office.goto('/office/scan');
		await office.getByTestId('office-scan-start').click();
		await expect(office.getByTestId('office-scan-found')).toHaveAttribute('data-number', number, { timeout: 30_000 });
		await office.getByTestId('office-scan-receive').click();
		await expect(office.getByTestId('office-scan-message')).toHaveText(/已确认收件/);
		await context.close();
	} finally {
		await desk?.close();
	}
	await phoneShows(page, contractId, 'received');

	// Stamping, then dispatch, each in a desk context of their own.
	for (const who of ['stamping', 'dispatch'] as const) {
		const context = await page
			.context()
			.browser()!
			.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
		const office = await context.newPage();
		await officeSignIn(office, logins[who], initial[who]);
		await office.goto(`/office/requests/${contractId}`);
		await expect(office.getByTestId('office-detail-number')).toHaveText(number);
		if (who === 'stamping') {
			await office.getByTestId('office-stamp').click();
			await expect(office.getByTestId('office-detail-state')).toHaveAttribute('data-queue', 'stamped');
		} else {
			await office.locator('#od-courier').fill('顺丰速运');
			await office.locator('#od-tracking').fill('SF1234567890');
			await office.getByTestId('office-icp').check();
			await office.getByTestId('office-dispatch').getByRole('button').click();
			await expect(office.getByTestId('office-detail-state')).toHaveAttribute('data-queue', 'returned');
			// The request's audit trail: the three members, each once, by their logins.
			const rows = office.getByTestId('office-audit-row');
			await expect(rows.filter({ has: office.locator(`[href$="${logins.dispatch}"]`) })).toHaveCount(1);
			const actors = await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-actor')));
			expect([...new Set(actors)].sort()).toEqual(Object.values(logins).sort());
		}
		await context.close();
		await phoneShows(page, contractId, who === 'stamping' ? 'stamped' : 'returned');
	}
	await expect(page.getByTestId('stamp-returned-materials')).toHaveAttribute('data-done', 'true');
	await expect(page.getByTestId('stamp-step-returned')).toContainText('SF1234567890');

	// On the customer's phone, under its service worker: /office is the network's (its own headers), not the cached shell,
	// and none of the office's code is in the worker's caches.
	await underServiceWorker(page, 30_000, { deferred: false });
	const office = (await page.goto('/office'))!;
	expect(office.fromServiceWorker()).toBe(false);
	expect(office.headers()['permissions-policy']).toContain('camera=(self)');
	expect(office.headers()['content-security-policy']).toContain("'wasm-unsafe-eval'");
	const cached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys())
			for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
		return urls;
	});
	const officeCode = await Promise.all(
		cached.filter((u) => u.endsWith('.js')).map(async (u) => (await request.get(u)).text())
	);
	expect(cached.length).toBeGreaterThan(10);
	expect(cached.filter((u) => u.endsWith('.wasm'))).toEqual([]);
	expect(officeCode.filter((code) => code.includes('officeScanTitle') && code.includes('getUserMedia'))).toEqual([]);
	const customers = (await page.goto(`/contracts/${contractId}/stamping`))!;
	expect(customers.headers()['permissions-policy'] ?? 'camera=()').toContain('camera=()');
});
