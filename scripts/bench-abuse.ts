// Abuse benchmark (issue 23): account B's registration latency idle vs while account A floods ~1.9 MB registration bodies from another process — with admission as configured, and with its budgets lifted (the server before it) for comparison.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sha256Hex } from '../src/lib/domain/canonical';
import type { ContractRecord } from '../src/lib/domain/contract';
import type { VerifiedIdentity } from '../src/lib/domain/identity';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import { DEMO_CODES } from '../server/seed';
import { frameworkRecord, type BenchProvider } from './bench/framework-record';
import { percentile, type BenchRow } from './bench/stats';
import { ROOT, startServerProcess } from './server-process';

const PUBLIC_URL = 'http://localhost:8787';
/** B's registrations timed per phase, one after another (after WARMUP untimed ones). */
const SAMPLES = Number(process.env.BENCH_ABUSE_SAMPLES ?? 15);
const WARMUP = 3;
/** A's flood: this many ~1.9 MB bodies in flight at once, each sent again as soon as it is answered. */
const FLOOD_CONNECTIONS = Number(process.env.BENCH_ABUSE_CONNECTIONS ?? 8);
const FLOOD_BYTES = 1_900_000;
const TARGET = 1.5;

type Prepared = { record: ContractRecord; sha: string };

async function json<T>(res: Response): Promise<T> {
	if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

async function signIn(base: string, code: string): Promise<string> {
	const res = await fetch(`${base}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code })
	});
	return (await json<{ token: string }>(res)).token;
}

/** One registration of B's, start to answer; anything but 201 stops the bench (it would measure nothing). */
async function register(base: string, token: string, { record, sha }: Prepared): Promise<number> {
	const t0 = performance.now();
	const res = await fetch(`${base}/api/v1/contracts/${record.id}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': record.id },
		body: JSON.stringify({ record, pdfSha256: sha })
	});
	const text = await res.text();
	const ms = performance.now() - t0;
	if (res.status !== 201) throw new Error(`B's registration answered ${res.status}: ${text.slice(0, 200)}`);
	return ms;
}

async function latencies(base: string, token: string, items: Prepared[]): Promise<number[]> {
	const out: number[] = [];
	for (const item of items) out.push(await register(base, token, item));
	return out;
}

type FloodCounts = { sent: number; statuses: Record<string, number>; errors: number; cpuMs?: number; ms?: number };

