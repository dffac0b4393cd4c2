// Sync benchmark: flushing 1,000 queued submissions over real HTTP into real SQLite, and idempotent-write throughput (autocannon).
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
import { flushOutbox } from '../src/lib/sync/flush';
import { queueContract, sleep } from '../tests/unit/helpers';
import { killServer, startServer } from '../tests/unit/support/harness';

export type BenchRow = { name: string; value: number; unit: string; target?: string };

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SUBMISSIONS = 1_000;
const CANNON_SECONDS = Number(process.env.BENCH_CANNON_SECONDS ?? 5);

type CannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type CannonResult = { requests: { average: number; total: number }; latency: { p50: number; p99: number }; '2xx': number; non2xx: number; errors: number };
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

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function session(base: string) {
	const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'demo' }) });
	const s = (await res.json()) as { token: string; accountId: string };
	const changes = (await (await fetch(`${base}/api/v1/changes`, { headers: { authorization: `Bearer ${s.token}` } })).json()) as {
		identity: { legalName: string; creditCode: string; legalRepresentative: string; registeredAddress: string };
		provider: PartyB;
	};
	const id = changes.identity;
	const parties: { partyA: PartyA; partyB: PartyB } = {
		partyA: { name: id.legalName, creditCode: id.creditCode, legalRepresentative: id.legalRepresentative, registeredAddress: id.registeredAddress },
		partyB: { name: changes.provider.name, creditCode: changes.provider.creditCode, registeredAddress: changes.provider.registeredAddress }
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
						return { ...req, path: `/api/v1/contracts/${id}`, headers: { ...auth, 'idempotency-key': id }, body: registerBody(s.parties, id) };
					}
				}
			]
		});
		for (const [name, r] of [['replay', replay], ['distinct', distinct]] as const) {
			if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
		}
		return [
			{ name: `sync: flush ${SUBMISSIONS.toLocaleString('en')} queued submissions (Node, fake-indexeddb)`, value: median(flushes), unit: 'ms' },
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
	const rows = await runSyncBench();
	const width = Math.max(...rows.map((r) => r.name.length));
	console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(9)}  unit   (flush: median of ${RUNS} runs; autocannon: ${CANNON_SECONDS} s, 10 connections)`);
	for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(9)}  ${r.unit}`);
}
