// The installable PWA end to end: offline after the first visit, updates that keep typed work, backup round trip.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../../scripts/server-process';
import { generateFramework, onAnotherDevice, signIn, underServiceWorker, storedRows } from '../support/e2e/helpers';

/** SHA-256 and base64 of every stored PDF, computed in the page from the Blob bytes. */
async function documents(page: Page): Promise<Record<string, { sha256: string; base64: string }>> {
	return page.evaluate(
		() =>
			new Promise<Record<string, { sha256: string; base64: string }>>((resolve, reject) => {
				const open = indexedDB.open('contract-desk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('documents').objectStore('documents').getAll();
					req.onsuccess = async () => {
						open.result.close();
						const out: Record<string, { sha256: string; base64: string }> = {};
						for (const d of req.result as { contractId: string; blob: Blob }[]) {
							const bytes = new Uint8Array(await d.blob.arrayBuffer());
							const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
							let s = '';
							for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
							out[d.contractId] = {
								sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
								base64: btoa(s)
							};
						}
						resolve(out);
					};
				};
			})
	);
}

test('opens every route offline after the first visit, generates a contract, and the outbox empties by itself', async ({
	page,
	context
}) => {
	// Twelve routes offline, a generation and a registration on a 2-core machine shared with other runs.
	test.setTimeout(120_000);
	await signIn(page, 'demo');
	await underServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('count-orders')).not.toHaveText('0');
	await expect(page.locator('.offline-banner')).toBeVisible();
	// Said once: with nothing waiting, home adds no second offline notice to the app-wide banner.
	await expect(page.getByTestId('sync-problem')).toHaveCount(0);

	const routes = [
		'/',
		'/orders',
		'/filings',
		'/contracts',
		'/contracts/new/framework',
		'/contracts/new/filing',
		'/contracts/new/order',
		'/more',
		'/more/storage',
		'/faq',
		'/outbox',
		'/signin'
	];
	for (const route of routes) {
		const response = await page.goto(route);
		// Served by the service worker from the precache: a navigation never reaches the (offline) network.
		expect(response?.status(), route).toBe(200);
		// The sign-in page is bare (no app chrome); every other route renders inside the shell.
		if (route === '/signin') await expect(page.locator('#code'), route).toBeVisible();
		else await expect(page.locator('header.app-header'), route).toBeVisible();
		await expect(page.locator('main h1').first(), route).toBeVisible();
	}

	const id = await generateFramework(page, '王珺');
	await expect(page.locator('main h1').first()).toBeVisible();
	// A deep link to the contract just made, opened cold while offline.
	await page.goto(`/contracts/${id}`);
	await expect(page.locator('main')).toContainText('王珺');
	// Printing the detail page prints the content, not the app's chrome.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.app-header')).toBeHidden();
	await expect(page.locator('nav.app-nav')).toBeHidden();
	await expect(page.locator('.offline-banner')).toBeHidden();
	await page.emulateMedia({ media: 'screen' });
	// Exactly one submission waits: this contract's registration (a failed offline attempt leaves it pending).
	await expect
		.poll(async () =>
			(await storedRows<{ kind: string; resourceId: string; status: string }>(page, 'outbox')).map(
				({ kind, resourceId, status }) => ({ kind, resourceId, status })
			)
		)
		.toEqual([{ kind: 'registerContract', resourceId: id, status: 'pending' }]);
	// With a submission waiting, home says what waits and that it goes out by itself.
	await page.goto('/');
	await expect(page.getByTestId('sync-problem')).toHaveAttribute('data-state', 'offline');

	await context.setOffline(false);
	await expect
		.poll(
			async () => (await storedRows<{ status: string }>(page, 'outbox')).filter((r) => r.status !== 'done').length,
			{ timeout: 30_000 }
		)
		.toBe(0);
	await expect
		.poll(
			async () =>
				(await storedRows<{ id: string; status: string }>(page, 'contracts')).find((c) => c.id === id)?.status,
			{ timeout: 30_000 }
		)
		.toBe('effective');
});

