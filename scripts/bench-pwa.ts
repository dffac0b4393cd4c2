// PWA figures: first visit of `/` in Chromium (JS+CSS transferred, sign-in form paint vs load event), precache size by part, warm offline start.
import { chromium, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { deferredEntries, precacheEntries } from '../src/lib/pwa/precache';
import { currentFontUrls } from '../src/lib/pdf/fontFiles';
import { CHROMIUM, CHROMIUM_ARGS } from './bench/chromium';
import { startServerProcess } from './server-process';
import { median, type BenchRow } from './bench/stats';
import { measureFirstVisit, type FirstVisit } from './first-visit';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, 'build');
export const CLIENT_MANIFEST = join(ROOT, '.svelte-kit/output/client/.vite/manifest.json');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

type ManifestChunk = {
	file: string;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
	assets?: string[];
	isEntry?: boolean;
};
type ViteManifest = Record<string, ManifestChunk>;

const KB = 1024;
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).byteLength;

/** Files a chunk pulls in before it can run: itself, its static imports (transitively) and their CSS. */
function staticClosure(m: ViteManifest, roots: string[]): Set<string> {
	const files = new Set<string>();
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key) || !m[key]) return;
		seen.add(key);
		const c = m[key]!;
		files.add(c.file);
		c.css?.forEach((f) => files.add(f));
		c.imports?.forEach(visit);
	};
	roots.forEach(visit);
	return files;
}

function listStatic(dir: string, prefix = ''): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? listStatic(path, `${prefix}/${name}`) : [`${prefix}/${name}`];
	});
}

/** Bytes on the wire for a client that accepts brotli: the server sends the precompressed .br sibling where one exists. */
function transferred(path: string): number {
	return existsSync(`${path}.br`) ? statSync(`${path}.br`).size : statSync(path).size;
}

/** Raw and transferred bytes of a list of URLs under build/. */
function sized(urls: readonly string[]): { raw: number; wire: number } {
	let raw = 0;
	let wire = 0;
	for (const url of urls) {
		const path = join(BUILD, url);
		if (!existsSync(path)) continue;
		raw += statSync(path).size;
		wire += transferred(path);
	}
	return { raw, wire };
}

/**
 * First visit (what the service worker installs with) and what it fetches right after, raw and on the wire,
 * and the complete-coverage regular face (core + rest), which a device holds once both are in.
 */
export function firstVisit(m: ViteManifest): BenchRow[] {
	const lists = { ...kitLists(m), fontRevisions: {}, fonts: currentFontUrls() };
	const first = sized(precacheEntries(lists).map((e) => e.url));
	const later = sized(deferredEntries(lists).map((e) => e.url));
	const fonts = currentFontUrls();
	const face = sized([fonts.precache[0]!, ...fonts.deferred]);
	const MB = KB * KB;
	return [
		{ name: 'pwa: first-visit precache, transferred (brotli)', value: first.wire / MB, unit: 'MB', target: '≤ 4 MB' },
		{ name: 'pwa: first-visit precache, raw', value: first.raw / MB, unit: 'MB' },
		{ name: 'pwa: fetched right after (font rest + pdf.js worker), transferred', value: later.wire / MB, unit: 'MB' },
		{ name: 'pwa: fetched right after, raw', value: later.raw / MB, unit: 'MB' },
		{ name: 'font: complete-coverage regular face (core + rest), transferred', value: face.wire / MB, unit: 'MB' },
		{ name: 'font: complete-coverage regular face (core + rest), raw', value: face.raw / MB, unit: 'MB' }
	];
}

function kitLists(m: ViteManifest): { build: string[]; files: string[]; prerendered: string[]; version: string } {
	const build = new Set<string>();
	for (const c of Object.values(m)) {
		build.add(`/${c.file}`);
		c.css?.forEach((f) => build.add(`/${f}`));
		c.assets?.forEach((f) => build.add(`/${f}`));
	}
	return { build: [...build], files: listStatic(join(ROOT, 'static')), prerendered: [], version: 'bench' };
}

