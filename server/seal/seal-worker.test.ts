// The sealing job and the evidence report sign in the seal worker thread: the main thread's sealPdf (and report writer) is never called, the worker's sealed copy is byte for byte the one sealPdf makes, and a worker's failure sets one contract aside without stopping the job.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { auth, frameworkRecord, makeEnv, put, signIn, type TestEnv } from '../../tests/support/server/app';
import { WorkerPool, WorkerUnavailableError } from '../render/worker-pool';
import { loadSigner, testSealFiles } from './keys';
import type * as ReportModule from './report';
import type * as SealPdfModule from './seal-pdf';
import type { SealedPdf, SealJob } from './seal-worker';
import { startSealer, startSealing, type Sealer } from './sealer';

// On this thread sealing and writing a report fail: a sealed copy or a report can only have been made in the worker,
// which loads its own modules.
const mainThread = vi.hoisted(() => ({ seals: 0, reports: 0 }));
vi.mock('./seal-pdf', () => ({
	sealPdf: () => {
		mainThread.seals++;
		throw new Error('sealPdf ran on the main thread');
	}
}));
vi.mock('./report', async (actual) => ({
	...(await actual<typeof ReportModule>()),
	evidenceReportPdf: () => {
		mainThread.reports++;
		throw new Error('evidenceReportPdf ran on the main thread');
	}
}));

let env: TestEnv;
let sealer: Sealer | undefined;
let ids: string[];

/** Registers n contracts with their document (sealing waits for them), returning their ids. */
async function registered(into: TestEnv, n: number): Promise<string[]> {
	const token = await signIn(into.app);
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		const record = frameworkRecord(into.config);
		const pdf = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
		const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
		const res = await put(
			into.app,
			`/api/v1/contracts/${record.id}`,
			{ record, pdfSha256, pdfBase64: Buffer.from(pdf).toString('base64') },
			{ token }
		);
		expect(res.status).toBe(201);
		out.push(record.id);
	}
	return out;
}

beforeAll(async () => {
	env = await makeEnv();
	ids = await registered(env, 2);
}, 120_000);

afterAll(async () => {
	await sealer?.stop();
	await env?.cleanup();
});

describe('the sealing job when its worker fails', () => {
	it('sets that contract aside like any failed one; the others are sealed', async () => {
		const other = await makeEnv();
		try {
			const [first, second] = await registered(other, 2);
			const logged: string[] = [];
			let calls = 0;
			const job = startSealer({
				store: other.store,
				seal: async (pdf) => {
					if (calls++ === 0) throw new WorkerUnavailableError('worker gave no answer within 60000 ms');
					return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
				},
				now: () => new Date(),
				log: (m) => logged.push(m),
				intervalMs: 3_600_000
			});
			try {
				await job.drain();
				// The failed one is set aside (one line), a later pass seals the other, and nobody retries it at once.
				expect(logged).toHaveLength(1);
				const setAside = [first!, second!].find((id) =>
					logged[0]!.includes(`the seal worker failed on contract ${id}`)
				);
				expect(setAside).toBeDefined();
				expect(await other.store.getSealedCopy(setAside!)).toBeUndefined();
				expect(await other.store.getSealedCopy(setAside === first ? second! : first!)).toBeDefined();
				await job.drain();
				expect(calls).toBe(2);
				expect(logged).toHaveLength(1);
			} finally {
				await job.stop();
			}
		} finally {
			await other.cleanup();
		}
	}, 120_000);
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
		expect(mainThread.seals).toBe(0);
		expect(await env.store.listUnsealedContracts(100)).toEqual([]);
		for (const id of ids) {
			const copy = (await env.store.getSealedCopy(id))!;
			expect(copy.pdfSha256).toBe(createHash('sha256').update(copy.pdf).digest('hex'));
		}
	}, 120_000);

	it('writes and seals the evidence report', async () => {
		const token = await signIn(env.app);
		const res = await env.app.request(`/api/v1/contracts/${ids[0]}/evidence`, { headers: auth(token) });
		expect(res.status).toBe(200);
		const pdf = Buffer.from(await res.arrayBuffer());
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		// An incremental update with the signature follows the report's own end.
		expect(pdf.toString('latin1').match(/%%EOF/g)).toHaveLength(2);
		expect(pdf.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
		expect(mainThread).toEqual({ seals: 0, reports: 0 });
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
			const fromWorker = await pool.run({
				kind: 'contract',
				pdf,
				seal: { signer, name, test: true, signingTime: signingTime.toISOString(), tsaUrl: null }
			});
			const here = await sealPdf(pdf, { signer, name, test: true, signingTime });
			expect(Buffer.from(fromWorker.pdf).equals(Buffer.from(here))).toBe(true);
			expect(fromWorker.sha256).toBe(createHash('sha256').update(here).digest('hex'));
		} finally {
			await pool.close();
		}
	}, 120_000);
});