/** The version the worker controlling the page reports. */
async function controllerVersion(page: Page): Promise<string> {
	return page.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const channel = new MessageChannel();
				channel.port1.onmessage = (e) => resolve((e.data as { version: string }).version);
				navigator.serviceWorker.controller!.postMessage({ type: 'GET_VERSION' }, [channel.port2]);
			})
	);
}

test.describe('update', () => {
	let base = '';
	let server: ServerProcess | undefined;
	let root = '';

	// A copy of the build served by a second server process. The "newer build" is that same copy with a
	// service worker whose bytes (its version constant) changed, which is exactly what a browser compares
	// when it checks for an update. Rebuilding instead would race other work in this checkout's build/.
	test.beforeAll(async () => {
		root = join(mkdtempSync(join(tmpdir(), 'contract-desk-update-')), 'site');
		cpSync('build', root, { recursive: true });
		// The OS picks the port and the server prints it: a probed "free" port can be taken by another run meanwhile.
		test.setTimeout(120_000);
		server = await startServerProcess({ STATIC_DIR: root, ADMIN_TOKEN: 'e2e-admin-token' });
		base = server.base;
	});
	test.afterAll(async () => {
		// Waits for the exit (the server closes SQLite on SIGTERM) and removes its data folder.
		await server?.stop();
		if (root) rmSync(dirname(root), { recursive: true, force: true });
	});

	/** Rewrites a file of the served copy, with the .br/.gz variants the server prefers (the adapter precompresses: vite.config.ts). */
	function publish(path: string, content: string): void {
		const file = join(root, path);
		writeFileSync(file, content);
		writeFileSync(`${file}.br`, brotliCompressSync(content));
		writeFileSync(`${file}.gz`, gzipSync(content));
	}

	function publishNewerBuild(): string {
		const { version } = JSON.parse(readFileSync(join(root, '_app/version.json'), 'utf8')) as { version: string };
		const next = `${version}-next`;
		const sw = readFileSync(join(root, 'service-worker.js'), 'utf8');
		expect(sw).toContain(version);
		publish('service-worker.js', sw.replaceAll(version, next));
		publish('_app/version.json', JSON.stringify({ version: next }));
		return next;
	}

	test('offers the new version, never reloads by itself, and keeps half-typed details after accepting', async ({
		page
	}) => {
		await page.goto(`${base}/signin`);
		await page.locator('#code').fill('demo');
		await page.getByRole('button', { name: /登录|Sign in/ }).click();
		await expect(page.getByTestId('count-orders')).not.toHaveText('0');
		const ordersBefore = await page.getByTestId('count-orders').textContent();
		await underServiceWorker(page);
		const current = await controllerVersion(page);

		const form = `${base}/contracts/new/framework`;
		await page.goto(form);
		// The form is hydrated and its draft restored once the field is enabled; SvelteKit's own start-up
		// history entry (a same-document navigation right after load) is behind us.
		await expect(page.locator('#contact-person')).toBeEnabled();
		// From here on every main-frame navigation counts, same-document (history API) ones included:
		// nothing but the user's accept may navigate.
		const navigations: string[] = [];
		page.on('framenavigated', (frame) => {
			if (frame === page.mainFrame()) navigations.push(frame.url());
		});
		await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
		await page.locator('#contact-person').fill('');
		await page.locator('#contact-person').pressSequentially('赵玥');
		await page.locator('#contact-phone').fill('');
		await page.locator('#contact-phone').pressSequentially('0755-1234');
		await expect
			.poll(async () =>
				JSON.stringify(
					(await storedRows<{ key: string; value: unknown }>(page, 'drafts')).find(
						(d) => d.key === 'contract.framework'
					)?.value ?? null
				)
			)
			.toContain('0755-1234');

		const next = publishNewerBuild();
		// What the app's periodic / on-visibility check does, without waiting for it.
		const updateResult = await page.evaluate(async () => {
			const r = await navigator.serviceWorker.getRegistration();
			try {
				await r?.update();
				const sw = r?.installing ?? r?.waiting;
				if (!sw) return 'no new worker';
				await new Promise<void>((resolve) => {
					if (sw.state === 'installed' || sw.state === 'redundant') resolve();
					sw.addEventListener('statechange', () => (sw.state === 'installed' || sw.state === 'redundant') && resolve());
				});
				return sw.state;
			} catch (e) {
				return String(e);
			}
		});
		expect(updateResult).toBe('installed');
		await expect
			.poll(
				() =>
					page.evaluate(async () => {
						const r = await navigator.serviceWorker.getRegistration();
						return r?.waiting ? 'waiting' : r?.installing ? 'installing' : 'none';
					}),
				{ timeout: 30_000 }
			)
			.toBe('waiting');
		await expect(page.getByTestId('update-prompt')).toBeVisible();
		// Offered, not applied: the old worker still controls the page and nothing has navigated.
		expect(await controllerVersion(page)).toBe(current);
		expect(navigations, 'navigations before the user accepted the update').toEqual([]);
		expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
		await expect(page.locator('#contact-person')).toHaveValue('赵玥');

		await Promise.all([
			page.waitForEvent('load'),
			page
				.getByTestId('update-prompt')
				.getByRole('button', { name: /重新加载|Reload/ })
				.click()
		]);
		// Accepting reloads the page it was on (SvelteKit's start-up adds a same-document entry for the same URL).
		expect(new Set(navigations)).toEqual(new Set([form]));
		expect(
			await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)
		).toBeUndefined();
		await expect(page.locator('#contact-person')).toHaveValue('赵玥');
		await expect(page.locator('#contact-phone')).toHaveValue('0755-1234');
		expect(await controllerVersion(page)).toBe(next);
		await page.goto(`${base}/`);
		await expect(page.getByTestId('count-orders')).toHaveText(ordersBefore!);
	});
});

