// `npm run bench`: PDF, list, sync and PWA figures as medians of several runs, in Node and headless Chromium.
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import { exampleFramework, exampleOrderContract } from '../src/lib/pdf/examples';
import { CHROMIUM, CHROMIUM_ARGS } from './bench/chromium';
import { ROOT, startServerProcess } from './server-process';
import { median, RUNS, timed, type BenchRow } from './bench/stats';

export type { BenchRow } from './bench/stats';

async function nodePdf(): Promise<BenchRow[]> {
	const [fontMs, fonts] = await timed(loadContractFontsNode);
	const framework: number[] = [];
	const order: number[] = [];
	let frameworkBytes = 0;
	let orderBytes = 0;
	for (let i = 0; i < RUNS; i++) {
		const [ms, pdf] = await timed(() => renderContractPdf(exampleFramework(), fonts));
		framework.push(ms);
		frameworkBytes = pdf.byteLength;
		const [ms2, pdf2] = await timed(() => renderContractPdf(exampleOrderContract(1000), fonts));
		order.push(ms2);
		orderBytes = pdf2.byteLength;
	}
	return [
		{ name: 'node: font load (read + parse)', value: fontMs, unit: 'ms' },
		{ name: 'node: render framework agreement', value: median(framework), unit: 'ms' },
		{ name: 'node: render 1,000-order contract', value: median(order), unit: 'ms' },
		{ name: 'PDF size: framework agreement', value: frameworkBytes / 1024, unit: 'KB', target: '≤ 200 KB' },
		{ name: 'PDF size: 1,000-order contract', value: orderBytes / 1024, unit: 'KB', target: '≤ 1024 KB' }
	];
}

export async function bundleBrowserEntry(): Promise<string> {
	const out = await build({
		configFile: false,
		logLevel: 'silent',
		build: {
			write: false,
			lib: { entry: join(ROOT, 'scripts/bench/browser-entry.ts'), formats: ['iife'], name: 'bench' },
			minify: true
		}
	});
	const outputs = Array.isArray(out) ? out : [out];
	for (const o of outputs) {
		if ('output' in o) for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
	}
	throw new Error('bench bundle produced no code');
}

async function browserPdfAndList(browser: Browser, base: string, code: string): Promise<BenchRow[]> {
	type Bench = {
		generate(kind: string, n?: number): Promise<{ ms: number; bytes: number }>;
		seedContracts(n: number): Promise<number>;
		firstPage(kind?: string): Promise<{ ms: number; rows: number }>;
		searchPage(search: string): Promise<{ ms: number; rows: number; total: number }>;
		numberAt(n: number): Promise<string>;
	};
	const cold: number[] = [];
	const warm: number[] = [];
	const order: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const { context, page } = await benchPage(browser, base, code);
		const run = (kind: string, n?: number) =>
			page.evaluate(
				([k, m]) =>
					(globalThis as unknown as { __bench: Bench }).__bench.generate(k as string, m as number | undefined),
				[kind, n] as const
			);
		cold.push((await run('framework')).ms);
		warm.push((await run('framework')).ms);
		order.push((await run('order', 1000)).ms);
		await context.close();
	}
	const { context, page } = await benchPage(browser, base, code);
	await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.seedContracts(10_000));
	const list: number[] = [];
	const listKind: number[] = [];
	for (let i = 0; i < Math.max(RUNS, 7); i++) {
		list.push((await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.firstPage())).ms);
		listKind.push(
			(await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.firstPage('framework'))).ms
		);
	}
	// Search by a 6-character tail (one hit) and by the date part every seeded number shares (10,000 hits).
	const tail = (await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.numberAt(4321))).slice(
		-6
	);
	const searchTail: number[] = [];
	const searchBroad: number[] = [];
	for (let i = 0; i < Math.max(RUNS, 7); i++) {
		const hit = await page.evaluate((q) => (globalThis as unknown as { __bench: Bench }).__bench.searchPage(q), tail);
		if (hit.total < 1) throw new Error(`search by ${tail} found ${hit.total}`);
		searchTail.push(hit.ms);
		searchBroad.push(
			(await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.searchPage('20260101'))).ms
		);
	}
	await context.close();
	return [
		{
			name: 'chromium: generate framework, cold (font fetch + parse)',
			value: median(cold),
			unit: 'ms',
			target: '≤ 1000 ms'
		},
		{ name: 'chromium: generate framework, font loaded', value: median(warm), unit: 'ms', target: '≤ 400 ms' },
		{ name: 'chromium: generate 1,000-order contract', value: median(order), unit: 'ms', target: '≤ 3000 ms' },
		{ name: 'chromium: contracts first page of 10,000', value: median(list), unit: 'ms', target: '≤ 50 ms' },
		{
			name: 'chromium: contracts first page of 10,000, by kind',
			value: median(listKind),
			unit: 'ms',
			target: '≤ 50 ms'
		},
		{ name: 'chromium: search 10,000 by a 6-character tail', value: median(searchTail), unit: 'ms', target: '≤ 50 ms' },
		{ name: 'chromium: search 10,000 by a part all share', value: median(searchBroad), unit: 'ms' }
	];
}