/** The precache as the service worker builds it (same lists Kit gives it), sized from build/ and split into parts. */
export function precacheParts(m: ViteManifest): { entries: number; total: number; parts: Record<string, number> } {
	const entries = precacheEntries({ ...kitLists(m), fontRevisions: {}, fonts: currentFontUrls() });
	// PDF code: everything reachable from the lazily imported PDF modules and not needed by any page up front.
	const pdfRoots = Object.keys(m).filter((k) =>
		/src\/lib\/pdf\/|node_modules\/(jspdf|jspdf-autotable|html2canvas|canvg|dompurify)\//.test(k)
	);
	const pageKeys = Object.keys(m).filter((k) => k.includes('client-optimized/nodes/') || m[k]!.isEntry);
	const pageFiles = staticClosure(m, pageKeys);
	const pdfFiles = new Set<string>();
	const visit = (key: string, seen = new Set<string>()) => {
		if (seen.has(key) || !m[key]) return;
		seen.add(key);
		if (!pageFiles.has(m[key]!.file)) pdfFiles.add(`/${m[key]!.file}`);
		[...(m[key]!.imports ?? []), ...(m[key]!.dynamicImports ?? [])].forEach((k) => visit(k, seen));
	};
	pdfRoots.forEach((k) => visit(k));
	// Print view: pdf.js and its worker, loaded only when a contract is printed.
	const printFiles = new Set(
		Object.keys(m)
			.filter((k) => k.includes('node_modules/pdfjs-dist/'))
			.flatMap((k) => [`/${m[k]!.file}`, ...(m[k]!.assets ?? []).map((f) => `/${f}`)])
	);
	const parts: Record<string, number> = {
		fonts: 0,
		'PDF code (jsPDF + renderer)': 0,
		'print view (pdf.js + worker)': 0,
		'app JS': 0,
		CSS: 0,
		'HTML (200.html)': 0,
		'icons + manifest': 0,
		other: 0
	};
	let total = 0;
	for (const { url } of entries) {
		const path = join(BUILD, url);
		if (!existsSync(path)) continue;
		const size = statSync(path).size;
		total += size;
		const part = url.startsWith('/fonts/')
			? 'fonts'
			: printFiles.has(url) || url.includes('/pdf.worker')
				? 'print view (pdf.js + worker)'
				: pdfFiles.has(url)
					? 'PDF code (jsPDF + renderer)'
					: url.endsWith('.js')
						? 'app JS'
						: url.endsWith('.css')
							? 'CSS'
							: url.endsWith('.html')
								? 'HTML (200.html)'
								: /\/icons\/|manifest/.test(url)
									? 'icons + manifest'
									: 'other';
		parts[part]! += size;
	}
	return { entries: entries.length, total, parts };
}

async function waitForHomeData(page: Page): Promise<number> {
	// Navigation start → the home screen shows the account's order count from Dexie.
	const handle = await page.waitForFunction(
		() => {
			const el = document.querySelector('[data-testid="count-orders"]');
			return el && el.textContent && el.textContent.trim() !== '0' ? performance.now() : false;
		},
		undefined,
		{ polling: 'raf', timeout: 20_000 }
	);
	return (await handle.jsonValue()) as number;
}

/**
 * First visits of `/` on a phone's network (no service worker, empty cache), then: signs in online once, lets the
 * service worker precache, and times offline starts of `/`.
 */
