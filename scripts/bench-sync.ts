// Sync benchmark: flushing 1,000 queued submissions over real HTTP into real SQLite, idempotent-write throughput (autocannon),
// and the engine through a fault proxy: drain after a 2-minute outage, requests per minute offline / with a blocked row.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { forgetDb, getDb } from '../src/lib/db/database';
import { META, setMeta } from '../src/lib/db/meta';
import { contractNumber, type PartyA, type PartyB } from '../src/lib/domain/contract';
import { CURRENT_TEMPLATE_VERSION } from '../src/lib/domain/templateVersions';
import { SyncEngine, type Clock } from '../src/lib/sync/scheduler';
import { flushOutbox } from '../src/lib/sync/flush';
import { clearSessionExpiry } from '../src/lib/sync/session-expiry';
import { queueContract, queueStamping, sleep } from '../tests/support/unit/helpers';
import { seeded } from '../tests/support/unit/fake-clock';
import { median, type BenchRow } from './bench/stats';
import { killServer, startProxy, startServer, type Outage, type Proxy } from '../tests/support/unit/harness';

export type { BenchRow } from './bench/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SUBMISSIONS = 1_000;
const CANNON_SECONDS = Number(process.env.BENCH_CANNON_SECONDS ?? 5);
/** Real seconds of the offline and blocked-row request counts. */
const ENGINE_SECONDS = Number(process.env.BENCH_ENGINE_SECONDS ?? 15);

type CannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type CannonResult = {
	requests: { average: number; total: number };
	latency: { p50: number; p99: number };
	'2xx': number;
	non2xx: number;
	errors: number;
};
type Cannon = (opts: {
	url: string;
	connections: number;
	duration: number;
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	requests?: (CannonRequest & { setupRequest?: (req: CannonRequest) => CannonRequest })[];
}) => Promise<CannonResult>;
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

