// Proof: ≥500 submissions through a faulty network and a server that crashes mid-run arrive exactly once.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/db/database';
import { canonicalJson } from '../../src/lib/domain/canonical';
import { contractRecord, type PartyA, type PartyB } from '../../src/lib/domain/contract';
import { flushOutbox, type FlushOptions } from '../../src/lib/sync/flush';
import { queueContract, queueStamping, resetDevice, sleep } from '../support/unit/helpers';
import { killServer, startProxy, startServer, type Proxy, type ServerProcess } from '../support/unit/harness';

const CONTRACTS = 500;
const STAMPINGS = 120;

let dataDir: string;
let server: ServerProcess;
let proxy: Proxy;
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
			// Printed in the QR code since template 2026.2; the server checks it is its own.
			verifyOrigin: changes.provider.verifyOrigin
		}
	};
}

function sqlite() {
	return new Database(join(dataDir, 'contract-desk.sqlite'), { readonly: true, fileMustExist: true });
}

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-fault-'));
	server = await startServer(dataDir);
	proxy = await startProxy(server.port);
	await signIn(proxy.url);
});

afterAll(async () => {
	await proxy?.close();
	if (server) await killServer(server, 'SIGTERM');
	rmSync(dataDir, { recursive: true, force: true });
});

/** Runs a flusher as the timer would: flush, sleep until the next row is due, until `stop()` says so. */
async function flusherLoop(
	opts: FlushOptions,
	stop: () => Promise<boolean>,
	stats: { flushes: number; attempts: number }
) {
	while (!(await stop())) {
		const r = await flushOutbox(opts);
		stats.flushes++;
		stats.attempts += r.sent;
		const wait = r.nextWakeAt === null ? 20 : Math.min(250, Math.max(5, r.nextWakeAt - Date.now()));
		await sleep(wait);
	}
}

