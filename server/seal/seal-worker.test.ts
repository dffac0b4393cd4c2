// The sealing job signs in its own worker thread: the main thread's sealPdf is never called, and the worker's sealed copy is byte for byte the one sealPdf makes.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { frameworkRecord, makeEnv, put, signIn, type TestEnv } from '../test-helpers';
import { WorkerPool } from '../render/worker-pool';
import { loadSigner, testSealFiles } from './keys';
import type * as SealPdfModule from './seal-pdf';
import type { SealedPdf, SealJob } from './seal-worker';
import { startSealing, type Sealer } from './sealer';

// On this thread sealing fails: a sealed copy can only have been made in the worker, which loads its own seal-pdf.
const mainThreadSeals = vi.hoisted(() => ({ count: 0 }));
vi.mock('./seal-pdf', () => ({
	sealPdf: () => {
		mainThreadSeals.count++;
		throw new Error('sealPdf ran on the main thread');
	}
}));

let env: TestEnv;
let sealer: Sealer | undefined;
const ids: string[] = [];

beforeAll(async () => {
	env = await makeEnv();
	const token = await signIn(env.app);
	for (let i = 0; i < 2; i++) {
		const record = frameworkRecord(env.config);
		const pdf = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
		const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
		const res = await put(
			env.app,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256, pdfBase64: Buffer.from(pdf).toString('base64') },
			{ token }
		);
		expect(res.status).toBe(201);
		ids.push(record.id);
	}
}, 120_000);

afterAll(async () => {
	await sealer?.stop();
	await env?.cleanup();
});

describe('the seal worker', () => {
	it('seals the job’s contracts off the main thread', async () => {
		const errors: unknown[] = [];
		sealer = (await startSealing(env.config.seal, {
			store: env.store,
			providerName: env.config.provider.name,
			log: (m, e) => errors.push(e ?? m)
		}))!;
		await sealer.drain();
		expect(errors).toEqual([]);
		expect(mainThreadSeals.count).toBe(0);
		expect(await env.store.listUnsealedContracts(100)).toEqual([]);
		for (const id of ids) {
			const copy = (await env.store.getSealedCopy(id))!;
			expect(copy.pdfSha256).toBe(createHash('sha256').update(copy.pdf).digest('hex'));
		}
	}, 120_000);

	it('makes the same bytes sealPdf makes on this thread', async () => {
		const { sealPdf } = await vi.importActual<typeof SealPdfModule>('./seal-pdf');
		const signer = await loadSigner(testSealFiles(env.config.seal.mode === 'test' ? env.config.seal.dataDir! : ''));
		const pdf = (await env.store.getContractPdf(ids[0]!))!;
		const signingTime = new Date('2026-06-15T04:00:00Z');
		const name = '云栈科技（深圳）有限公司';
		const pool = new WorkerPool<SealJob, SealedPdf>({
			module: new URL('./seal-worker.ts', import.meta.url),
			size: 1,
			timeoutMs: 60_000
		});
		try {
			const job = { pdf, signer, name, test: true, signingTime: signingTime.toISOString(), tsaUrl: null };
			const fromWorker = await pool.run(job);
			const here = await sealPdf(pdf, { signer, name, test: true, signingTime });
			expect(Buffer.from(fromWorker.pdf).equals(Buffer.from(here))).toBe(true);
			expect(fromWorker.sha256).toBe(createHash('sha256').update(here).digest('hex'));
		} finally {
			await pool.close();
		}
	}, 120_000);
});