export async function browserFigures(
	runs = RUNS
): Promise<{ firstVisits: FirstVisit[]; running: number[]; stopped: number[] }> {
	const server = await startServerProcess({ STATIC_DIR: BUILD });
	const base = server.base;
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	try {
		const firstVisits: FirstVisit[] = [];
		for (let i = 0; i < runs; i++) firstVisits.push(await measureFirstVisit(browser, base));
		const context = await browser.newContext({ serviceWorkers: 'allow' });
		const setup = await context.newPage();
		await setup.goto(`${base}/signin`);
		await setup.locator('#code').fill('demo');
		await setup.locator('form button[type="submit"]').click();
		await waitForHomeData(setup);
		await setup.evaluate(async () => void (await navigator.serviceWorker.ready));
		await setup.reload();
		await waitForHomeData(setup);
		await context.setOffline(true);
		const cdp = await context.newCDPSession(setup);
		await cdp.send('ServiceWorker.enable');
		const running: number[] = [];
		const stopped: number[] = [];
		for (let i = 0; i < runs; i++) {
			for (const mode of ['running', 'stopped'] as const) {
				// A home-screen start after a while finds the worker stopped; right after use it is still running.
				if (mode === 'stopped') await cdp.send('ServiceWorker.stopAllWorkers');
				const page = await context.newPage();
				await page.goto(`${base}/`);
				(mode === 'running' ? running : stopped).push(await waitForHomeData(page));
				await page.close();
			}
		}
		await context.close();
		return { firstVisits, running, stopped };
	} finally {
		await browser.close();
		await server.stop();
	}
}

export async function runPwaBench(opts: { browser?: boolean } = {}): Promise<BenchRow[]> {
	if (!existsSync(join(BUILD, '200.html')) || !existsSync(CLIENT_MANIFEST))
		throw new Error('run `npm run build` first');
	const m = JSON.parse(readFileSync(CLIENT_MANIFEST, 'utf8')) as ViteManifest;
	const pre = precacheParts(m);
	const rows: BenchRow[] = [
		{ name: 'pwa: 200.html (gzip)', value: gz(join(BUILD, '200.html')) / KB, unit: 'KB' },
		{ name: 'pwa: service worker (gzip)', value: gz(join(BUILD, 'service-worker.js')) / KB, unit: 'KB' },
		{ name: 'pwa: precache total', value: pre.total / KB / KB, unit: 'MB' },
		{ name: 'pwa: precache entries', value: pre.entries, unit: '' },
		...Object.entries(pre.parts).map(([part, bytes]) => ({
			name: `pwa: precache · ${part}`,
			value: bytes / KB,
			unit: 'KB'
		})),
		...firstVisit(m)
	];
	if (opts.browser === false) return rows;
	const starts = await browserFigures();
	const visits = starts.firstVisits;
	rows.push(
		{
			name: 'pwa: first visit JS+CSS transferred (br, headers incl.)',
			value: visits[0]!.transferBytes / KB,
			unit: 'KB',
			target: '≤ 60 KB'
		},
		{ name: 'pwa: first visit JS+CSS bodies (br)', value: visits[0]!.bodyBytes / KB, unit: 'KB' },
		{ name: 'pwa: first visit JS+CSS files', value: visits[0]!.files.length, unit: '' },
		{
			name: 'pwa: first visit load event (Lighthouse Slow 4G)',
			value: median(visits.map((v) => v.loadMs)),
			unit: 'ms'
		},
		{ name: 'pwa: first visit sign-in form painted', value: median(visits.map((v) => v.formPaintMs)), unit: 'ms' },
		{
			name: 'pwa: first visit form paint ÷ load event',
			value: median(visits.map((v) => v.formPaintMs / v.loadMs)),
			unit: '×',
			target: '≤ 1.3'
		},

		{
			name: 'pwa: warm offline start → home with data (worker running)',
			value: median(starts.running),
			unit: 'ms',
			target: '< 1000 ms'
		},
		{
			name: 'pwa: offline start → home with data (worker stopped)',
			value: median(starts.stopped),
			unit: 'ms',
			target: '< 1000 ms'
		}
	);
	return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const rows = await runPwaBench();
	const width = Math.max(...rows.map((r) => r.name.length));
	for (const r of rows)
		console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(9)} ${r.unit.padEnd(3)}  ${r.target ?? ''}`);
}
