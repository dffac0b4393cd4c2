// Proof, on PostgreSQL: submissions through a faulty network to two server processes behind a round-robin proxy, one of them killed (-9) mid-run, arrive exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../scripts/cluster';
import { createDatabase, dropDatabase } from '../../server/store/pg/throwaway-cluster';
import { pgTestUrl } from '../support/server/store/pg-db';
import { getDb } from '../../src/lib/db/database';
import { canonicalJson } from '../../src/lib/domain/canonical';
import { contractRecord, type PartyA, type PartyB } from '../../src/lib/domain/contract';
import { flushOutbox, type FlushOptions } from '../../src/lib/sync/flush';
import { queueContract, queueStamping, resetDevice, sleep } from '../support/unit/helpers';
import { startProxy, type Proxy } from '../support/unit/harness';

const CONTRACTS = 300;
const STAMPINGS = 80;
const ROOT = join(import.meta.dirname, '../..');

let dataDir: string;
let adminUrl: string;
let database: string;
let cluster: Cluster;
let proxy: Proxy;
let db: pg.Client;
let parties: { partyA: PartyA; partyB: PartyB };
let session: { token: string; accountId: string };

async function signIn(baseUrl: string) {
	const s = await fetch(`${baseUrl}/api/v1/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code: 'demo' })
	});
	session = (await s.json()) as { token: string; accountId: string };
	const c = await fetch(`${baseUrl}/api/v1/changes`, { headers: { authorization: `Bearer ${session.token}` } });
	const changes = (await c.json()) as {
		identity: { legalName: string; creditCode: string; legalRepresentative: string; registeredAddress: string };
		provider: PartyB;
	};
	const id = changes.identity;
	parties = {
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
}

beforeAll(async () => {
	// A database of its own on the run's cluster: the server processes work in its public schema, as in production.
	const runUrl = new URL(await pgTestUrl());
	runUrl.pathname = '/postgres';
	adminUrl = runUrl.toString();
	database = `cluster_faults_${process.pid}`;
	await createDatabase(adminUrl, database);
	runUrl.pathname = `/${database}`;
	dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-cluster-'));
	cluster = await startCluster({
		databaseUrl: runUrl.toString(),
		processes: 2,
		// The test server entry (production's bootstrap, no fingerprint re-render: test PDFs are placeholder bytes).
		entry: join(ROOT, 'tests/support/unit/server-process.ts'),
		ready: /LISTENING (\d+) RELEASED \d+\n/,
		env: { DATA_DIR: dataDir, ADMIN_TOKEN: 'test-admin', NODE_ENV: 'test' }
	});
	proxy = await startProxy(Number(new URL(cluster.url).port));
	db = new pg.Client({ connectionString: runUrl.toString() });
	await db.connect();
	await signIn(proxy.url);
}, 120_000);

afterAll(async () => {
	await db?.end();
	await proxy?.close();
	await cluster?.close();
	if (adminUrl) await dropDatabase(adminUrl, database);
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function flusherLoop(opts: FlushOptions, stop: () => Promise<boolean>) {
	while (!(await stop())) {
		const r = await flushOutbox(opts);
		const wait = r.nextWakeAt === null ? 20 : Math.min(250, Math.max(5, r.nextWakeAt - Date.now()));
		await sleep(wait);
	}
}

describe('fault injection against two server processes on one PostgreSQL', () => {
	it(`${CONTRACTS} registrations and ${STAMPINGS} stamping requests arrive exactly once, one process killed -9 mid-run`, async () => {
		await resetDevice(session);
		proxy.setRates({
			dropRequest: 0.1,
			dropResponse: 0.1,
			unavailable: 0.05,
			rateLimited: 0.02,
			delay: 0.2,
			maxDelayMs: 150
		});
		const started = Date.now();
		const queued = { contracts: [] as string[], stampings: [] as string[] };
		let producing = true;
		const producer = (async () => {
			for (let i = 0; i < CONTRACTS; i++) {
				const c = await queueContract(parties);
				queued.contracts.push(c.id);
				if (i < STAMPINGS) queued.stampings.push((await queueStamping(c.id, `收件人${i}`)).id);
				if (i % 50 === 49) await sleep(40);
			}
			producing = false;
		})();
		// One process is killed while submissions are in flight; the proxy sends everything to the other meanwhile,
		// and the cluster starts the killed one again. Later the other one is killed too.
		let kills = 0;
		const servedAtKill: number[][] = [];
		const chaos = (async () => {
			for (const [after, index] of [
				[400, 0],
				[1500, 1]
			] as const) {
				await sleep(after);
				servedAtKill.push([...cluster.served]);
				await cluster.kill(index, 'SIGKILL');
				kills++;
				await cluster.waitUp(index);
			}
		})();
		const unfinished = async () => getDb().outbox.where('status').anyOf('pending', 'sending').count();
		const stop = async () => !producing && kills === 2 && (await unfinished()) === 0;
		const opts: FlushOptions = {
			fetchImpl: fetch,
			baseUrl: `${proxy.url}/api/v1`,
			useLocks: false,
			backoff: { baseMs: 20, capMs: 400 },
			timeoutMs: 5_000,
			concurrency: 6
		};
		await Promise.all([producer, chaos, flusherLoop(opts, stop), flusherLoop(opts, stop)]);

		const rows = await getDb().outbox.toArray();
		const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
		expect(rows).toHaveLength(CONTRACTS + STAMPINGS);
		expect({ pending: byStatus('pending'), sending: byStatus('sending'), rejected: byStatus('rejected') }).toEqual({
			pending: 0,
			sending: 0,
			rejected: 0
		});
		const local = await getDb().contracts.toArray();
		expect(local.every((c) => c.status === 'effective' && c.registeredAt)).toBe(true);

		// The database: every submission exactly once, equal to what the device queued.
		const contracts = (
			await db.query(`SELECT id, record, pdf_sha256, pdf IS NOT NULL AS has_pdf FROM contracts WHERE account_id = $1`, [
				session.accountId
			])
		).rows;
		expect(contracts).toHaveLength(CONTRACTS);
		expect(new Set(contracts.map((c) => c.id))).toEqual(new Set(queued.contracts));
		const localById = new Map(local.map((c) => [c.id, c]));
		for (const c of contracts) {
			const mine = localById.get(c.id)!;
			expect(canonicalJson(JSON.parse(c.record))).toBe(canonicalJson(contractRecord.parse(mine)));
			expect(c.pdf_sha256).toBe(mine.pdfSha256);
			// The document no longer travels: the server keeps its own rendering, which this harness (no renderer) does not make.
			expect(c.has_pdf).toBe(false);
		}
		const stampings = (await db.query(`SELECT contract_id, submission FROM stamping_requests`)).rows;
		expect(stampings).toHaveLength(STAMPINGS);
		const stampRows = new Map(rows.filter((r) => r.kind === 'submitStamping').map((r) => [r.resourceId, r]));
		for (const s of stampings)
			expect(canonicalJson(JSON.parse(s.submission))).toBe(canonicalJson(stampRows.get(s.contract_id)!.payload));
		const keys = (
			await db.query(`SELECT key, status, response_status FROM idempotency WHERE scope = $1`, [session.accountId])
		).rows;
		expect(keys).toHaveLength(CONTRACTS + STAMPINGS);
		expect(new Set(keys.map((k) => k.key))).toEqual(new Set(rows.map((r) => r.id)));
		expect(keys.every((k) => k.status === 'done' && k.response_status === 201)).toBe(true);
		// Sequences: one per write, no gaps the pull could mistake (each write took the next value).
		const seqs = (
			await db.query(`SELECT seq FROM contracts UNION ALL SELECT seq FROM stamping_requests ORDER BY 1`)
		).rows.map((r) => Number(r.seq));
		expect(new Set(seqs).size).toBe(seqs.length);

		// Both processes served writes, before and after the kills.
		expect(kills).toBe(2);
		expect(servedAtKill[0]!.every((n) => n > 0)).toBe(true);
		expect(cluster.served.every((n) => n > 20)).toBe(true);
		const c = proxy.counts;
		expect(c.droppedRequests + c.droppedResponses + c.unavailable).toBeGreaterThan(0);
		console.log(
			[
				`cluster fault injection: ${CONTRACTS + STAMPINGS} submissions in ${((Date.now() - started) / 1000).toFixed(1)} s through 2 processes on PostgreSQL`,
				`  served per process ${cluster.served.join(' / ')}, kill -9 ${kills} (each started again), requests through the fault proxy ${c.requests}`,
				`  dropped requests ${c.droppedRequests}, dropped answers after commit ${c.droppedResponses}, 503s ${c.unavailable}, 429s ${c.rateLimited}, replayed ${c.replayed}, upstream down ${c.upstreamDown}`
			].join('\n')
		);
	}, 150_000);
});
