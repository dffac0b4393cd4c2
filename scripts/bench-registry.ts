// Registry benchmark (issues 14, 20): distinct-key registrations/s and p99 — SQLite 1 process vs PostgreSQL 1 vs 2 processes, fingerprint check on and off, record-only gzipped bodies (one account's characters, or new ones in each record) vs the old record + base64 PDF — the registration request's size, the server's render time in its worker, and the empty incremental pull at 5,000 contracts on both stores. One run, so the ratios compare like with like.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sha256Hex } from '../src/lib/domain/canonical';
import type { ContractRecord } from '../src/lib/domain/contract';
import type { VerifiedIdentity } from '../src/lib/domain/identity';
import { exampleFiling, exampleFramework, exampleOrderContract } from '../src/lib/pdf/examples';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import { hashToken } from '../server/auth/account-session';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { DEMO_IDENTITY, demoOrders } from '../server/seed';
import { openSqliteStore, type Store } from '../server/store/index';
import { openPgStore } from '../server/store/pg/index';
import { renderDocument, stopRenderPool } from '../server/render/verify-document';
import {
	createDatabase,
	dropDatabase,
	startThrowawayCluster,
	type ThrowawayCluster
} from '../server/store/pg/throwaway-cluster';
import { ROOT } from './server-process';
import { median, percentile, type BenchRow } from './bench/stats';
import { startCluster } from './cluster';

const PUBLIC_URL = 'http://localhost:8787';
const CONCURRENCY = 16;
/** Registrations timed per configuration (after a warm-up): the re-render costs ~100 ms of CPU each. */
const COUNT = { on: Number(process.env.BENCH_REGISTRY_ON ?? 80), off: Number(process.env.BENCH_REGISTRY_OFF ?? 1000) };
const WARMUP = 8;

type Provider = { name: string; creditCode: string; registeredAddress: string; verifyOrigin: string };

import { frameworkRecord } from './bench/framework-record';

/**
 * One account's contracts draw the same characters, so the server finds their font programs compressed already
 * (src/lib/pdf/streams.ts). `fresh` puts two characters no earlier registration drew into the printed mailing
 * address: every render then makes and compresses a program of its own, as a new customer's contract does.
 */
let freshChars = 0;
function freshAddress(): string {
	// CJK Unified Ideographs the complete face covers; 7 apart, two per record.
	const char = () => String.fromCodePoint(0x5a00 + 7 * (freshChars++ % 2800));
	return `深圳市南山区${char()}${char()}路`;
}

const record = (identity: VerifiedIdentity, provider: Provider, fresh = false): ContractRecord =>
	fresh ? frameworkRecord(identity, provider, freshAddress()) : frameworkRecord(identity, provider);

/**
 * CPU time per thread of a process, by thread name (Linux /proc, 10 ms ticks): node-MainThread, render-worker
 * (the pool names its threads after their module), and the rest (V8's and libuv's helpers: GC, gzip) as 'other'.
 * On a loaded machine the wall clock measures the other processes too; what each thread spent per registration
 * does not, and bounds the throughput the same process reaches with the 2 cores to itself.
 */
function threadCpuMs(pid: number | string): Map<string, number> {
	const out = new Map<string, number>();
	const dir = `/proc/${pid}/task`;
	for (const tid of readdirSync(dir)) {
		let comm: string, stat: string;
		try {
			comm = readFileSync(`${dir}/${tid}/comm`, 'utf8').trim();
			stat = readFileSync(`${dir}/${tid}/stat`, 'utf8');
		} catch {
			continue; // the thread ended meanwhile
		}
		// Fields after "(comm) ": state, ppid, …; utime and stime are the 14th and 15th of the whole line.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ms = (Number(fields[11]) + Number(fields[12])) * 10;
		const name = comm === 'node-MainThread' || comm === 'render-worker' ? comm : 'other';
		out.set(name, (out.get(name) ?? 0) + ms);
	}
	return out;
}

type CpuPerItem = { main: number; worker: number; other: number; total: number; capacity: number };

/** CPU ms per item of each thread between two readings, and the items/s the process could do on 2 cores of its own. */
function cpuPerItem(before: Map<string, number>, after: Map<string, number>, items: number): CpuPerItem {
	const per = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) / items;
	const main = per('node-MainThread');
	const worker = per('render-worker');
	const other = per('other');
	const total = main + worker + other;
	// One thread cannot use more than a core; all of them together no more than two.
	const capacity = Math.min(1000 / Math.max(main, worker), 2000 / total);
	return { main, worker, other, total, capacity };
}

