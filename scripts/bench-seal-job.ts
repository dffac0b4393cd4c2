// Seal-job benchmark (issues 20, 23): registrations/s, p95 latency and the longest event-loop stall while the sealing job seals beside them — no job, the job signing on the main thread (as before), the job in its worker — in one run, so the ratios compare like with like.
import { serve } from '@hono/node-server';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import { frameworkRecord, makeEnv, put, signIn, type TestEnv } from '../tests/support/server/app';
import { loadSigner, testSealFiles } from '../server/seal/keys';
import { sealPdf } from '../server/seal/seal-pdf';
import { startSealer, startSealing, type Sealer } from '../server/seal/sealer';
import { median, percentile, type BenchRow } from './bench/stats';

const CONCURRENCY = 16;
/** Registrations timed per mode: today's record-only body, the check off, so the main thread's share is what is timed. */
const COUNT = Number(process.env.BENCH_SEAL_REGISTRATIONS ?? 600);
/** Contracts with their document waiting for the seal when the registrations start: the job seals throughout. */
const BACKLOG = Number(process.env.BENCH_SEAL_BACKLOG ?? 300);
const ROUNDS = Number(process.env.BENCH_SEAL_ROUNDS ?? 3);
type Mode = 'no seal job' | 'seal job on the main thread (before)' | 'seal job in its worker (now)';
const MODES: Mode[] = ['no seal job', 'seal job on the main thread (before)', 'seal job in its worker (now)'];

