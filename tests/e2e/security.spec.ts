// The app runs under its Content-Security-Policy: every route, and generating, viewing, printing and downloading a PDF, with zero violations; DELETE /session revokes the token.
import { expect, test, type Page } from '@playwright/test';
import { generateFramework, signIn, underServiceWorker } from '../support/e2e/helpers';

type Violation = { directive: string; blocked: string; source: string; where: string };

/** Collects violations from the CSP's own event in every document of the context, and Chromium's console reports. */
async function watchCsp(page: Page): Promise<Violation[]> {
	const violations: Violation[] = [];
	await page.context().exposeBinding('__cspViolation', ({ frame }, v: Omit<Violation, 'where'>) => {
		violations.push({ ...v, where: frame.url() });
	});
	await page.context().addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { __cspViolation: (v: unknown) => void }).__cspViolation({
				directive: e.effectiveDirective,
				blocked: e.blockedURI,
				source: `${e.sourceFile}:${e.lineNumber}`
			});
		});
	});
	const onConsole = (where: string) => (msg: { type(): string; text(): string }) => {
		if (/Content Security Policy|Refused to/i.test(msg.text()))
			violations.push({ directive: 'console', blocked: msg.text(), source: msg.type(), where });
	};
	page.on('console', onConsole('page'));
	page.context().on('page', (p) => p.on('console', onConsole(p.url())));
	return violations;
}

test('every route and a PDF generated, viewed, printed (pdf.js) and downloaded: zero CSP violations', async ({
	page
}) => {
	test.setTimeout(120_000);
	const violations = await watchCsp(page);
	// Headless Chromium has no print dialog to close; the call itself is what the app makes.
	await page.context().addInitScript(() => {
		window.print = () => {};
	});

	const first = await page.goto('/signin');
	const csp = first!.headers()['content-security-policy'] ?? '';
	expect(csp).toMatch(/default-src 'self'/);
	expect(csp).toMatch(/frame-ancestors 'none'/);
	expect(csp).toMatch(/object-src 'none'/);
	expect(csp).toMatch(/worker-src 'self'/);
	expect(csp).not.toMatch(/unsafe-eval/);
	expect(first!.headers()['x-frame-options']).toBe('DENY');
	expect(first!.headers()['referrer-policy']).toBe('no-referrer');
	// The page itself carries the same policy, so it holds when served from the service worker's cache too.
	expect(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')).toMatch(
		/script-src 'self' 'sha256-/
	);

	await signIn(page, 'demo');
	await underServiceWorker(page);

	for (const path of [
		'/',
		'/contracts',
		'/contracts/new/framework',
		'/contracts/new/filing',
		'/contracts/new/order',
		'/filings',
		'/orders',
		'/outbox',
		'/faq',
		'/more',
		'/more/storage'
	]) {
		await page.goto(path);
		await expect(page.locator('main h1').first(), path).toBeVisible();
		// Let lazy chunks, fonts and live queries settle on each page.
		await page.waitForLoadState('networkidle');
	}

	// Generating loads jsPDF and the CJK font on demand; the detail page shows the PDF's actions.
	const id = await generateFramework(page, '李喆');
	await expect(page.getByTestId('doc-download')).toBeVisible();

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-download').click()]);
	expect(download.suggestedFilename()).toMatch(/\.pdf$/);
	expect((await download.path()) && (await download.failure())).toBeNull();

	const [viewer] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('doc-view').click()]);
	await viewer.waitForLoadState();
	expect(viewer.url()).toMatch(/^blob:/);
	await viewer.close();

	// The print view rasterises the stored PDF with pdf.js (a worker from 'self') and opens the print dialog.
	const number = (await page.evaluate(async (cid) => {
		const open = indexedDB.open('contract-desk');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const row = await new Promise<{ number: string }>((resolve) => {
			const req = db.transaction('contracts').objectStore('contracts').get(cid);
			req.onsuccess = () => resolve(req.result as { number: string });
		});
		db.close();
		return row.number;
	}, id)) as string;
	await page.getByTestId('doc-print').click();
	await expect(page).toHaveURL(new RegExp(`/contracts/${id}/print`));
	await expect(page.getByTestId('print-sheets')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
	await expect(page.getByTestId('print-sheet').first()).toBeVisible();

	await page.goto('/verify');
	await expect(page.locator('main h1').first()).toBeVisible();
	await page.goto(`/verify/${number}`);
	await expect(page.locator('main h1').first()).toBeVisible();
	await page.waitForLoadState('networkidle');

	await page.goto(`/contracts/${id}/stamping`);
	await expect(page.locator('main h1').first()).toBeVisible();
	await page.waitForLoadState('networkidle');
	await page.goto('/signin');
	await page.waitForLoadState('networkidle');

	expect(violations).toEqual([]);
});

test('signing out on the server (DELETE /session) revokes the token at once', async ({ request }) => {
	const res = await request.post('/api/v1/session', { data: { code: 'demo' } });
	expect(res.status()).toBe(200);
	const { token } = (await res.json()) as { token: string };
	const auth = { Authorization: `Bearer ${token}` };
	expect((await request.get('/api/v1/changes', { headers: auth })).status()).toBe(200);
	expect((await request.delete('/api/v1/session', { headers: auth })).status()).toBe(204);
	expect((await request.get('/api/v1/changes', { headers: auth })).status()).toBe(401);
	expect((await request.delete('/api/v1/session', { headers: auth })).status()).toBe(401);
});

test('the sign-in page says when to try again after too many wrong codes (390x844)', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	// The real limit is covered by server/auth/throttle.test.ts; tripping it here would lock out the other specs' sign-ins
	// from this address, so the 429 (as the server sends it) is answered for this page only.
	await page.route('**/api/v1/session', (route) =>
		route.fulfill({
			status: 429,
			headers: { 'Retry-After': '95', 'Content-Type': 'application/json' },
			body: JSON.stringify({ error: 'tooManyAttempts', retryAfter: 95 })
		})
	);
	await page.goto('/signin');
	await page.locator('#code').fill('guess');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('访问码错误次数过多');
	await expect(page.getByTestId('signin-wait')).toContainText(/还需等待 9\d 秒/);
	await expect(page.getByRole('button', { name: '登录' })).toBeDisabled();
	await page.screenshot({ path: 'test-results/signin-throttled-390.png' });
	await page.locator('#lang').selectOption('en');
	await expect(page.getByRole('alert')).toContainText('Too many wrong access codes');
	await page.screenshot({ path: 'test-results/signin-throttled-390-en.png' });
});