/** A response's JSON body; a bench that goes on with an error body measures nothing, so it stops naming it. */
async function json(res: Response): Promise<unknown> {
	if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
	return res.json();
}

/** A registration as a device sends it: today's record-only body gzipped, or an older device's with the PDF in base64. */
type Prepared = { record: ContractRecord; body: Uint8Array; gzip: boolean };

/** The body as the app's apiFetch makes it: JSON through the platform's CompressionStream. */
async function gzipped(text: string): Promise<Uint8Array> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function prepared(record: ContractRecord, pdf: Uint8Array | null, legacy: boolean): Promise<Prepared> {
	const pdfSha256 = pdf ? await sha256Hex(pdf) : 'b'.repeat(64);
	if (legacy && pdf) {
		const text = JSON.stringify({ record, pdfSha256, pdfBase64: Buffer.from(pdf).toString('base64') });
		return { record, body: new TextEncoder().encode(text), gzip: false };
	}
	return { record, body: await gzipped(JSON.stringify({ record, pdfSha256 })), gzip: true };
}

/** Fires `items` with CONCURRENCY requests in flight; every answer must be 201. Registrations/s and p99 latency. */
async function drive(
	base: string,
	token: string,
	items: Prepared[],
	pid?: number
): Promise<{ perSecond: number; p99: number; p50: number; cpu?: CpuPerItem }> {
	const latencies: number[] = [];
	let next = 0;
	const cpu0 = pid === undefined ? undefined : threadCpuMs(pid);
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < items.length) {
				const { record: r, body, gzip } = items[next++]!;
				const s = performance.now();
				const headers: Record<string, string> = {
					authorization: `Bearer ${token}`,
					'content-type': 'application/json',
					'idempotency-key': r.id
				};
				if (gzip) headers['content-encoding'] = 'gzip';
				const res = await fetch(`${base}/api/v1/contracts/${r.id}`, {
					method: 'PUT',
					headers,
					body: body as Uint8Array<ArrayBuffer>
				});
				const text = await res.text();
				latencies.push(performance.now() - s);
				if (res.status !== 201) throw new Error(`registration answered ${res.status}: ${text.slice(0, 200)}`);
			}
		})
	);
	const seconds = (performance.now() - t0) / 1000;
	const cpu = pid === undefined ? undefined : cpuPerItem(cpu0!, threadCpuMs(pid), items.length);
	return { perSecond: items.length / seconds, p99: percentile(latencies, 99), p50: percentile(latencies, 50), cpu };
}

/** What one registration puts on the wire (issue 20: ≤ 32 KB for a framework or filing contract). */
async function requestSizes(): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	const cases = [
		{ label: 'framework', record: exampleFramework() as ContractRecord, target: '≤ 32 KB' },
		{ label: 'filing', record: exampleFiling() as ContractRecord, target: '≤ 32 KB' },
		{ label: '1,000 orders', record: exampleOrderContract(1000) as ContractRecord, target: undefined }
	];
	for (const c of cases) {
		const pdf = await renderContractPdf(c.record, await loadContractFontsNode(c.record.templateVersion));
		const json = JSON.stringify({ record: c.record, pdfSha256: await sha256Hex(pdf) });
		const now = (await prepared(c.record, pdf, false)).body.byteLength;
		const before = (await prepared(c.record, pdf, true)).body.byteLength;
		const kb = (n: number) => n / 1024;
		console.log(
			`registration request, ${c.label}: ${kb(now).toFixed(1)} KB gzipped (${kb(new TextEncoder().encode(json).byteLength).toFixed(1)} KB JSON); before: ${kb(before).toFixed(1)} KB (record + base64 PDF, PDF ${kb(pdf.byteLength).toFixed(1)} KB)`
		);
		rows.push({
			name: `registration request: ${c.label}, record only, gzipped`,
			value: kb(now),
			unit: 'KB',
			target: c.target
		});
		rows.push({
			name: `registration request: ${c.label}, before (record + base64 PDF)`,
			value: kb(before),
			unit: 'KB'
		});
	}
	return rows;
}