describe('fault injection against the real server', () => {
	it(`${CONTRACTS} registrations and ${STAMPINGS} stamping requests arrive exactly once`, async () => {
		await resetDevice(session);
		proxy.setRates({
			dropRequest: 0.1,
			dropResponse: 0.1,
			unavailable: 0.08,
			rateLimited: 0.02,
			delay: 0.2,
			maxDelayMs: 150
		});
		const started = Date.now();
		const queued = { contracts: [] as string[], stampings: [] as string[] };
		let producing = true;
		let restarts = 0;

		// The user keeps working while the network misbehaves: submissions are queued in bursts.
		const producer = (async () => {
			for (let i = 0; i < CONTRACTS; i++) {
				const c = await queueContract(parties);
				queued.contracts.push(c.id);
				if (i < STAMPINGS) queued.stampings.push((await queueStamping(c.id, `收件人${i}`)).id);
				if (i % 50 === 49) await sleep(40);
			}
			producing = false;
		})();

		// The server crashes (SIGKILL) twice while submissions are in flight, and comes back on a new port.
		const chaos = (async () => {
			for (const after of [300, 1500]) {
				await sleep(after);
				await killServer(server, 'SIGKILL');
				restarts++;
				await sleep(200);
				server = await startServer(dataDir);
				proxy.setTarget(server.port);
			}
		})();

		const unfinished = async () => getDb().outbox.where('status').anyOf('pending', 'sending').count();
		const stop = async () => !producing && restarts === 2 && (await unfinished()) === 0;
		const opts: FlushOptions = {
			fetchImpl: fetch,
			baseUrl: `${proxy.url}/api/v1`,
			useLocks: false,
			backoff: { baseMs: 20, capMs: 400 },
			timeoutMs: 5_000,
			concurrency: 6
		};
		// Two flushers at once (a tab and the service worker), with only the Dexie lease between them.
		const stats = { flushes: 0, attempts: 0 };
		await Promise.all([producer, chaos, flusherLoop(opts, stop, stats), flusherLoop(opts, stop, stats)]);

		// Device: everything done, nothing pending, sending or rejected.
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

		// Server: every submission exactly once, equal to what the device queued.
		const db = sqlite();
		try {
			const contracts = db
				.prepare(`SELECT id, record, pdf_sha256, pdf IS NOT NULL AS has_pdf FROM contracts WHERE account_id = ?`)
				.all(session.accountId) as { id: string; record: string; pdf_sha256: string; has_pdf: number }[];
			expect(contracts).toHaveLength(CONTRACTS);
			expect(new Set(contracts.map((c) => c.id))).toEqual(new Set(queued.contracts));
			const localById = new Map(local.map((c) => [c.id, c]));
			for (const c of contracts) {
				const mine = localById.get(c.id)!;
				expect(canonicalJson(JSON.parse(c.record))).toBe(canonicalJson(contractRecord.parse(mine)));
				expect(c.pdf_sha256).toBe(mine.pdfSha256);
				// The document no longer travels: the server keeps its own rendering, which this harness (no renderer) does not make.
				expect(c.has_pdf).toBe(0);
			}
			const stampings = db.prepare(`SELECT contract_id, submission FROM stamping_requests`).all() as {
				contract_id: string;
				submission: string;
			}[];
			expect(stampings).toHaveLength(STAMPINGS);
			const stampRows = new Map(rows.filter((r) => r.kind === 'submitStamping').map((r) => [r.resourceId, r]));
			for (const s of stampings)
				expect(canonicalJson(JSON.parse(s.submission))).toBe(canonicalJson(stampRows.get(s.contract_id)!.payload));
			// Each outbox row id was one idempotency key, finished once; no other key wrote anything.
			const keys = db
				.prepare(`SELECT key, status, response_status FROM idempotency WHERE scope = ?`)
				.all(session.accountId) as { key: string; status: string; response_status: number }[];
			expect(keys).toHaveLength(CONTRACTS + STAMPINGS);
			expect(new Set(keys.map((k) => k.key))).toEqual(new Set(rows.map((r) => r.id)));
			expect(keys.every((k) => k.status === 'done' && k.response_status === 201)).toBe(true);
		} finally {
			db.close();
		}

		const attempts = rows.reduce((n, r) => n + r.attempts, 0);
		const c = proxy.counts;
		expect(restarts).toBeGreaterThanOrEqual(1);
		expect(c.droppedRequests + c.droppedResponses + c.unavailable).toBeGreaterThan(0);
		console.log(
			[
				`fault injection: ${CONTRACTS + STAMPINGS} submissions (${CONTRACTS} registrations, ${STAMPINGS} stamping requests) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
				`  requests through proxy ${c.requests}, attempts recorded on the device ${attempts} (flushes ${stats.flushes})`,
				`  dropped requests ${c.droppedRequests}, dropped responses after commit ${c.droppedResponses}, 503s ${c.unavailable}, 429s ${c.rateLimited}, delayed ${c.delayed}`,
				`  server down (connection refused during restarts) ${c.upstreamDown}, server restarts (SIGKILL) ${restarts}, replayed answers ${c.replayed}`,
				`  server holds ${CONTRACTS} contracts + ${STAMPINGS} stamping requests, exactly the queued ids; outbox pending/sending/rejected 0`
			].join('\n')
		);
	}, 90_000);

	it('two flushers racing send each submission once (server-side effects counted)', async () => {
		await resetDevice(session);
		proxy.setRates({ dropRequest: 0, dropResponse: 0, unavailable: 0, rateLimited: 0, delay: 1, maxDelayMs: 10 });
		const before = { ...proxy.counts };
		const ids: string[] = [];
		for (let i = 0; i < 60; i++) ids.push((await queueContract(parties)).id);
		const opts: FlushOptions = { fetchImpl: fetch, baseUrl: `${proxy.url}/api/v1`, useLocks: false, concurrency: 4 };
		const results = await Promise.all([flushOutbox(opts), flushOutbox(opts), flushOutbox(opts)]);
		expect(results.reduce((n, r) => n + r.done, 0)).toBe(60);
		// Requests that reached the server = submissions: nobody sent a row another flusher held.
		expect(proxy.counts.forwarded - before.forwarded).toBe(60);
		const db = sqlite();
		try {
			const n = db
				.prepare(`SELECT COUNT(*) AS n FROM contracts WHERE id IN (${ids.map(() => '?').join(',')})`)
				.get(...ids) as { n: number };
			expect(n.n).toBe(60);
		} finally {
			db.close();
		}
	});

	it('even a duplicate send (a lease broken by a frozen sender) has one effect: the key makes the server answer the same', async () => {
		await resetDevice(session);
		proxy.setRates({ dropRequest: 0, dropResponse: 0, unavailable: 0, rateLimited: 0, delay: 1, maxDelayMs: 30 });
		const c = await queueContract(parties);
		const row = (await getDb().outbox.toArray())[0]!;
		const { sendRow } = await import('../../src/lib/sync/push');
		const ctx = { token: session.token, baseUrl: `${proxy.url}/api/v1` };
		// Both send the same row, bypassing the claim; then once more after both finished.
		const outcomes = await Promise.all([sendRow(row, ctx), sendRow(row, ctx)]);
		const again = await sendRow(row, ctx);
		for (const o of [...outcomes, again]) expect(['done', 'retry']).toContain(o.kind); // retry = 409 still running
		expect(again.kind).toBe('done');
		const db = sqlite();
		try {
			expect((db.prepare(`SELECT COUNT(*) AS n FROM contracts WHERE id = ?`).get(c.id) as { n: number }).n).toBe(1);
			expect((db.prepare(`SELECT COUNT(*) AS n FROM idempotency WHERE key = ?`).get(row.id) as { n: number }).n).toBe(
				1
			);
		} finally {
			db.close();
		}
	});
});
