// Registration sends the record, not the document (issue 20): no PDF on the wire, and a fresh device downloads the server's rendering byte for byte, one over 1 MiB too.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Order } from '../../src/lib/domain/order';
import { DEMO_ACCOUNT_ID, demoOrders, demoSeed } from '../../server/seed';
import { openSqliteStore } from '../../server/store/index';
import { ADMIN_TOKEN, fillContact, generateFramework, signIn, storedRows } from '../support/e2e/helpers';

// A server of its own, seeded with 60 orders whose specs use every common hanzi: the order contract's font subset
// alone makes its PDF larger than 1 MiB, the size devices never sent before.
const probe =
	"const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
const PORT = Number(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim());
const BASE = `http://127.0.0.1:${PORT}`;
const MIB = 1024 * 1024;

test.use({ baseURL: BASE, viewport: { width: 390, height: 844 } });

/** GB2312's 3,755 level-1 hanzi (all in the contract font), spread over 60 specs of 60 characters. */
function glyphHeavyOrders(): Order[] {
	const gbk = new TextDecoder('gbk');
	const hanzi: string[] = [];
	for (let hi = 0xb0; hi <= 0xd7; hi++)
		for (let lo = 0xa1; lo <= 0xfe; lo++) {
			const c = gbk.decode(new Uint8Array([hi, lo]));
			if (c.length === 1 && c >= '\u4e00' && c <= '\u9fff') hanzi.push(c);
		}
	let k = 0;
	return demoOrders(Date.now(), 60).map((o) => ({
		...o,
		spec: Array.from({ length: 60 }, () => hanzi[k++ % hanzi.length]).join('')
	}));
}

let server: ChildProcess | undefined;
let dataDir = '';

test.beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-record-'));
	const store = openSqliteStore(dataDir);
	await store.seed({
		...demoSeed(),
		orders: glyphHeavyOrders().map((order) => ({ accountId: DEMO_ACCOUNT_ID, order }))
	});
	await store.close();
	// node with tsx's loader, not npx: SIGTERM must reach the server itself. The store is not empty: no demo seed.
	server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN },
		stdio: 'ignore'
	});
	await expect
		.poll(async () => (await fetch(`${BASE}/api/v1/health`).catch(() => null))?.ok ?? false, { timeout: 60_000 })
		.toBe(true);
});
test.afterAll(async () => {
	const running = server;
	if (running && running.exitCode === null && running.signalCode === null) {
		await new Promise<void>((resolve) => {
			running.once('exit', () => resolve());
			running.kill('SIGTERM');
		});
	}
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** SHA-256 and size of every stored document, computed in the page from the Blob in IndexedDB. */
async function documents(page: Page): Promise<Record<string, { sha256: string; size: number }>> {
	return page.evaluate(
		() =>
			new Promise<Record<string, { sha256: string; size: number }>>((resolve, reject) => {
				const open = indexedDB.open('contract-desk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('documents').objectStore('documents').getAll();
					req.onerror = () => reject(req.error);
					req.onsuccess = async () => {
						open.result.close();
						const out: Record<string, { sha256: string; size: number }> = {};
						for (const d of req.result as { contractId: string; blob: Blob }[]) {
							const bytes = await d.blob.arrayBuffer();
							const digest = await crypto.subtle.digest('SHA-256', bytes);
							const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
							out[d.contractId] = { sha256, size: bytes.byteLength };
						}
						resolve(out);
					};
				};
			})
	);
}

type Sent = { id: string; wireBytes: number; encoding: string | undefined; body: Record<string, unknown> };

test('registrations carry the record and its SHA-256 only; a fresh device downloads each document byte for byte, one over 1 MiB too', async ({
	page,
	browser
}) => {
	test.setTimeout(420_000);
	const sent: Sent[] = [];
	// On the context: a registration the service worker sends (Background Sync) is not one of the page's requests.
	page.context().on('request', (req) => {
		const m = new URL(req.url()).pathname.match(/^\/api\/v1\/contracts\/([0-9a-f-]{36})$/);
		if (req.method() !== 'PUT' || !m) return;
		const wire = req.postDataBuffer() ?? Buffer.alloc(0);
		const encoding = req.headers()['content-encoding'];
		const json = encoding === 'gzip' ? gunzipSync(wire) : wire;
		sent.push({ id: m[1]!, wireBytes: wire.byteLength, encoding, body: JSON.parse(json.toString('utf8')) });
	});

	await signIn(page, 'demo');
	const framework = await generateFramework(page, '赵珺');
	await page.goto('/contracts');
	await page.getByTestId('start-order').click();
	await fillContact(page, '赵珺');
	await page.getByTestId('select-all-matching').click();
	await expect(page.getByTestId('selection-text')).toContainText('已选 60 个订单');
	await page.getByTestId('to-confirm').click();
	await page.getByRole('button', { name: '确认并生成合同' }).click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 120_000 });
	const order = new URL(page.url()).pathname.split('/').at(-1)!;

	// Both registered: the server rendered each record itself and found the device's fingerprint.
	await expect
		.poll(
			async () => (await storedRows<{ status: string }>(page, 'outbox')).filter((r) => r.status !== 'done').length,
			{
				timeout: 180_000
			}
		)
		.toBe(0);
	const contracts = await storedRows<{ id: string; status: string; pdfSha256: string }>(page, 'contracts');
	for (const id of [framework, order]) expect(contracts.find((c) => c.id === id)?.status, id).toBe('effective');
	const onA = await documents(page);
	expect(onA[order]!.size).toBeGreaterThan(MIB);

	// On the wire: the record and the fingerprint, never the document.
	for (const id of [framework, order]) {
		const request = sent.find((s) => s.id === id);
		expect(request, id).toBeDefined();
		expect(Object.keys(request!.body).sort()).toEqual(['pdfSha256', 'record']);
		expect(request!.body.pdfSha256).toBe(onA[id]!.sha256);
	}
	// The order contract's record (60 orders) goes gzipped; the framework one is under 1 KiB and goes as it is.
	expect(sent.find((s) => s.id === order)!.encoding).toBe('gzip');
	expect(sent.find((s) => s.id === framework)!.wireBytes).toBeLessThanOrEqual(32 * 1024);
	expect(sent.find((s) => s.id === order)!.wireBytes).toBeLessThan(onA[order]!.size / 10);

	// A fresh device of the same account: the pull restores both, and the background download brings the
	// server's rendering — byte for byte the document device A made.
	const context = await browser.newContext({ baseURL: BASE, viewport: { width: 390, height: 844 } });
	try {
		const b = await context.newPage();
		// Served by the server, not re-rendered on B after a 404 (what a document over 1 MiB used to need).
		const served: Record<string, { status: number; bytes: number }> = {};
		b.on('response', async (res) => {
			const m = new URL(res.url()).pathname.match(/^\/api\/v1\/contracts\/([0-9a-f-]{36})\/pdf$/);
			if (m)
				served[m[1]!] = { status: res.status(), bytes: (await res.body().catch(() => Buffer.alloc(0))).byteLength };
		});
		await signIn(b, 'demo');
		for (const id of [framework, order]) {
			await b.goto(`/contracts/${id}`);
			await expect(b.getByTestId('doc-download')).toBeVisible({ timeout: 60_000 });
		}
		const onB = await documents(b);
		for (const id of [framework, order]) {
			expect(onB[id], id).toEqual(onA[id]);
			expect(served[id], id).toEqual({ status: 200, bytes: onA[id]!.size });
		}
	} finally {
		await context.close();
	}
});