async function session(base: string) {
	const res = await fetch(`${base}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code: 'demo' })
	});
	const s = (await res.json()) as { token: string; accountId: string };
	const changes = (await (
		await fetch(`${base}/api/v1/changes`, { headers: { authorization: `Bearer ${s.token}` } })
	).json()) as {
		identity: { legalName: string; creditCode: string; legalRepresentative: string; registeredAddress: string };
		provider: PartyB;
	};
	const id = changes.identity;
	const parties: { partyA: PartyA; partyB: PartyB } = {
		partyA: {
			name: id.legalName,
			creditCode: id.creditCode,
			legalRepresentative: id.legalRepresentative,
			registeredAddress: id.registeredAddress
		},
		partyB: {
			name: changes.provider.name,
			creditCode: changes.provider.creditCode,
			registeredAddress: changes.provider.registeredAddress,
			verifyOrigin: changes.provider.verifyOrigin
		}
	};
	return { ...s, parties };
}

/** One run: 1,000 rows queued on a fresh device (not timed), then flushed until none is left (timed). */
async function flushRun(base: string, s: Awaited<ReturnType<typeof session>>): Promise<number> {
	await getDb().delete();
	forgetDb();
	await setMeta(META.session, { token: s.token, accountId: s.accountId });
	for (let i = 0; i < SUBMISSIONS; i++) await queueContract(s.parties);
	const t0 = performance.now();
	for (;;) {
		const r = await flushOutbox({ baseUrl: `${base}/api/v1`, useLocks: false, concurrency: 8 });
		if (r.nextWakeAt === null) break;
		await sleep(Math.max(0, r.nextWakeAt - Date.now()));
	}
	const ms = performance.now() - t0;
	const done = await getDb().outbox.where('status').equals('done').count();
	if (done !== SUBMISSIONS) throw new Error(`only ${done} of ${SUBMISSIONS} done`);
	return ms;
}

function registerBody(parties: { partyA: PartyA; partyB: PartyB }, id: string): string {
	const createdAt = '2026-11-26T10:00:00+08:00';
	const record = {
		kind: 'framework',
		id,
		number: contractNumber(id, createdAt, CURRENT_TEMPLATE_VERSION.framework),
		templateVersion: CURRENT_TEMPLATE_VERSION.framework,
		createdAt,
		partyA: parties.partyA,
		partyB: parties.partyB,
		contact: { person: '王珺', phone: '13800138000', email: 'bench@example.com', mailingAddress: '深圳市南山区' }
	};
	return JSON.stringify({ record, pdfSha256: 'a'.repeat(64) });
}

/**
 * The engine's clock for the outage benchmark: real time, except that while `virtual` is on the driver jumps
 * straight to the next timer (so two minutes of outage take a second or two), with the rows' times moving along.
 */
class BenchClock implements Clock {
	offset = 0;
	#timers = new Map<number, { at: number; fn: () => void }>();
	#id = 1;
	now = (): number => Date.now() + this.offset;
	setTimeout = (fn: () => void, ms: number): unknown => {
		const id = this.#id++;
		this.#timers.set(id, { at: this.now() + Math.max(0, ms), fn });
		return id;
	};
	clearTimeout = (h: unknown): void => {
		this.#timers.delete(h as number);
	};

	/** Drives the engine until `done()` (or `limitMs` of clock time); virtual: no real waiting between timers. */
	async drive(engine: SyncEngine, done: () => Promise<boolean>, limitMs: number, virtual: boolean): Promise<void> {
		const end = this.now() + limitMs;
		for (;;) {
			await engine.idle();
			if ((await done()) || this.now() >= end) return;
			let next: [number, { at: number; fn: () => void }] | undefined;
			for (const e of this.#timers) if (!next || e[1].at < next[1].at) next = e;
			const wait = next ? Math.min(next[1].at, end) - this.now() : end - this.now();
			if (wait > 0) {
				if (virtual) this.offset += wait;
				else await sleep(Math.min(wait, 25));
				continue;
			}
			if (!next) continue;
			this.#timers.delete(next[0]);
			next[1].fn();
		}
	}
}

type EngineRig = { proxy: Proxy; s: Awaited<ReturnType<typeof session>> };

/** A fresh device with `rows` registrations queued, and an engine talking to the provider through the proxy. */
async function freshDevice(rig: EngineRig, rows: number, online: () => boolean, seed: number) {
	await getDb().delete();
	forgetDb();
	clearSessionExpiry();
	await setMeta(META.session, { token: rig.s.token, accountId: rig.s.accountId });
	for (let i = 0; i < rows; i++) await queueContract(rig.s.parties);
	const clock = new BenchClock();
	const engine = new SyncEngine({
		clock,
		isOnline: online,
		flush: { baseUrl: `${rig.proxy.url}/api/v1`, useLocks: false, random: seeded(seed) },
		backgroundSync: () => undefined,
		status: { roundStarted: () => undefined, setFlushing: () => undefined, roundEnded: () => undefined }
	});
	return { clock, engine };
}

const unfinished = () => getDb().outbox.where('status').anyOf('pending', 'sending').count();

/** 50 rows queued, the provider down for 2 minutes (engine time), then back: real ms from recovery to an empty queue. */
async function drainAfterOutage(
	rig: EngineRig,
	outage: Outage,
	seed: number
): Promise<{ drainMs: number; outageRpm: number; maxAttempts: number }> {
	rig.proxy.setOutage(outage);
	const { clock, engine } = await freshDevice(rig, 50, () => true, seed);
	const before = rig.proxy.counts.all;
	void engine.request();
	await clock.drive(engine, async () => false, 2 * 60_000, true);
	const outageRequests = rig.proxy.counts.all - before;
	const maxAttempts = Math.max(...(await getDb().outbox.toArray()).map((r) => r.attempts));
	rig.proxy.setOutage('none');
	if (process.env.BENCH_DEBUG)
		console.error('outage', outage, {
			outageRequests,
			maxAttempts,
			unfinished: await unfinished(),
			offset: clock.offset,
			counts: rig.proxy.counts
		});
	const t0 = performance.now();
	await clock.drive(engine, async () => (await unfinished()) === 0, 5 * 60_000, false);
	const drainMs = performance.now() - t0;
	engine.stop();
	if ((await unfinished()) !== 0) throw new Error('queue not empty 5 min after recovery');
	return { drainMs, outageRpm: outageRequests / 2, maxAttempts };
}

/** Requests per minute the engine makes for `seconds` of real time while triggers fire every 250 ms. */
async function requestsPerMinute(rig: EngineRig, setup: 'offline' | 'blocked', seconds: number): Promise<number> {
	let online = setup !== 'offline';
	const { clock, engine } = await freshDevice(rig, 0, () => online, 1);
	if (setup === 'offline') for (let i = 0; i < 50; i++) await queueContract(rig.s.parties);
	else {
		// A stamping request behind a registration the provider refuses (a different Party A).
		const c = await queueContract({ ...rig.s.parties, partyA: { ...rig.s.parties.partyA, name: '别的公司有限公司' } });
		await queueStamping(c.id, '王珺', Date.now() + 1);
		void engine.request();
		await clock.drive(engine, async () => false, 2_500, false);
		const statuses = (await getDb().outbox.toArray()).map((r) => r.status).sort();
		if (statuses.join() !== 'pending,rejected') throw new Error(`blocked setup failed: ${statuses.join()}`);
	}
	const before = rig.proxy.counts.all;
	const end = Date.now() + seconds * 1000;
	while (Date.now() < end) {
		// Focus, enqueue and visibility triggers, far more often than a user would cause them.
		if (setup === 'offline') void engine.request({ forced: true });
		await clock.drive(engine, async () => false, 250, false);
	}
	engine.stop();
	online = true;
	return ((rig.proxy.counts.all - before) * 60) / seconds;
}

/** Engine figures through the fault proxy (a fresh server each call). */
export async function runEngineBench(): Promise<BenchRow[]> {
	const dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-bench-engine-'));
	const server = await startServer(dataDir);
	const proxy = await startProxy(server.port);
	// pull() asks the page's relative /api/v1: in Node, point it at the proxy.
	const nodeFetch = globalThis.fetch;
	globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
		nodeFetch(
			typeof input === 'string' && input.startsWith('/') ? `${proxy.url}${input}` : input,
			init
		)) as typeof fetch;
	try {
		const rig = { proxy, s: await session(proxy.url) };
		const reset: number[] = [];
		const unavailable: number[] = [];
		const outageRpm: number[] = [];
		let maxAttempts = 0;
		for (let i = 0; i < RUNS; i++) {
			const a = await drainAfterOutage(rig, 'reset', 100 + i);
			const b = await drainAfterOutage(rig, '503', 200 + i);
			reset.push(a.drainMs);
			unavailable.push(b.drainMs);
			outageRpm.push(a.outageRpm, b.outageRpm);
			maxAttempts = Math.max(maxAttempts, a.maxAttempts, b.maxAttempts);
		}
		const offline = await requestsPerMinute(rig, 'offline', ENGINE_SECONDS);
		const blocked = await requestsPerMinute(rig, 'blocked', ENGINE_SECONDS);
		return [
			{
				name: 'sync engine: drain 50 rows after a 2-min outage (connections reset), from recovery',
				value: median(reset),
				unit: 'ms',
				target: '≤ 15000 ms'
			},
			{
				name: 'sync engine: drain 50 rows after a 2-min outage (503s), from recovery',
				value: median(unavailable),
				unit: 'ms',
				target: '≤ 15000 ms'
			},
			{
				name: `sync engine: requests/min during the outage, 50 rows queued (max attempts ${maxAttempts})`,
				value: median(outageRpm),
				unit: 'req'
			},
			{
				name: `sync engine: requests/min offline, 50 rows queued, triggers every 250 ms (${ENGINE_SECONDS} s)`,
				value: offline,
				unit: 'req',
				target: '0'
			},
			{
				name: `sync engine: requests/min with a row blocked by a refused registration, no triggers (${ENGINE_SECONDS} s)`,
				value: blocked,
				unit: 'req',
				target: '≤ 30'
			}
		];
	} finally {
		globalThis.fetch = nodeFetch;
		await getDb().delete();
		forgetDb();
		await proxy.close();
		await killServer(server, 'SIGTERM');
		rmSync(dataDir, { recursive: true, force: true });
	}
}

export async function runSyncBench(): Promise<BenchRow[]> {
	const dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-bench-sync-'));
	const server = await startServer(dataDir);
	const base = `http://127.0.0.1:${server.port}`;
	try {
		const s = await session(base);
		const flushes: number[] = [];
		for (let i = 0; i < RUNS; i++) flushes.push(await flushRun(base, s));
		await getDb().delete();
		forgetDb();

		const auth = { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' };
		// Same key, same body: after the first, every request is a replay of the stored answer.
		const replayId = globalThis.crypto.randomUUID();
		const replay = await autocannon({
			url: `${base}/api/v1/contracts/${replayId}`,
			connections: 10,
			duration: CANNON_SECONDS,
			method: 'PUT',
			headers: { ...auth, 'idempotency-key': replayId },
			body: registerBody(s.parties, replayId)
		});
		// Distinct keys: every request registers a new contract (claim, effect and stored answer in SQLite).
		const distinct = await autocannon({
			url: base,
			connections: 10,
			duration: CANNON_SECONDS,
			requests: [
				{
					method: 'PUT',
					setupRequest: (req) => {
						const id = globalThis.crypto.randomUUID();
						return {
							...req,
							path: `/api/v1/contracts/${id}`,
							headers: { ...auth, 'idempotency-key': id },
							body: registerBody(s.parties, id)
						};
					}
				}
			]
		});
		for (const [name, r] of [
			['replay', replay],
			['distinct', distinct]
		] as const) {
			if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
		}
		return [
			{
				name: `sync: flush ${SUBMISSIONS.toLocaleString('en')} queued submissions (Node, fake-indexeddb)`,
				value: median(flushes),
				unit: 'ms'
			},
			{ name: 'server: idempotent replay (same key+body) throughput', value: replay.requests.average, unit: 'req/s' },
			{ name: 'server: idempotent replay p99 latency', value: replay.latency.p99, unit: 'ms' },
			{ name: 'server: distinct-key registrations throughput', value: distinct.requests.average, unit: 'req/s' },
			{ name: 'server: distinct-key registrations p99 latency', value: distinct.latency.p99, unit: 'ms' }
		];
	} finally {
		await killServer(server, 'SIGTERM');
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const rows = process.argv.includes('--engine')
		? await runEngineBench()
		: [...(await runSyncBench()), ...(await runEngineBench())];
	const width = Math.max(...rows.map((r) => r.name.length));
	console.log(
		`\n${'figure'.padEnd(width)}  ${'value'.padStart(9)}  unit   (flush: median of ${RUNS} runs; autocannon: ${CANNON_SECONDS} s, 10 connections)`
	);
	for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(9)}  ${r.unit}`);
}