/** A fresh context on the app's origin with the bench's browser bundle loaded (the app's CSP forbids inline scripts: it is let in for this context only). */
async function benchPage(browser: Browser, base: string, code: string) {
	const context = await browser.newContext({ bypassCSP: true });
	const page = await context.newPage();
	await page.goto(`${base}/signin`);
	await page.addScriptTag({ content: code });
	return { context, page };
}

/** The orders page's search at 50,000 orders: a 6-digit part of one id, a product name, a part every id shares. */
export async function orderSearch(browser: Browser, base: string, code: string): Promise<BenchRow[]> {
	type Bench = {
		seedOrders(n: number): Promise<number>;
		searchOrdersPage(search: string): Promise<{ ms: number; rows: number; total: number }>;
		orderIdAt(n: number): Promise<string>;
	};
	const bench = (page: import('@playwright/test').Page) => ({
		search: (q: string) =>
			page.evaluate((s) => (globalThis as unknown as { __bench: Bench }).__bench.searchOrdersPage(s), q)
	});
	const { context, page } = await benchPage(browser, base, code);
	const [seedMs, count] = await timed(() =>
		page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.seedOrders(50_000))
	);
	if (count !== 50_000) throw new Error(`seeded ${count} orders`);
	const id = await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.orderIdAt(31_234));
	const part = id.slice(8, 14);
	const byPart: number[] = [];
	const byProduct: number[] = [];
	const broad: number[] = [];
	for (let i = 0; i < Math.max(RUNS, 7); i++) {
		const hit = await bench(page).search(part);
		if (!hit.rows) throw new Error(`order search by ${part} found nothing`);
		byPart.push(hit.ms);
		byProduct.push((await bench(page).search('cdn')).ms);
		broad.push((await bench(page).search('2025')).ms);
	}
	await context.close();
	return [
		{ name: 'chromium: store 50,000 orders (with id search parts)', value: seedMs, unit: 'ms' },
		{
			name: 'chromium: orders search 50,000 by a 6-digit part of an id',
			value: median(byPart),
			unit: 'ms',
			target: '≤ 50 ms'
		},
		{ name: 'chromium: orders search 50,000 by product name (10,000 hits)', value: median(byProduct), unit: 'ms' },
		{ name: 'chromium: orders search 50,000 by a part all share', value: median(broad), unit: 'ms' }
	];
}

async function optional(file: string, fn: string): Promise<BenchRow[]> {
	const path = join(ROOT, 'scripts', file);
	if (!existsSync(path)) return [];
	const mod = (await import(path)) as Record<string, () => Promise<BenchRow[]>>;
	return mod[fn] ? mod[fn]() : [];
}

function print(rows: BenchRow[]): void {
	const width = Math.max(...rows.map((r) => r.name.length));
	console.log(`\n${'figure'.padEnd(width)}  ${'median'.padStart(10)}  target   (runs: ${RUNS})`);
	for (const r of rows)
		console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(7)} ${r.unit.padEnd(3)}  ${r.target ?? ''}`);
}

async function main(): Promise<void> {
	if (!existsSync(join(ROOT, 'build/200.html'))) throw new Error('run `npm run build` first');
	const rows: BenchRow[] = [];
	// Each figure is printed as it is measured too: a later part that fails does not lose the earlier ones.
	const add = (more: BenchRow[]) => {
		for (const r of more) console.log(`bench: ${r.name}: ${r.value.toFixed(1)} ${r.unit}`);
		rows.push(...more);
	};
	add(await nodePdf());
	add(await optional('bench-render.ts', 'runRenderBench'));
	const server = await startServerProcess();
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	try {
		const code = await bundleBrowserEntry();
		add(await browserPdfAndList(browser, server.base, code));
		add(await orderSearch(browser, server.base, code));
	} finally {
		await browser.close();
		await server.stop();
	}
	add(await optional('bench-sync.ts', 'runSyncBench'));
	add(await optional('bench-registration.ts', 'runRegistrationBench'));
	add(await optional('bench-sync.ts', 'runEngineBench'));
	add(await optional('bench-pull.ts', 'runPullBench'));
	add(await optional('bench-registry.ts', 'runRegistryBench'));
	add(await optional('bench-render-flood.ts', 'runRenderFloodBench'));
	add(await optional('bench-abuse.ts', 'runAbuseBench'));
	add(await optional('bench-pwa.ts', 'runPwaBench'));
	// Confirm → PDF through the UI (the render worker), its breakdown, and the same with the browser on phone-cpu: it
	// replaces the confirm-click figure measured here before, which reloaded the page (a new worker) per contract.
	add(await optional('bench-generate.ts', 'runGenerateBench'));
	print(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