/**
 * The client, in a thread of its own so its fetches do not share the server's event loop: fires the bodies over HTTP
 * with CONCURRENCY in flight, every answer must be 201; posts the latencies and the seconds it took.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, bodies, concurrency } = workerData;
(async () => {
	const latencies = [];
	let next = 0;
	const t0 = performance.now();
	await Promise.all(Array.from({ length: concurrency }, async () => {
		while (next < bodies.length) {
			const { id, body } = bodies[next++];
			const s = performance.now();
			const res = await fetch(url + '/api/v1/contracts/' + id, {
				method: 'PUT',
				headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', 'idempotency-key': id },
				body
			});
			const text = await res.text();
			latencies.push(performance.now() - s);
			if (res.status !== 201) throw new Error('registration answered ' + res.status + ': ' + text.slice(0, 200));
		}
	}));
	parentPort.postMessage({ latencies, seconds: (performance.now() - t0) / 1000 });
})().catch((err) => parentPort.postMessage({ error: String(err) }));
`;

function drive(url: string, token: string, bodies: { id: string; body: string }[]) {
	return new Promise<{ latencies: number[]; seconds: number }>((resolve, reject) => {
		const client = new Worker(CLIENT, { eval: true, workerData: { url, token, bodies, concurrency: CONCURRENCY } });
		client.once('message', (m: { latencies: number[]; seconds: number } | { error: string }) => {
			void client.terminate();
			if ('error' in m) reject(new Error(m.error));
			else resolve(m);
		});
		client.once('error', reject);
	});
}

function describe(r: Result): string {
	return `${r.perSecond.toFixed(1)} registrations/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, longest event-loop stall ${r.stallMs.toFixed(0)} ms (wall) / ${r.sliceMs.toFixed(0)} ms (main-thread CPU between 5 ms ticks), main-thread CPU ${r.mainCpuMs.toFixed(2)} ms per registration, ${r.sealed} sealed meanwhile`;
}

type Result = {
	perSecond: number;
	p95: number;
	p50: number;
	stallMs: number;
	sliceMs: number;
	mainCpuMs: number;
	sealed: number;
};

async function startJob(mode: Mode, env: TestEnv): Promise<Sealer | undefined> {
	const log = (m: string, e?: unknown) => console.error(m, e ?? '');
	if (mode === 'no seal job') return undefined;
	if (mode === 'seal job in its worker (now)')
		return startSealing(env.config.seal, { store: env.store, providerName: env.config.provider.name, log });
	// The job as it was: the same seal, signed on this thread.
	const seal = env.config.seal;
	if (seal.mode !== 'test') throw new Error('the bench runs with the test seal');
	await startSealing(seal, { store: env.store, providerName: env.config.provider.name, log }).then((s) => s?.stop());
	const signer = await loadSigner(testSealFiles(seal.dataDir!));
	return startSealer({
		store: env.store,
		seal: async (pdf, { name, signingTime }) => {
			const sealed = await sealPdf(pdf, { signer, name, test: true, signingTime });
			return { pdf: sealed, sha256: createHash('sha256').update(sealed).digest('hex') };
		},
		now: () => new Date(),
		log,
		intervalMs: seal.intervalMs
	});
}

async function run(mode: Mode, pdf: Uint8Array): Promise<Result> {
	const env = await makeEnv({
		env: {
			SEAL_INTERVAL_SECONDS: '1',
			// One account drives the whole load here: its admission budgets (issue 23) would answer most of it 429.
			ACCOUNT_REQUESTS_IN_FLIGHT: '1000',
			ACCOUNT_KIB_IN_FLIGHT: String(1024 * 1024),
			ACCOUNT_KIB_PER_MINUTE: String(1024 * 1024),
			ACCOUNT_KIB_BURST: String(1024 * 1024)
		}
	});
	try {
		const token = await signIn(env.app);
		const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
		const pdfBase64 = Buffer.from(pdf).toString('base64');
		const register = async () => {
			const record = frameworkRecord(env.config);
			const body = { record, pdfSha256, pdfBase64 };
			const res = await put(env.app, `/api/v1/contracts/${record.id}`, body, { token });
			if (res.status !== 201) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
		};
		for (let i = 0; i < BACKLOG; i++) await register();
		const bodies = Array.from({ length: COUNT }, () => {
			const record = frameworkRecord(env.config);
			return { id: record.id, body: JSON.stringify({ record, pdfSha256 }) };
		});
		const server = serve({ fetch: env.app.fetch, port: 0, hostname: '127.0.0.1' });
		await new Promise((r) => server.once('listening', r));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const job = await startJob(mode, env);
		// The worker's start (tsx, pkijs, harfbuzz) is not the registrations' cost: it happens once per server. The
		// registrations start once the job has sealed its first contract, in every mode.
		while (job && (await env.store.listUnsealedContracts(BACKLOG)).length === BACKLOG)
			await new Promise((r) => setTimeout(r, 20));
		const waiting = (await env.store.listUnsealedContracts(BACKLOG)).length;
		// The event loop's longest hold: the wall-clock gap between ticks of a 5 ms timer, less its 5 ms (on a loaded
		// machine the OS's scheduling is in it too), and the main thread's CPU time between two ticks (it is not).
		const cpu = () => {
			const u = process.threadCpuUsage();
			return (u.user + u.system) / 1000;
		};
		let stall = 0;
		let slice = 0;
		let last = performance.now();
		let lastCpu = cpu();
		const cpu0 = lastCpu;
		const ticker = setInterval(() => {
			const t = performance.now();
			const c = cpu();
			stall = Math.max(stall, t - last - 5);
			slice = Math.max(slice, c - lastCpu);
			last = t;
			lastCpu = c;
		}, 5);
		const { latencies, seconds } = await drive(url, token, bodies);
		clearInterval(ticker);
		const mainCpu = cpu() - cpu0;
		server.close();
		const sealed = waiting - (await env.store.listUnsealedContracts(100_000)).length;
		await job?.stop();
		return {
			perSecond: COUNT / seconds,
			p95: percentile(latencies, 95),
			p50: percentile(latencies, 50),
			stallMs: stall,
			sliceMs: slice,
			mainCpuMs: mainCpu / COUNT,
			sealed
		};
	} finally {
		await env.cleanup();
	}
}

export async function runSealJobBench(): Promise<BenchRow[]> {
	const env = await makeEnv();
	const record = frameworkRecord(env.config);
	const pdf = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
	await env.cleanup();
	const rows: BenchRow[] = [];
	// Rounds interleave the modes, so a loaded machine's slow minute falls on each; each figure is the rounds' median.
	const runs = new Map<Mode, Result[]>(MODES.map((m) => [m, []]));
	for (let round = 1; round <= ROUNDS; round++) {
		for (const mode of MODES) {
			const r = await run(mode, pdf);
			runs.get(mode)!.push(r);
			console.log(`round ${round}, ${mode}: ${describe(r)}`);
		}
	}
	const results = new Map<Mode, Result>();
	for (const mode of MODES) {
		const all = runs.get(mode)!;
		const mid = (key: keyof Result) => median(all.map((r) => r[key]));
		const r: Result = {
			perSecond: mid('perSecond'),
			p95: mid('p95'),
			p50: mid('p50'),
			stallMs: mid('stallMs'),
			sliceMs: mid('sliceMs'),
			mainCpuMs: mid('mainCpuMs'),
			sealed: mid('sealed')
		};
		results.set(mode, r);
		console.log(`median of ${ROUNDS}, ${mode}: ${describe(r)}`);
		rows.push({ name: `seal job: registrations/s, ${mode}`, value: r.perSecond, unit: '/s' });
		rows.push({ name: `seal job: registration p95, ${mode}`, value: r.p95, unit: 'ms' });
		rows.push({ name: `seal job: longest event-loop stall (wall), ${mode}`, value: r.stallMs, unit: 'ms' });
		rows.push({ name: `seal job: longest main-thread CPU slice, ${mode}`, value: r.sliceMs, unit: 'ms' });
		rows.push({ name: `seal job: main-thread CPU per registration, ${mode}`, value: r.mainCpuMs, unit: 'ms' });
	}
	const base = results.get('no seal job')!;
	for (const mode of MODES.slice(1)) {
		const r = results.get(mode)!;
		rows.push({ name: `seal job: registrations/s, ${mode} / no job`, value: r.perSecond / base.perSecond, unit: '×' });
		rows.push({ name: `seal job: p95, ${mode} / no job`, value: r.p95 / base.p95, unit: '×' });
		// What sealing left on the main thread: the mode's main-thread CPU beyond the registrations' own, per contract.
		const perSeal = ((r.mainCpuMs - base.mainCpuMs) * COUNT) / Math.max(1, r.sealed);
		console.log(`${mode}: ~${perSeal.toFixed(1)} ms of main-thread CPU per sealed contract`);
		rows.push({ name: `seal job: main-thread CPU per sealed contract, ${mode}`, value: perSeal, unit: 'ms' });
	}
	return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const rows = await runSealJobBench();
	const width = Math.max(...rows.map((r) => r.name.length));
	for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(2).padStart(8)} ${r.unit}`);
}