test('under the service worker, the release checks SvelteKit makes at each focus send nothing', async ({
	page,
	context
}) => {
	await signIn(page, 'demo');
	await underServiceWorker(page);
	const sent: string[] = [];
	// A request the worker itself makes is the one that would reach the network.
	context.on('request', (r) => {
		if (r.serviceWorker() && new URL(r.url()).pathname === '/_app/version.json') sent.push(r.url());
	});
	// Offline, an answer can only come from the worker: without its route the request fails and none arrives.
	const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/_app/version.json', {
		timeout: 10_000
	});
	await context.setOffline(true);
	await page.evaluate(() => window.dispatchEvent(new Event('focus')));
	const answer = await answered;
	expect(answer.fromServiceWorker()).toBe(true);
	// The page's own release: no reload, and Kit's "updated" stays false.
	const html = await page.evaluate(() => document.documentElement.outerHTML);
	expect(html).toContain(`version: "${((await answer.json()) as { version: string }).version}"`);
	expect(sent, 'requests the worker sent on for /_app/version.json').toEqual([]);
});

test('backup: export, clear site data, import restores byte-identical documents', async ({ page, browser }) => {
	await signIn(page, 'demo');
	const id = await generateFramework(page, '钱堃');
	const original = await documents(page);
	expect(original[id]).toBeDefined();

	await page.goto('/more/storage');
	await expect(page.getByTestId('storage-last-backup')).toBeVisible();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
	const file = await download.path();
	expect(download.suggestedFilename()).toMatch(/^contract-desk-backup-.*\.json$/);
	const parsed = JSON.parse(readFileSync(file!, 'utf8')) as {
		format: string;
		version: number;
		documents: { contractId: string }[];
	};
	expect(parsed).toMatchObject({ format: 'contract-desk-backup', version: 1 });
	await expect(page.getByTestId('storage-last-backup')).not.toHaveText(/尚未备份|Never/);

	// A fresh context is a device with its site data cleared.
	await onAnotherDevice(browser, async (other) => {
		await signIn(other, 'demo');
		await other.goto('/more/storage');
		await other.getByTestId('backup-import').setInputFiles(file!);
		await expect(other.getByTestId('backup-report')).toBeVisible();
		await expect(other.getByTestId('backup-report')).not.toContainText(/拒绝 [1-9]|[1-9]\d* refused/);
		const restored = await documents(other);
		for (const [contractId, doc] of Object.entries(original)) expect(restored[contractId], contractId).toEqual(doc);
		await other.goto(`/contracts/${id}`);
		await expect(other.locator('main')).toContainText('钱堃');
	});
});
