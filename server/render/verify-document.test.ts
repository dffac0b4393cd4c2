// The server's fingerprint check: the right PDF hash passes, any other fails, and the render runs off the event loop.
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/domain/canonical';
import { exampleFiling, exampleFramework, exampleOrder, exampleOrderContract } from '../../src/lib/pdf/examples';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { RenderUnavailableError } from '../registry/registration';
import {
	renderRegisteredCopy,
	renderWorkerCount,
	startRenderPool,
	stopRenderPool,
	verifyDocument
} from './verify-document';

afterAll(() => stopRenderPool());

const fingerprint = async (record: Parameters<typeof verifyDocument>[0]) =>
	sha256Hex(await renderContractPdf(record, await loadContractFontsNode()));
/** The verdict as the SHA-256 of the bytes the server would keep, or false. */
const kept = async (verdict: Uint8Array | false) => (verdict === false ? false : sha256Hex(verdict));
const otherSha = (sha: string) => sha.replace(/^./, (c) => (c === '0' ? '1' : '0'));

describe('verifyDocument', () => {
	it('accepts the fingerprint of the document the device rendered, answering those bytes, and refuses any other', async () => {
		const record = exampleFiling();
		const onDevice = await renderContractPdf(record, await loadContractFontsNode());
		const sha = await sha256Hex(onDevice);
		const verdict = await verifyDocument(record, sha);
		// The server's rendering, moved out of the worker, is byte for byte the device's document.
		expect(verdict).toEqual(onDevice);
		expect(await verifyDocument(record, otherSha(sha))).toBe(false);
		// A record changed after rendering no longer matches the fingerprint registered for it.
		expect(await verifyDocument({ ...record, contact: { ...record.contact, person: '李四' } }, sha)).toBe(false);
	});

	it('keeps the event loop turning while a render runs', async () => {
		// A long document (≈ 0.2 s): a framework agreement renders in ≈ 12 ms warm, within a busy machine's jitter.
		const record = exampleOrderContract(1000);
		const sha = await fingerprint(record);
		await verifyDocument(record, sha); // warm: the workers have started and loaded the fonts
		// A chain of setImmediate ticks runs alongside the verification. On the main thread, the render's
		// synchronous stretch would leave one gap about as long as the whole verification.
		let ticks = 0;
		let last = performance.now();
		let longestGap = 0;
		let running = true;
		const tick = () => {
			const now = performance.now();
			longestGap = Math.max(longestGap, now - last);
			last = now;
			ticks++;
			if (running) setImmediate(tick);
		};
		const started = performance.now();
		setImmediate(tick);
		const verified = await verifyDocument(record, sha);
		const took = performance.now() - started;
		running = false;
		expect(await kept(verified)).toBe(sha);
		expect(ticks).toBeGreaterThan(10);
		expect(longestGap).toBeLessThan(took / 2);
	});

	it('answers concurrent calls each with its own verdict', async () => {
		const records = [exampleFiling(), exampleFramework(), exampleOrder()];
		const shas = await Promise.all(records.map(fingerprint));
		const calls = [0, 1, 2, 3, 4, 5].map((i) => {
			const right = i % 2 === 0;
			const sha = shas[i % 3]!;
			return { record: records[i % 3]!, sha: right ? sha : otherSha(sha), right };
		});
		const verdicts = await Promise.all(calls.map(async (c) => kept(await verifyDocument(c.record, c.sha))));
		expect(verdicts).toEqual(calls.map((c) => (c.right ? c.sha : false)));
	});

	it('a verification cut off by the pool shutting down fails as retryable, not as a bad contract', async () => {
		const record = exampleFiling();
		const pending = verifyDocument(record, await fingerprint(record)).catch((e: unknown) => e);
		await stopRenderPool();
		expect(await pending).toBeInstanceOf(RenderUnavailableError);
		// The next call starts a new pool.
		const sha = await fingerprint(record);
		expect(await kept(await verifyDocument(record, sha))).toBe(sha);
	});
});

describe('renderRegisteredCopy', () => {
	it('answers the SHA-256 of the bytes the device makes for 下载登记版, which differ from the original', async () => {
		const record = exampleFramework();
		const registeredAt = '2026-06-15T04:01:02.345Z';
		const onDevice = await sha256Hex(await renderContractPdf(record, await loadContractFontsNode(), { registeredAt }));
		expect(await renderRegisteredCopy(record, registeredAt)).toBe(onDevice);
		expect(onDevice).not.toBe(await fingerprint(record));
		// The time is printed: another registration time is another file.
		expect(await renderRegisteredCopy(record, '2026-06-15T05:00:00.000Z')).not.toBe(onDevice);
	});
});

describe('renderWorkerCount', () => {
	it('leaves a core to the main thread, at least 1 and by default at most 2; RENDER_WORKERS overrides', () => {
		expect(renderWorkerCount({}, 1)).toBe(1);
		expect(renderWorkerCount({}, 2)).toBe(1);
		expect(renderWorkerCount({}, 3)).toBe(2);
		expect(renderWorkerCount({}, 16)).toBe(2);
		expect(renderWorkerCount({ RENDER_WORKERS: '4' }, 2)).toBe(4);
		expect(renderWorkerCount({ RENDER_WORKERS: '' }, 8)).toBe(2);
		for (const bad of ['0', '-1', '1.5', 'two'])
			expect(() => renderWorkerCount({ RENDER_WORKERS: bad }, 8)).toThrow(/RENDER_WORKERS/);
	});
	it('startRenderPool reports the size it started', () => {
		expect(startRenderPool()).toBe(renderWorkerCount());
	});
});
