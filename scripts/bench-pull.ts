// Pull benchmark (issue 9): an account with 5,000 registered contracts and 300,000 orders — the empty incremental
// pull (server time, in-process) and the whole paged first pull (pages, largest page, total time).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractNumber, type ContractRecord } from '../src/lib/domain/contract';
import { CURRENT_TEMPLATE_VERSION } from '../src/lib/domain/templateVersions';
import { hashToken } from '../server/auth/account-session';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { DEMO_IDENTITY, demoOrders } from '../server/seed';
import { openSqliteStore } from '../server/store/index';
import { median, type BenchRow } from './bench/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONTRACTS = 5_000;
const ORDERS = 300_000;
const ACCOUNT = 'acct-bench-restore';

export async function runPullBench(): Promise<BenchRow[]> {
	const dir = mkdtempSync(join(tmpdir(), 'contract-desk-bench-pull-'));
	const store = openSqliteStore(dir);
	try {
		const config = loadConfig({ DATA_DIR: dir, ADMIN_TOKEN: 'bench' });
		const now = Date.now();
		await store.seed({
			accounts: [{ id: ACCOUNT, code: 'bench-restore', identity: { ...DEMO_IDENTITY, accountId: ACCOUNT } }],
			filings: [],
			orders: demoOrders(now, ORDERS, 9).map((order) => ({ accountId: ACCOUNT, order }))
		});
		for (let i = 0; i < CONTRACTS; i++) {
			const id = `${i.toString(16).padStart(8, '0')}${randomUUID().slice(8)}`;
			const createdAt = '2026-06-15T12:00:00+08:00';
			const record: ContractRecord = {
				kind: 'framework',
				id,
				number: contractNumber(id, createdAt, CURRENT_TEMPLATE_VERSION.framework),
				templateVersion: CURRENT_TEMPLATE_VERSION.framework,
				createdAt,
				partyA: {
					name: DEMO_IDENTITY.legalName,
					creditCode: DEMO_IDENTITY.creditCode,
					legalRepresentative: DEMO_IDENTITY.legalRepresentative,
					registeredAddress: DEMO_IDENTITY.registeredAddress
				},
				partyB: {
					name: config.provider.name,
					creditCode: config.provider.creditCode,
					registeredAddress: config.provider.registeredAddress
				},
				contact: {
					person: '张喆',
					phone: '13800138000',
					email: 'contracts@zhekun.cn',
					mailingAddress: '广东省深圳市南山区高新南七道18号'
				}
			};
			await store.registerContract({
				accountId: ACCOUNT,
				record,
				pdfSha256: 'b'.repeat(64),
				now: new Date().toISOString()
			});
		}
		const token = 'bench-restore-token';
		await store.createSession(
			hashToken(token),
			ACCOUNT,
			new Date(now).toISOString(),
			new Date(now + 86_400_000).toISOString()
		);
		const app = createApp({ store, config, staticDir: null, log: () => {} });
		const get = async (query: string) => {
			const res = await app.request(`/api/v1/changes${query}`, { headers: { authorization: `Bearer ${token}` } });
			const text = await res.text();
			if (res.status !== 200) throw new Error(`pull ${query}: ${res.status} ${text.slice(0, 200)}`);
			return {
				bytes: Buffer.byteLength(text),
				body: JSON.parse(text) as { cursor: string; next: string | null; contracts: unknown[]; orders: unknown[] }
			};
		};

		// The whole first pull, page after page, as a new device does it.
		const firstPull: number[] = [];
		let pages = 0;
		let largest = 0;
		let contracts = 0;
		let orders = 0;
		let cursor = '';
		for (let run = 0; run < Math.min(RUNS, 3); run++) {
			pages = largest = contracts = orders = 0;
			const t0 = performance.now();
			let page = await get('?limit=200');
			for (;;) {
				pages++;
				largest = Math.max(largest, page.bytes);
				contracts += page.body.contracts.length;
				orders += page.body.orders.length;
				if (page.body.next === null) break;
				page = await get(`?limit=200&page=${encodeURIComponent(page.body.next)}`);
			}
			firstPull.push(performance.now() - t0);
			cursor = page.body.cursor;
		}
		if (contracts !== CONTRACTS || orders !== ORDERS)
			throw new Error(`first pull carried ${contracts} contracts, ${orders} orders`);

		const empty: number[] = [];
		for (let i = 0; i < 5; i++) await get(`?since=${cursor}`);
		for (let i = 0; i < Math.max(RUNS, 5) * 10; i++) {
			const t0 = performance.now();
			const { body } = await get(`?since=${cursor}`);
			empty.push(performance.now() - t0);
			if (body.contracts.length || body.orders.length) throw new Error('the empty pull was not empty');
		}
		return [
			{
				name: `pull: empty incremental, ${CONTRACTS.toLocaleString('en')} contracts + ${ORDERS.toLocaleString('en')} orders (server)`,
				value: median(empty),
				unit: 'ms',
				target: '< 20 ms'
			},
			{
				name: `pull: whole first pull, ${pages} pages of ≤ 200 contracts / 5,000 orders`,
				value: median(firstPull),
				unit: 'ms'
			},
			{ name: 'pull: largest page of the first pull', value: largest / 1024, unit: 'KB' }
		];
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const r of await runPullBench()) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit} ${r.target ?? ''}`);
}
