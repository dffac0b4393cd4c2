// Another account's registration latency idle vs during a render flood spread over 2 server processes on one PostgreSQL: the per-account render admission holds across processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { DEFAULT_VERIFICATION } from '../server/seed';
import { createDatabase, startThrowawayCluster } from '../server/store/pg/throwaway-cluster';
import { put, record, signIn, timedRegistrations } from './bench/registrant';
import type { BenchRow } from './bench/stats';
import { startCluster } from './cluster';

/** Requests the flooder keeps in flight, spread by the proxy over both processes; it ignores Retry-After. */
const FLOOD = 20;
const ADMIN = 'bench-admin-token';
const PUBLIC_URL = 'http://localhost:8787';

async function ok(res: Response): Promise<Response> {
	if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
	return res;
}

export async function runRenderFloodBench(): Promise<BenchRow[]> {
	const pg = startThrowawayCluster({ fsync: true });
	const dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-bench-render-flood-'));
	try {
		const database = `bench_render_flood_${Date.now().toString(36)}`;
		await createDatabase(pg.adminUrl, database);
		const cluster = await startCluster({
			databaseUrl: pg.url(database),
			processes: 2,
			respawn: false,
			// NODE_ENV set, not inherited: `npm run bench` builds with Vite first, which leaves 'production' behind.
			env: { NODE_ENV: 'development', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, STATIC_DIR: '/nonexistent', PUBLIC_URL }
		});
		try {
			const base = cluster.url;
			await ok(
				await fetch(`${base}/api/v1/admin/accounts/acct-100002/verify`, {
					method: 'POST',
					headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
					body: JSON.stringify(DEFAULT_VERIFICATION)
				})
			);
			const flooder = await signIn(base, 'demo');
			const victim = await signIn(base, 'demo-unverified');
			const fonts = await loadContractFontsNode();
			// Warm both processes' render workers before timing anything (the proxy alternates).
			await timedRegistrations(base, victim, fonts);
			const idle = await timedRegistrations(base, victim, fonts);

			// Heavy: every paid order in one contract, a fingerprint that fails only after a render.
			const paid = flooder.orders.filter((o) => o.status === 'paid');
			const answers: Record<number, number> = {};
			let flooding = true;
			const served = [...cluster.served];
			const flood = (async () => {
				while (flooding) {
					const batch = await Promise.all(
						Array.from({ length: FLOOD }, () => put(base, flooder.token, record(flooder, paid), 'b'.repeat(64)))
					);
					for (const res of batch) {
						answers[res.status] = (answers[res.status] ?? 0) + 1;
						await res.arrayBuffer();
					}
				}
			})();
			await new Promise((r) => setTimeout(r, 300));
			const flooded = await timedRegistrations(base, victim, fonts);
			flooding = false;
			await flood;
			const spread = cluster.served.map((n, i) => n - served[i]!);
			const fmt = Object.entries(answers)
				.map(([s, n]) => `${n}×${s}`)
				.join(' ');
			// 422: rendered and refused (admitted); 429: refused at admission. With one render per account over both
			// processes, admitted renders are at most one at a time.
			console.log(`render flood over 2 processes (requests per process ${spread.join(' / ')}): ${fmt}`);
			return [
				{ name: 'render flood, PostgreSQL 2 processes: another account, idle (median)', value: idle, unit: 'ms' },
				{
					name: `render flood, PostgreSQL 2 processes: another account, during a ${FLOOD}-request flood`,
					value: flooded,
					unit: 'ms'
				},
				{ name: 'render flood, PostgreSQL 2 processes: flood / idle ratio', value: flooded / idle, unit: '×' },
				{
					name: 'render flood, PostgreSQL 2 processes: flooder requests admitted to a render',
					value:
						((answers[422] ?? 0) /
							Math.max(
								1,
								Object.values(answers).reduce((s, n) => s + n, 0)
							)) *
						100,
					unit: '%'
				}
			];
		} finally {
			await cluster.close();
		}
	} finally {
		pg.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const rows = await runRenderFloodBench();
	const width = Math.max(...rows.map((r) => r.name.length));
	for (const r of rows)
		console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(8)} ${r.unit}  ${r.target ?? ''}`);
}