/** The server's render of a framework contract in its one worker, warm: issue 20's ≤ 50 ms per render. */
async function workerRender(): Promise<BenchRow[]> {
	const example = exampleFramework();
	// The same record again (its font programs kept), and a record with new characters each time (none kept).
	const cases = [
		{ label: 'framework, warm', next: () => example },
		{
			label: 'framework, new characters each time',
			next: (): ContractRecord => ({
				...example,
				contact: { ...example.contact, mailingAddress: freshAddress() }
			})
		}
	];
	const rows: BenchRow[] = [];
	try {
		for (const c of cases) {
			for (let i = 0; i < 5; i++) await renderDocument(c.next());
			const ms: number[] = [];
			const runs = 30;
			const cpu0 = threadCpuMs('self');
			for (let i = 0; i < runs; i++) {
				const r = c.next();
				const t0 = performance.now();
				await renderDocument(r);
				ms.push(performance.now() - t0);
			}
			// The worker thread's CPU time per render (a mean: /proc counts per thread, not per job).
			const cpu = ((threadCpuMs('self').get('render-worker') ?? 0) - (cpu0.get('render-worker') ?? 0)) / runs;
			console.log(
				`server render in its worker (${c.label}): median ${median(ms).toFixed(1)} ms, the worker's CPU ${cpu.toFixed(1)} ms per render`
			);
			rows.push(
				{
					name: `registry: server render in its worker, ${c.label}, median`,
					value: median(ms),
					unit: 'ms',
					target: '≤ 50 ms'
				},
				{
					name: `registry: server render in its worker, ${c.label}, the worker thread's CPU per render`,
					value: cpu,
					unit: 'ms',
					target: '≤ 50 ms'
				}
			);
		}
		return rows;
	} finally {
		await stopRenderPool();
	}
}

type Setup = { label: string; processes: number; pg: boolean; legacy?: boolean; fresh?: boolean };
const SETUPS: Setup[] = [
	{ label: 'SQLite, 1 process', processes: 1, pg: false },
	{ label: 'PostgreSQL, 1 process', processes: 1, pg: true },
	{ label: 'PostgreSQL, 2 processes', processes: 2, pg: true }
];
/** Check on only: every registration draws characters no earlier one did (a new customer's each time). */
const FRESH: Setup = {
	label: 'SQLite, 1 process, new characters in each record',
	processes: 1,
	pg: false,
	fresh: true
};
/** Check on only: devices not yet updated, sending the whole PDF in base64 the server decodes and hashes. */
const LEGACY: Setup = {
	label: 'SQLite, 1 process, old body (record + base64 PDF)',
	processes: 1,
	pg: false,
	legacy: true
};

