// First visit of `/` as a new phone makes it: JS + CSS bytes on the wire (CDP Network events, compressed) until the
// network is idle, and when the sign-in form is painted compared with the load event. Used by the budget test and the bench.
import type { Browser } from '@playwright/test';

export type FirstVisit = {
	/** JS + CSS bytes as transferred (compressed body + response headers), as DevTools' "transferred" counts them. */
	transferBytes: number;
	/** JS + CSS compressed bodies only. */
	bodyBytes: number;
	/** Each JS/CSS file: bytes as transferred, content encoding, request start and response end (ms since navigation start). */
	files: { url: string; bytes: number; encoding: string; startMs: number; endMs: number }[];
	/** Navigation start → load event end, ms. */
	loadMs: number;
	/** Navigation start → first frame showing the sign-in form ready to type in, ms. */
	formPaintMs: number;
};

/**
 * A phone on a mobile network — Lighthouse's "Slow 4G" profile as applied per request in DevTools (150 ms RTT ×
 * 3.75 = 562.5 ms request latency, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up): every extra request in a chain
 * costs what it costs in the hand.
 */
export const PHONE_NETWORK = {
	offline: false,
	latency: 562.5,
	downloadThroughput: (1474.56 * 1024) / 8,
	uploadThroughput: (675 * 1024) / 8
};

const IDLE_MS = 500;

export async function measureFirstVisit(
	browser: Browser,
	origin: string,
	opts: { throttle?: boolean } = {}
): Promise<FirstVisit> {
	// No service worker: its install precaches the whole app, which is not what the first screen waits for.
	const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		if (opts.throttle !== false) await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
		const inflight = new Set<string>();
		let lastActivity = Date.now();
		const meta = new Map<string, { url: string; type: string; encoding: string; headerBytes: number }>();
		const done: FirstVisit['files'] = [];
		let transferBytes = 0;
		let bodyBytes = 0;
		cdp.on('Network.requestWillBeSent', (e) => {
			inflight.add(e.requestId);
			lastActivity = Date.now();
		});
		cdp.on('Network.responseReceived', (e) => {
			const h = e.response.headers;
			const encoding = h['content-encoding'] ?? h['Content-Encoding'] ?? 'identity';
			meta.set(e.requestId, {
				url: e.response.url,
				type: e.type,
				encoding,
				headerBytes: e.response.encodedDataLength ?? 0
			});
		});
		const finish = (id: string) => {
			inflight.delete(id);
			lastActivity = Date.now();
		};
		cdp.on('Network.loadingFailed', (e) => finish(e.requestId));
		cdp.on('Network.loadingFinished', (e) => {
			finish(e.requestId);
			const m = meta.get(e.requestId);
			if (!m || !(m.type === 'Script' || m.type === 'Stylesheet' || /\.(m?js|css)(\?|$)/.test(m.url))) return;
			// encodedDataLength at loadingFinished counts headers and body as they came over the wire.
			transferBytes += e.encodedDataLength;
			bodyBytes += e.encodedDataLength - m.headerBytes;
			done.push({
				url: new URL(m.url).pathname,
				bytes: e.encodedDataLength,
				encoding: m.encoding,
				startMs: NaN,
				endMs: NaN
			});
		});
		await page.goto(`${origin}/`, { waitUntil: 'commit' });
		// The first frame in which the access-code field is on screen and enabled (its draft read from Dexie).
		const formPaintMs = (await (
			await page.waitForFunction(
				() => {
					const input = document.querySelector<HTMLInputElement>('#code');
					return input && !input.disabled && input.getBoundingClientRect().height > 0 ? performance.now() : false;
				},
				undefined,
				{ polling: 'raf', timeout: 30_000 }
			)
		).jsonValue()) as number;
		await page.waitForFunction(() => {
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
			return nav && nav.loadEventEnd > 0;
		});
		for (;;) {
			if (inflight.size === 0 && Date.now() - lastActivity >= IDLE_MS) break;
			await new Promise((r) => setTimeout(r, 50));
		}
		const loadMs = await page.evaluate(
			() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd
		);
		// When each file was asked for and arrived, on the page's own clock (the one of the load event and the paint).
		const timing = await page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.map((e) => [new URL(e.name).pathname, e.startTime, (e as PerformanceResourceTiming).responseEnd] as const)
		);
		for (const f of done) {
			const t = timing.find(([url]) => url === f.url);
			if (t) [f.startMs, f.endMs] = [t[1], t[2]];
		}
		return { transferBytes, bodyBytes, files: done, loadMs, formPaintMs };
	} finally {
		await context.close();
	}
}