/** Starts A's flood in a child process; stop() ends it and returns what its requests were answered. */
async function startFlood(base: string, token: string, body: string): Promise<{ stop(): Promise<FloodCounts> }> {
	const child: ChildProcess = fork(import.meta.filename, ['--flood'], {
		cwd: ROOT,
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	await new Promise<void>((ready, fail) => {
		child.once('message', () => ready());
		child.once('exit', (code) => fail(new Error(`flood process exited (${code})`)));
		child.send({ base, token, body, connections: FLOOD_CONNECTIONS });
	});
	return {
		stop: () =>
			new Promise<FloodCounts>((done) => {
				child.once('message', (counts) => {
					done(counts as FloodCounts);
					child.kill('SIGTERM');
				});
				child.send('stop');
			})
	};
}

/** The flooding process: FLOOD_CONNECTIONS loops, each PUTting the big body again the moment it is answered. */
async function floodProcess(): Promise<void> {
	const job = await new Promise<{ base: string; token: string; body: string; connections: number }>((r) =>
		process.once('message', (m) => r(m as never))
	);
	const bytes = new TextEncoder().encode(job.body);
	const counts: FloodCounts = { sent: 0, statuses: {}, errors: 0 };
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	let stopping = false;
	process.on('message', (m) => {
		if (m !== 'stop') return;
		stopping = true;
		const cpu = process.cpuUsage(cpu0);
		counts.cpuMs = (cpu.user + cpu.system) / 1000;
		counts.ms = performance.now() - t0;
		process.send!(counts, () => process.exit(0));
	});
	const loop = async () => {
		while (!stopping) {
			const id = randomUUID();
			counts.sent++;
			try {
				const res = await fetch(`${job.base}/api/v1/contracts/${id}`, {
					method: 'PUT',
					headers: {
						authorization: `Bearer ${job.token}`,
						'content-type': 'application/json',
						'idempotency-key': id
					},
					body: bytes
				});
				await res.arrayBuffer();
				counts.statuses[res.status] = (counts.statuses[res.status] ?? 0) + 1;
			} catch {
				counts.errors++;
			}
		}
	};
	process.send!('ready');
	await Promise.all(Array.from({ length: job.connections }, loop));
}

/** A body like the issue's: a well-formed registration carrying a ~1.4 MB PDF whose fingerprint does not match. */
function floodBody(identity: VerifiedIdentity, provider: BenchProvider): string {
	const record = frameworkRecord(identity, provider);
	const shell = JSON.stringify({ record, pdfSha256: 'b'.repeat(64), pdfBase64: '' });
	const room = FLOOD_BYTES - shell.length;
	const pdfBase64 = Buffer.alloc(Math.floor((room / 4) * 3), 7).toString('base64');
	return JSON.stringify({ record, pdfSha256: 'b'.repeat(64), pdfBase64 });
}

/** A's requests that got an answer (held ones still waiting when the flood stopped did not). */
function answered(counts: FloodCounts): number {
	return Object.values(counts.statuses).reduce((sum, n) => sum + n, 0);
}

/** CPU milliseconds a process (with its worker threads) has used, from /proc; undefined off Linux. */
function cpuMs(pid: number | undefined): number | undefined {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		// utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

/** Bytes a process has read through read(2)-like calls (files and sockets), from /proc; undefined off Linux. */
function readBytes(pid: number | undefined): number | undefined {
	try {
		return Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);
	} catch {
		return undefined;
	}
}

type Phase = {
	idle: number[];
	flood: number[];
	counts: FloodCounts;
	/** Server CPU per B registration, flood phase / idle phase: the work A adds, whatever else the machine runs. */
	cpuRatio: number | undefined;
};

async function measure(label: string, env: Record<string, string>, prepared: () => Promise<Prepared[]>) {
	const server = await startServerProcess({
		STATIC_DIR: '/nonexistent',
		PUBLIC_URL,
		ADMIN_TOKEN: 'bench',
		// The seal job seals B's contracts every SEAL_INTERVAL_SECONDS on the main thread. Every second, it keeps up in
		// both phases alike; at its 5 s default, whether a pass fell in the short idle phase or (with the idle phase's
		// backlog) in the flood phase was luck, and moved the ratio more than the flood did.
		SEAL_INTERVAL_SECONDS: process.env.BENCH_SEAL_INTERVAL_SECONDS ?? '1',
		...env,
		...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {})
	});
	try {
		const base = server.base;
		const tokenB = await signIn(base, DEMO_CODES.verified);
		const tokenA = await signIn(base, DEMO_CODES.unverified);
		const changes = await json<{ identity: VerifiedIdentity; provider: BenchProvider }>(
			await fetch(`${base}/api/v1/changes?limit=1`, { headers: { authorization: `Bearer ${tokenB}` } })
		);
		const items = await prepared();
		// The records name the server's provider (its verifyOrigin) and B's identity, as a device's would.
		for (const item of items) {
			if (item.record.partyB.verifyOrigin !== changes.provider.verifyOrigin)
				throw new Error(
					`bench records name ${item.record.partyB.verifyOrigin}, the server ${changes.provider.verifyOrigin}`
				);
		}
		await latencies(base, tokenB, items.slice(0, WARMUP));
		const pid = server.child.pid;
		// B's registrations timed, with the server's CPU time and bytes read over them.
		const timed = async (part: Prepared[]) => {
			const cpu0 = cpuMs(pid);
			const read0 = readBytes(pid);
			const ms = await latencies(base, tokenB, part);
			const cpu1 = cpuMs(pid);
			const read1 = readBytes(pid);
			return {
				ms,
				cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0,
				read: read0 === undefined || read1 === undefined ? undefined : read1 - read0
			};
		};
		// Idle half before the flood and half after it: what drifts over the run (the JIT warming up, the machine's
		// other load) falls on the idle side as much as on the flood's.
		const idleItems = items.slice(WARMUP, WARMUP + SAMPLES);
		const before = await timed(idleItems.slice(0, Math.ceil(SAMPLES / 2)));
		const flood = await startFlood(base, tokenA, floodBody(changes.identity, changes.provider));
		// Let the flood fill its connections and spend A's burst before B is timed: a flood lasts, the burst does not.
		await new Promise((r) => setTimeout(r, 2000));
		let during: Awaited<ReturnType<typeof timed>>;
		let counts: FloodCounts;
		try {
			during = await timed(items.slice(WARMUP + SAMPLES));
		} finally {
			counts = await flood.stop();
		}
		// The flood's connections close with its process; the seal job catches up as after the flood's start.
		await new Promise((r) => setTimeout(r, 2000));
		const after = await timed(idleItems.slice(Math.ceil(SAMPLES / 2)));
		const idle = [...before.ms, ...after.ms];
		const sum = (a: number | undefined, b: number | undefined) =>
			a === undefined || b === undefined ? undefined : a + b;
		const idleCpu = sum(before.cpu, after.cpu);
		const idleRead = sum(before.read, after.read);
		// Both phases time SAMPLES registrations: CPU per registration compares as the sums do.
		const cpuRatio = idleCpu === undefined || during.cpu === undefined ? undefined : during.cpu / Math.max(1, idleCpu);
		const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : (bytes / 1e6).toFixed(1));
		const p50 = (xs: number[]) => percentile(xs, 50);
		console.log(
			`abuse (${label}): B's registration p50 idle ${p50(idle).toFixed(0)} ms (${p50(before.ms).toFixed(0)} before the flood, ${p50(after.ms).toFixed(0)} after), during A's flood ${p50(during.ms).toFixed(0)} ms (${(p50(during.ms) / p50(idle)).toFixed(2)}×); server CPU per B registration ${cpuRatio?.toFixed(2) ?? '?'}× idle; server read ${mb(during.read)} MB during the flood, ${mb(idleRead)} MB idle; A sent ${counts.sent} bodies, answered ${JSON.stringify(counts.statuses)}, ${counts.errors} failed; A's process used ${counts.cpuMs === undefined || !counts.ms ? '?' : ((100 * counts.cpuMs) / counts.ms).toFixed(0)} % of a core`
		);
		return { idle, flood: during.ms, counts, cpuRatio } satisfies Phase;
	} finally {
		await server.stop();
	}
}