async function registrationRun(
	pg: ThrowawayCluster,
	setup: Setup,
	check: boolean,
	prepare: (identity: VerifiedIdentity, provider: Provider, n: number, setup: Setup) => Promise<Prepared[]>
) {
	const dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-bench-registry-'));
	const database = `bench_registry_${Date.now().toString(36)}`;
	if (setup.pg) await createDatabase(pg.adminUrl, database);
	const cluster = await startCluster({
		databaseUrl: setup.pg ? pg.url(database) : '',
		processes: setup.processes,
		// Check on: production's entry (render workers re-render each contract). Off: the same bootstrap without it.
		...(check
			? {}
			: { entry: join(ROOT, 'tests/support/unit/server-process.ts'), ready: /LISTENING (\d+) RELEASED \d+\n/ }),
		// NODE_ENV set, not inherited: `npm run bench` builds with Vite first, which leaves 'production' behind (no demo accounts).
		env: {
			NODE_ENV: 'development',
			DATA_DIR: dataDir,
			ADMIN_TOKEN: 'bench-admin-token',
			STATIC_DIR: '/nonexistent',
			PUBLIC_URL,
			RENDERS_PER_ACCOUNT: '1000',
			RENDER_QUEUE: '1000',
			// One account drives the whole load here: its admission budgets (issue 23) would answer most of it 429.
			ACCOUNT_REQUESTS_IN_FLIGHT: '1000',
			ACCOUNT_KIB_IN_FLIGHT: String(1024 * 1024),
			ACCOUNT_KIB_PER_MINUTE: String(1024 * 1024),
			ACCOUNT_KIB_BURST: String(1024 * 1024),
			// The seal job (issue 24) runs in the same process; BENCH_SEAL=off measures the registration path alone.
			...(process.env.BENCH_SEAL === 'off' ? { SEAL: 'off' } : {}),
			// Issue 20's setting: 2 cores, one render worker per process (the main thread keeps the other core).
			RENDER_WORKERS: '1'
		}
	});
	try {
		const { token } = (await json(
			await fetch(`${cluster.url}/api/v1/session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ code: 'demo' })
			})
		)) as { token: string };
		const changes = (await json(
			await fetch(`${cluster.url}/api/v1/changes?limit=1`, { headers: { authorization: `Bearer ${token}` } })
		)) as { identity: VerifiedIdentity; provider: Provider };
		const n = check ? COUNT.on : COUNT.off;
		const items = await prepare(changes.identity, changes.provider, WARMUP * setup.processes + n, setup);
		await drive(cluster.url, token, items.slice(0, WARMUP * setup.processes));
		// One process: its threads' CPU per registration as well.
		const pid = setup.processes === 1 ? cluster.backends[0]!.child.pid : undefined;
		return await drive(cluster.url, token, items.slice(WARMUP * setup.processes), pid);
	} finally {
		await cluster.close();
		rmSync(dataDir, { recursive: true, force: true });
		if (setup.pg) await dropDatabase(pg.adminUrl, database);
	}
}

const PULL_CONTRACTS = 5_000;
const PULL_ORDERS = 300_000;
const PULL_SAMPLES = 300;

/** The empty incremental pull of an account with 5,000 contracts and 300,000 orders, in-process (server time). */
async function emptyPull(store: Store): Promise<{ p50: number; p99: number }> {
	const account = 'acct-bench-pull';
	const config = loadConfig({ DATA_DIR: tmpdir(), ADMIN_TOKEN: 'bench-admin-token', PUBLIC_URL });
	const now = Date.now();
	await store.seed({
		accounts: [{ id: account, code: 'bench-pull', identity: { ...DEMO_IDENTITY, accountId: account } }],
		filings: [],
		orders: demoOrders(now, PULL_ORDERS, 9).map((order) => ({ accountId: account, order }))
	});
	const identity = { ...DEMO_IDENTITY, accountId: account };
	const provider: Provider = { ...config.provider, verifyOrigin: config.provider.verifyOrigin ?? PUBLIC_URL };
	for (let i = 0; i < PULL_CONTRACTS; i++) {
		await store.registerContract({
			accountId: account,
			record: record(identity, provider),
			pdfSha256: 'b'.repeat(64),
			now: new Date().toISOString()
		});
	}
	const token = 'bench-pull-token';
	await store.createSession(
		hashToken(token),
		account,
		new Date(now).toISOString(),
		new Date(now + 86_400_000).toISOString()
	);
	const app = createApp({ store, config, staticDir: null, log: () => {} });
	const get = async (query: string) => {
		const res = await app.request(`/api/v1/changes${query}`, { headers: { authorization: `Bearer ${token}` } });
		if (res.status !== 200) throw new Error(`pull: ${res.status}`);
		return (await res.json()) as { cursor: string; next: string | null; contracts: unknown[]; orders: unknown[] };
	};
	let page = await get('?limit=1000');
	while (page.next) page = await get(`?limit=1000&page=${encodeURIComponent(page.next)}`);
	const ms: number[] = [];
	for (let i = 0; i < 20; i++) await get(`?since=${page.cursor}`);
	for (let i = 0; i < PULL_SAMPLES; i++) {
		const t0 = performance.now();
		const body = await get(`?since=${page.cursor}`);
		ms.push(performance.now() - t0);
		if (body.contracts.length || body.orders.length) throw new Error('the empty pull was not empty');
	}
	return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

export async function runRegistryBench(): Promise<BenchRow[]> {
	// fsync on: what a registration costs with an acknowledged write on disk (synchronous_commit on).
	const pg = startThrowawayCluster({ fsync: true });
	const rows: BenchRow[] = [];
	try {
		const fonts = await loadContractFontsNode();
		const mode = process.env.BENCH_REGISTRY;
		rows.push(...(await requestSizes()));
		if (mode !== 'pull') rows.push(...(await workerRender()));
		const prepareOff = async (identity: VerifiedIdentity, provider: Provider, n: number) =>
			Promise.all(Array.from({ length: n }, () => prepared(record(identity, provider), null, false)));
		// Check on: genuine PDFs, rendered here before the clock starts.
		const prepareOn = async (identity: VerifiedIdentity, provider: Provider, n: number, setup: Setup) => {
			const out: Prepared[] = [];
			for (let i = 0; i < n; i++) {
				const r = record(identity, provider, setup.fresh);
				out.push(await prepared(r, await renderContractPdf(r, fonts), !!setup.legacy));
			}
			return out;
		};
		// BENCH_REGISTRY=pull: only the pull figures (the registrations take minutes); =on: only the check-on
		// registrations of one SQLite process: today's body (same characters; new ones in each record) and the old one (issue 20's ≥ 20/s).
		const checks = mode === 'pull' ? [] : mode === 'on' ? [true] : [false, true];
		for (const check of checks) {
			const results: Record<string, Awaited<ReturnType<typeof drive>>> = {};
			const setups = mode === 'on' ? [SETUPS[0]!, FRESH, LEGACY] : check ? [...SETUPS, FRESH, LEGACY] : SETUPS;
			for (const setup of setups) {
				const r = await registrationRun(pg, setup, check, check ? prepareOn : prepareOff);
				results[setup.label] = r;
				const tag = `registrations, fingerprint check ${check ? 'on' : 'off'}, ${setup.label}`;
				console.log(`${tag}: ${r.perSecond.toFixed(1)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
				rows.push({
					name: `registry: ${tag} (${CONCURRENCY} in flight)`,
					value: r.perSecond,
					unit: '/s',
					target: check && setup === SETUPS[0] ? '≥ 20/s' : undefined
				});
				rows.push({ name: `registry: ${tag}, p99`, value: r.p99, unit: 'ms' });
				if (r.cpu) {
					const c = r.cpu;
					console.log(
						`  server CPU per registration: main thread ${c.main.toFixed(1)} ms, render worker ${c.worker.toFixed(1)} ms, other threads ${c.other.toFixed(1)} ms; on 2 cores of its own ≤ ${c.capacity.toFixed(1)}/s`
					);
					rows.push({ name: `registry: ${tag}, server main thread CPU per registration`, value: c.main, unit: 'ms' });
					rows.push({ name: `registry: ${tag}, render worker CPU per registration`, value: c.worker, unit: 'ms' });
					rows.push({ name: `registry: ${tag}, other threads CPU per registration`, value: c.other, unit: 'ms' });
					rows.push({
						name: `registry: ${tag}, throughput its CPU time allows on 2 cores`,
						value: c.capacity,
						unit: '/s',
						target: check && setup === SETUPS[0] ? '≥ 20/s' : undefined
					});
				}
			}
			const base = results['SQLite, 1 process']!.perSecond;
			for (const setup of setups.slice(1)) {
				rows.push({
					name: `registry: check ${check ? 'on' : 'off'}, ${setup.label} / SQLite 1 process`,
					value: results[setup.label]!.perSecond / base,
					unit: '×'
				});
			}
		}
		if (mode === 'on') return rows;

		const dir = mkdtempSync(join(tmpdir(), 'contract-desk-bench-pull-'));
		const sqlite = openSqliteStore(dir);
		try {
			const r = await emptyPull(sqlite);
			rows.push({
				name: `pull: empty incremental, ${PULL_CONTRACTS} contracts, SQLite, p99`,
				value: r.p99,
				unit: 'ms',
				target: '≤ 20 ms'
			});
			console.log(`empty pull SQLite: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`);
		} finally {
			await sqlite.close();
			rmSync(dir, { recursive: true, force: true });
		}
		await createDatabase(pg.adminUrl, 'bench_pull');
		const store = await openPgStore(pg.url('bench_pull'));
		try {
			const r = await emptyPull(store);
			rows.push({
				name: `pull: empty incremental, ${PULL_CONTRACTS} contracts, PostgreSQL, p99`,
				value: r.p99,
				unit: 'ms',
				target: '≤ 20 ms'
			});
			console.log(`empty pull PostgreSQL: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`);
		} finally {
			await store.close();
			await dropDatabase(pg.adminUrl, 'bench_pull');
		}
	} finally {
		pg.stop();
	}
	return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const rows = await runRegistryBench();
	const width = Math.max(...rows.map((r) => r.name.length));
	for (const r of rows)
		console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(8)} ${r.unit}  ${r.target ?? ''}`);
}
