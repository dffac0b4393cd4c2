// Sync under faults in Chromium, two tabs, through a seeded fault proxy with a server kill -9: exactly once, and no storm.
import Database from 'better-sqlite3';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seeded } from '../support/unit/fake-clock';
import { killServer, startAppServer, startProxy, type Proxy, type ServerProcess } from '../support/unit/harness';
import { generateFramework, signIn, storedRows, underServiceWorker, fillReturnAddress } from '../support/e2e/helpers';

type Row = { id: string; kind: string; resourceId: string; status: string; attempts: number };

test.use({ viewport: { width: 390, height: 844 } });

/** Submits a return address for `contractId` through the paper-copy page (works offline). */
async function submitStamping(page: Page, contractId: string): Promise<void> {
	await page.goto(`/contracts/${contractId}/stamping`);
	await fillReturnAddress(page);
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toBeVisible();
}

/** Requests the browser issues to the API (pages and the service worker), counted by Playwright, not by the app. */
function countApiRequests(context: BrowserContext) {
	const seen: string[] = [];
	context.on('request', (r) => {
		if (new URL(r.url()).pathname.startsWith('/api/')) seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
	});
	return seen;
}

async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: join(process.env.SHOTS_DIR ?? test.info().outputDir, `${name}.png`) });
}