export async function runAbuseBench(): Promise<BenchRow[]> {
	const fonts = await loadContractFontsNode();
	let identity: VerifiedIdentity | undefined;
	let provider: BenchProvider | undefined;
	// B's records with genuine PDFs (the server re-renders each), rendered before any clock starts.
	const pool: Prepared[] = [];
	const prepare = async (): Promise<Prepared[]> => pool.splice(0, WARMUP + 2 * SAMPLES);
	const fill = async (n: number) => {
		for (let i = 0; i < n; i++) {
			const record = frameworkRecord(identity!, provider!);
			pool.push({ record, sha: await sha256Hex(await renderContractPdf(record, fonts)) });
		}
	};
	// B's identity and the provider come from a first server: the same seed and PUBLIC_URL as the measured ones.
	{
		const server = await startServerProcess({ STATIC_DIR: '/nonexistent', PUBLIC_URL, ADMIN_TOKEN: 'bench' });
		try {
			const token = await signIn(server.base, DEMO_CODES.verified);
			const changes = await json<{ identity: VerifiedIdentity; provider: BenchProvider }>(
				await fetch(`${server.base}/api/v1/changes?limit=1`, { headers: { authorization: `Bearer ${token}` } })
			);
			identity = changes.identity;
			provider = changes.provider;
		} finally {
			await server.stop();
		}
	}
	const rows: BenchRow[] = [];
	const ratio = (p: Phase) => percentile(p.flood, 50) / percentile(p.idle, 50);
	await fill(WARMUP + 2 * SAMPLES);
	const guarded = await measure('admission as configured', {}, prepare);
	rows.push(
		{ name: "abuse: B's registration p50, idle", value: percentile(guarded.idle, 50), unit: 'ms' },
		{ name: "abuse: B's registration p50, during A's 1.9 MB flood", value: percentile(guarded.flood, 50), unit: 'ms' },
		{
			name: "abuse: B's registration p50, flood / idle",
			value: ratio(guarded),
			unit: '×',
			target: `≤ ${TARGET}×`
		},
		...(guarded.cpuRatio === undefined
			? []
			: [{ name: 'abuse: server CPU per B registration, flood / idle', value: guarded.cpuRatio, unit: '×' }]),
		{
			name: "abuse: share of A's flood refused before reading (429/413)",
			value:
				(100 * ((guarded.counts.statuses['429'] ?? 0) + (guarded.counts.statuses['413'] ?? 0))) /
				Math.max(1, answered(guarded.counts)),
			unit: '%'
		},
		...(guarded.counts.ms
			? [
					{
						// Held refusals (a client back before its Retry-After) keep this low: each costs the server a request.
						name: "abuse: A's requests answered per second",
						value: answered(guarded.counts) / (guarded.counts.ms / 1000),
						unit: '/s'
					}
				]
			: [])
	);
	// BENCH_ABUSE_BASELINE=0 skips the comparison with the budgets lifted (the server as it was before admission).
	if (process.env.BENCH_ABUSE_BASELINE !== '0') {
		await fill(WARMUP + 2 * SAMPLES);
		const open = await measure(
			'budgets lifted',
			{
				ACCOUNT_REQUESTS_IN_FLIGHT: '100000',
				ACCOUNT_KIB_IN_FLIGHT: '100000000',
				ACCOUNT_KIB_PER_MINUTE: '100000000',
				ACCOUNT_KIB_BURST: '100000000',
				ADMISSION_HOLD_SECONDS: '0'
			},
			prepare
		);
		rows.push({ name: "abuse: B's registration p50, flood / idle, budgets lifted", value: ratio(open), unit: '×' });
		if (open.counts.ms)
			rows.push({
				name: "abuse: A's requests answered per second, budgets lifted",
				value: answered(open.counts) / (open.counts.ms / 1000),
				unit: '/s'
			});
		if (open.cpuRatio !== undefined)
			rows.push({
				name: 'abuse: server CPU per B registration, flood / idle, budgets lifted',
				value: open.cpuRatio,
				unit: '×'
			});
	}
	return rows;
}

if (process.argv[2] === '--flood') await floodProcess();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const rows = await runAbuseBench();
	const width = Math.max(...rows.map((r) => r.name.length));
	for (const r of rows)
		console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(2).padStart(8)} ${r.unit}  ${r.target ?? ''}`);
}
