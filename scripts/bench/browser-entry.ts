// Bench entry bundled for Chromium: the app's own generate-and-store path and list query, timed in the page.
import { canonicalJson, sha256Hex } from '../../src/lib/domain/canonical';
import { getDb } from '../../src/lib/db/database';
import { queryContracts, saveGeneratedContract, searchKeysOf } from '../../src/lib/db/contracts';
import { queryOrders } from '../../src/lib/db/orders';
import { loadContractFonts } from '../../src/lib/pdf/fonts';
import { exampleFramework, exampleOrderContract } from '../../src/lib/pdf/examples';
import type { ContractRecord } from '../../src/lib/domain/contract';
import { shanghaiMonth } from '../../src/lib/domain/time';
import type { ContractRow, OrderRow } from '../../src/lib/db/types';

function fresh<T extends ContractRecord>(record: T, i: number): T {
	const id = globalThis.crypto.randomUUID();
	const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
	return { ...record, id, createdAt, number: `HT-20260101-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}` };
}

/** The attached orders must be the account's paid orders on the device, as after a pull. */
async function storeOrdersOf(record: ContractRecord): Promise<void> {
	if (record.kind !== 'order') return;
	await getDb().orders.bulkPut(
		record.orders.map((o) => ({
			...o,
			currency: 'CNY' as const,
			status: 'paid' as const,
			updatedAt: o.paidAt,
			month: shanghaiMonth(o.paidAt)
		}))
	);
}

/** Font load + render + hash + one Dexie transaction: what the confirm button does after validation. */
async function generate(kind: 'framework' | 'order', orders = 1000) {
	const record = fresh(
		kind === 'framework' ? exampleFramework() : exampleOrderContract(orders),
		Math.floor(Math.random() * 1e6)
	);
	await storeOrdersOf(record);
	const t0 = performance.now();
	const fonts = await loadContractFonts();
	const { renderContractPdf } = await import('../../src/lib/pdf/render');
	const pdf = await renderContractPdf(record, fonts);
	const [contentHash, pdfSha256] = await Promise.all([sha256Hex(canonicalJson(record)), sha256Hex(pdf)]);
	await saveGeneratedContract({ record, contentHash, pdf, pdfSha256 });
	return { ms: performance.now() - t0, bytes: pdf.byteLength };
}

async function seedContracts(n: number) {
	const db = getDb();
	const base = exampleFramework();
	const rows: ContractRow[] = [];
	for (let i = 0; i < n; i++) {
		const record = fresh(base, i);
		rows.push({
			...record,
			status: i % 3 ? 'effective' : 'pending',
			contentHash: '0'.repeat(64),
			pdfSha256: '0'.repeat(64),
			registeredAt: null,
			searchKeys: searchKeysOf(record)
		});
	}
	await db.contracts.bulkAdd(rows);
	return db.contracts.count();
}

async function firstPage(kind?: 'framework') {
	const t0 = performance.now();
	const page = await queryContracts({ kind }, 0, 20);
	return { ms: performance.now() - t0, rows: page.rows.length, total: page.total };
}

/** The first page of a search (any part of a number, through the v5 suffix index). */
async function searchPage(search: string) {
	const t0 = performance.now();
	const page = await queryContracts({ search }, 0, 20);
	return { ms: performance.now() - t0, rows: page.rows.length, total: page.total };
}

/** The number of the n-th newest contract: the bench searches by a part of it. */
async function numberAt(n: number) {
	return (await getDb().contracts.orderBy('createdAt').reverse().offset(n).first())?.number ?? '';
}

/** n orders as a pull stores them (the database adds each id's search parts, v7), in chunks of 5,000. */
async function seedOrders(n: number) {
	const products = ['云服务器 CVM', '对象存储 COS', '云数据库 MySQL', '内容分发网络 CDN', '负载均衡 CLB'];
	for (let start = 0; start < n; start += 5000) {
		const rows: OrderRow[] = [];
		for (let i = start; i < Math.min(n, start + 5000); i++) {
			const paidAt = new Date(Date.UTC(2025, 0, 1) + i * 300_000).toISOString();
			rows.push({
				id: `2025${String(1e15 + i * 7_919_3)}`,
				product: products[i % products.length]!,
				spec: '4核8G',
				billingMode: 'prepaid',
				amountFen: 100 + i,
				currency: 'CNY',
				paidAt,
				status: 'paid',
				updatedAt: paidAt,
				month: shanghaiMonth(paidAt)
			});
		}
		await getDb().orders.bulkAdd(rows);
	}
	return getDb().orders.count();
}

/** The first page of the orders page's search (any part of an id through the v7 suffix index, or a product name). */
async function searchOrdersPage(search: string) {
	const t0 = performance.now();
	const page = await queryOrders({ search }, 0, 20);
	return { ms: performance.now() - t0, rows: page.rows.length, total: page.total };
}

async function orderIdAt(n: number) {
	return (await getDb().orders.orderBy('paidAt').reverse().offset(n).first())?.id ?? '';
}

(globalThis as Record<string, unknown>).__bench = {
	generate,
	seedContracts,
	firstPage,
	searchPage,
	numberAt,
	seedOrders,
	searchOrdersPage,
	orderIdAt,
	db: getDb
};