test('two tabs through drops, drops after commit, 503s, resets, delays and a kill -9: every submission once, no storm, nothing sent offline', async ({
	browser
}) => {
	test.setTimeout(420_000);
	const dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-e2e-faults-'));
	let server: ServerProcess = await startAppServer(dataDir);
	// Faults on writes only, from a seeded random: the same run every time.
	const proxy: Proxy = await startProxy(
		server.port,
		{ dropRequest: 0.12, dropResponse: 0.12, unavailable: 0.1, rateLimited: 0.04, delay: 0.2, maxDelayMs: 400 },
		seeded(20261202)
	);
	const context = await browser.newContext({ baseURL: proxy.url, viewport: { width: 390, height: 844 } });
	const api = countApiRequests(context);
	try {
		const tab1 = await context.newPage();
		await signIn(tab1, 'demo');
		await underServiceWorker(tab1);
		const tab2 = await context.newPage();
		await tab2.goto('/');
		await expect(tab2.getByTestId('verification-state')).toBeVisible();

		// Three contracts, each registered through the faults; one gets a stamping request.
		const ids: string[] = [];
		for (const person of ['李喆', '王珺', '张堃']) ids.push(await generateFramework(tab1, person));
		await submitStamping(tab1, ids[0]!);

		// A fourth contract and its stamping request are made offline; the provider will refuse the registration.
		await tab1.goto('/');
		await context.setOffline(true);
		await expect.poll(() => tab1.evaluate(() => navigator.onLine)).toBe(false);
		const refused = await generateFramework(tab1, '赵玥');
		await submitStamping(tab1, refused);

		// Offline, with rows queued and triggers firing (enqueues above, a tab switch, a reload): not one request.
		await tab1.goto('/');
		await expect(tab1.getByTestId('sync-badge')).toHaveAttribute('data-state', 'offline');
		await expect(tab1.getByTestId('sync-problem')).toHaveAttribute('data-side', 'phone');
		await shot(tab1, 'home-offline');
		const offlineAttempts = (await storedRows<Row>(tab1, 'outbox')).reduce((n, r) => n + r.attempts, 0);
		const apiBefore = api.length;
		const proxyBefore = proxy.counts.api;
		await tab2.bringToFront();
		await tab2.reload();
		await tab1.bringToFront();
		await tab1.waitForTimeout(12_000);
		expect(api.slice(apiBefore), 'API requests while offline').toEqual([]);
		expect(proxy.counts.api - proxyBefore).toBe(0);
		expect((await storedRows<Row>(tab1, 'outbox')).reduce((n, r) => n + r.attempts, 0)).toBe(offlineAttempts);

		// Back online, and the server dies (kill -9) at once: the provider, not the phone, is the problem.
		await killServer(server, 'SIGKILL');
		await context.setOffline(false);
		await expect(tab1.getByTestId('sync-badge')).toHaveAttribute('data-state', 'unreachable', { timeout: 20_000 });
		await expect(tab1.getByTestId('sync-problem')).toHaveAttribute('data-side', 'provider');
		await shot(tab1, 'home-provider-down');
		await tab1.goto('/outbox');
		await expect(tab1.getByTestId('sync-badge')).toHaveAttribute('data-state', 'unreachable', { timeout: 20_000 });
		await expect(tab1.getByTestId('sync-badge')).toContainText('服务商无法连接');
		await shot(tab1, 'outbox-provider-down');
		const downFrom = proxy.counts.api;
		const downStarted = Date.now();
		await tab1.waitForTimeout(15_000);
		const downPerMinute = ((proxy.counts.api - downFrom) * 60_000) / (Date.now() - downStarted);

		// The server comes back on another port behind the same proxy: the queue drains without a click.
		server = await startAppServer(dataDir);
		proxy.setRefusal((method, path) => method === 'PUT' && path === `/api/v1/contracts/${refused}`);
		proxy.setTarget(server.port);
		const back = Date.now();
		await expect
			.poll(
				async () =>
					(await storedRows<Row & { nextAttemptAt: number }>(tab1, 'outbox'))
						.filter((r) => r.status === 'pending' || r.status === 'sending')
						.map((r) =>
							r.resourceId === refused
								? `${r.kind}:refused`
								: `${r.kind}:ok ${r.status} attempts ${r.attempts} next in ${r.nextAttemptAt - Date.now()} ms`
						),
				// A row a dead flusher (the killed request's sender) left in `sending` waits out its 60 s lease at worst.
				{ timeout: 90_000 }
			)
			.toEqual(['submitStamping:refused']);
		const drainMs = Date.now() - back;

		// The refused registration needs the user; the stamping request behind it says so and does not spin.
		const rows = await storedRows<Row>(tab1, 'outbox');
		expect(rows.find((r) => r.resourceId === refused && r.kind === 'registerContract')?.status).toBe('rejected');
		await expect(tab1.getByTestId('sync-badge')).toHaveAttribute('data-state', 'refused');
		const blocked = tab1.locator(`[data-testid="outbox-row"][data-resource="${refused}"][data-kind="submitStamping"]`);
		await expect(blocked).toHaveAttribute('data-state', 'pending');
		await expect(blocked.getByTestId('outbox-next-try')).toHaveText(
			'等待同一合同的登记，而登记已被服务商拒绝：请先处理该项'
		);
		await shot(tab1, 'outbox-refused-blocked');
		await tab1.goto('/');
		await expect(tab1.getByTestId('sync-problem')).toHaveAttribute('data-side', 'user');
		await shot(tab1, 'home-refused');

		// While the blocked row exists, two open tabs: at most one pull per minimum interval (2 s) per tab — here none.
		const blockedFrom = { all: proxy.counts.api, pulls: proxy.counts.pulls };
		const blockedAttempts = rows.find((r) => r.resourceId === refused && r.kind === 'submitStamping')!.attempts;
		await tab1.waitForTimeout(20_000);
		const blockedPulls = proxy.counts.pulls - blockedFrom.pulls;
		const blockedAll = proxy.counts.api - blockedFrom.all;
		expect(blockedPulls).toBeLessThanOrEqual(2 * (20_000 / 2_000 + 1));
		expect(
			(await storedRows<Row>(tab1, 'outbox')).find((r) => r.resourceId === refused && r.kind === 'submitStamping')!
				.attempts
		).toBe(blockedAttempts);

		// The user deals with it (the provider accepts now) and submits again: both go, in order.
		proxy.setRefusal(null);
		await tab1.goto('/outbox');
		await tab1.locator('[data-testid="outbox-rejection"] button').click();
		await expect
			.poll(
				async () =>
					(await storedRows<Row>(tab1, 'outbox'))
						.filter((r) => r.status !== 'done')
						.map((r) =>
							JSON.stringify(r, ['kind', 'status', 'attempts', 'nextAttemptAt', 'lastError', 'code', 'detail'])
						),
				{ timeout: 90_000 }
			)
			.toEqual([]);
		await expect(tab1.getByTestId('sync-badge')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
		await shot(tab1, 'outbox-synced');

		// Exactly once on the server: every contract and stamping request, each idempotency key finished once.
		const all = await storedRows<Row>(tab1, 'outbox');
		const db = new Database(join(dataDir, 'contract-desk.sqlite'), { readonly: true, fileMustExist: true });
		try {
			const contracts = db.prepare(`SELECT id FROM contracts`).all() as { id: string }[];
			expect(contracts.map((c) => c.id).sort()).toEqual([...ids, refused].sort());
			const stampings = db.prepare(`SELECT contract_id FROM stamping_requests`).all() as { contract_id: string }[];
			expect(stampings.map((s) => s.contract_id).sort()).toEqual([ids[0]!, refused].sort());
			const keys = db.prepare(`SELECT key, status FROM idempotency`).all() as { key: string; status: string }[];
			expect(keys.map((k) => k.key).sort()).toEqual(all.map((r) => r.id).sort());
			expect(keys.every((k) => k.status === 'done')).toBe(true);
		} finally {
			db.close();
		}
		const c = proxy.counts;
		expect(c.droppedRequests + c.droppedResponses + c.unavailable + c.upstreamDown).toBeGreaterThan(0);
		console.log(
			[
				`sync faults (Chromium, 2 tabs): ${all.length} submissions, each once on the server`,
				`  faults: dropped requests ${c.droppedRequests}, dropped answers after commit ${c.droppedResponses}, 503 ${c.unavailable}, 429 ${c.rateLimited}, delayed ${c.delayed}, server down (kill -9) ${c.upstreamDown}, replayed ${c.replayed}`,
				`  offline 12 s with queued rows: 0 API requests, 0 new attempts`,
				`  server down: ${downPerMinute.toFixed(1)} requests/min through the proxy; drained ${(drainMs / 1000).toFixed(1)} s after the restart`,
				`  blocked row for 20 s (two tabs): ${blockedPulls} pulls, ${blockedAll} requests in all`
			].join('\n')
		);
	} finally {
		await context.close();
		await proxy.close();
		await killServer(server, 'SIGTERM');
		rmSync(dataDir, { recursive: true, force: true });
	}
});
