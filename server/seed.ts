// Demo data seeded on first start: a verified enterprise with filings and orders, and an unverified account.
import { withCheckChar } from './config';
import type { Filing } from '../src/lib/domain/filing';
import type { Identity, VerifiedIdentity } from '../src/lib/domain/identity';
import type { Order } from '../src/lib/domain/order';
import type { SeedData, Store } from './store/index';

export const DEMO_ACCOUNT_ID = 'acct-100001';
export const DEMO_UNVERIFIED_ACCOUNT_ID = 'acct-100002';
export const DEMO_CODES = { verified: 'demo', unverified: 'demo-unverified' } as const;
export const ORDER_COUNT = 300;

// Rare characters (喆 堃 珺 玥) on purpose: they are outside GB2312 and catch font subsetting bugs.
export const DEMO_IDENTITY: VerifiedIdentity = {
	status: 'verified',
	accountId: DEMO_ACCOUNT_ID,
	entityType: 'enterprise',
	legalName: '深圳市喆堃珺玥网络科技有限公司',
	creditCode: withCheckChar('91440300MA5GKRT8X'),
	legalRepresentative: '张喆',
	registeredAddress: '广东省深圳市南山区粤海街道高新南七道18号喆堃大厦12层1201室',
	verifiedAt: '2023-03-15T10:20:00+08:00'
};

export const DEMO_UNVERIFIED_IDENTITY: Identity = {
	status: 'unverified',
	accountId: DEMO_UNVERIFIED_ACCOUNT_ID,
	accountName: '杭州用户 王珺'
};

/** What the admin "verify" action fills in when the back office gives no details. */
export const DEFAULT_VERIFICATION: Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'> = {
	entityType: 'enterprise',
	legalName: '杭州珺堃信息技术有限公司',
	creditCode: withCheckChar('91330106MA2KYUNX1'),
	legalRepresentative: '王珺',
	registeredAddress: '浙江省杭州市西湖区文三路478号珺堃科技园3号楼5层'
};

/** mulberry32: tiny, fast and, above all, the same sequence on every machine. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function demoFilings(): Filing[] {
	const entityName = DEMO_IDENTITY.legalName;
	return [
		{
			id: 'filing-1',
			filingNumber: '粤ICP备2023012345号',
			orderNumber: '440300230412000123',
			entityName,
			sites: [
				{ siteNumber: '粤ICP备2023012345号-1', name: '喆堃云官网', domains: ['zhekun.cn', 'www.zhekun.cn'] },
				{ siteNumber: '粤ICP备2023012345号-2', name: '喆堃开发者中心', domains: ['dev.zhekun-cloud.com'] }
			],
			status: 'approved',
			filedOn: '2023-04-20',
			updatedAt: '2023-04-20T09:00:00+08:00'
		},
		{
			id: 'filing-2',
			filingNumber: '粤ICP备2023067890号',
			orderNumber: '440300230918000456',
			entityName,
			sites: [{ siteNumber: '粤ICP备2023067890号-1', name: '珺玥商城', domains: ['junyue-mall.cn'] }],
			status: 'approved',
			filedOn: '2023-09-26',
			updatedAt: '2023-09-26T14:30:00+08:00'
		},
		{
			id: 'filing-3',
			filingNumber: '粤ICP备2024003141号',
			orderNumber: '440300240115000789',
			entityName,
			sites: [{ siteNumber: '粤ICP备2024003141号-1', name: '喆堃数据服务平台', domains: ['data.zhekun.net'] }],
			status: 'approved',
			filedOn: '2024-01-22',
			updatedAt: '2024-01-22T11:15:00+08:00'
		}
	];
}

interface Product {
	name: string;
	/** The specification only: the billing mode is its own field, shown beside the spec (never repeat it here). */
	specs: string[];
	billingMode: Order['billingMode'];
	/** Price range in fen. */
	min: number;
	max: number;
}

const PRODUCTS: Product[] = [
	{
		name: '云服务器 CVM',
		specs: [
			'标准型 S5 2核4GB / 50GB SSD / 5Mbps',
			'标准型 S5 4核8GB / 100GB SSD / 10Mbps',
			'计算型 C6 8核16GB / 200GB SSD'
		],
		billingMode: 'prepaid',
		min: 9_900,
		max: 680_000
	},
	{
		name: '云数据库 MySQL',
		specs: ['双节点高可用版 2核4GB / 100GB', '双节点高可用版 4核16GB / 500GB', '单节点基础版 1核2GB / 50GB'],
		billingMode: 'prepaid',
		min: 15_000,
		max: 420_000
	},
	{
		name: '对象存储 COS',
		specs: ['标准存储容量包 500GB / 1年', '外网下行流量包 1TB / 1年', '低频存储容量包 1TB / 1年'],
		billingMode: 'prepaid',
		min: 4_800,
		max: 96_000
	},
	{
		name: '内容分发网络 CDN',
		specs: ['中国境内流量', '中国境外流量', 'HTTPS 请求数'],
		billingMode: 'postpaid',
		min: 1_250,
		max: 185_000
	},
	{
		name: '负载均衡 CLB',
		specs: ['公网负载均衡 性能容量型', '内网负载均衡 共享型'],
		billingMode: 'postpaid',
		min: 2_160,
		max: 64_800
	},
	{
		name: '云硬盘 CBS',
		specs: ['SSD 云硬盘 500GB / 1个月', '增强型 SSD 云硬盘 1TB / 1个月'],
		billingMode: 'prepaid',
		min: 40_000,
		max: 160_000
	}
];

const DAY_MS = 24 * 60 * 60 * 1000;

function shanghaiParts(ms: number): { ymd: string; iso: string } {
	const shifted = new Date(ms + 8 * 60 * 60 * 1000).toISOString(); // UTC+8 wall clock
	return { ymd: shifted.slice(0, 10).replaceAll('-', ''), iso: `${shifted.slice(0, 19)}+08:00` };
}

/** 300 paid orders spread over the 12 months before `now`; the same seed gives the same orders. */
export function demoOrders(now: number, count = ORDER_COUNT, seed = 20240601): Order[] {
	const rand = prng(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
	const orders: Order[] = [];
	for (let i = 0; i < count; i++) {
		const product = pick(PRODUCTS);
		// Whole seconds, so the ISO strings have no fractional part and sort like the times.
		const paidMs = Math.floor((now - 1 - rand() * 365 * DAY_MS) / 1000) * 1000;
		const { ymd, iso } = shanghaiParts(paidMs);
		const amountFen = product.min + Math.floor(rand() * (product.max - product.min));
		const tail = String(Math.floor(rand() * 1e8)).padStart(8, '0');
		orders.push({
			// Date, a running number (keeps ids unique) and random digits: 20 digits like real order ids.
			id: `${ymd}${String(i + 1).padStart(4, '0')}${tail}`,
			product: product.name,
			spec: pick(product.specs),
			billingMode: product.billingMode,
			amountFen,
			currency: 'CNY',
			paidAt: iso,
			status: 'paid',
			updatedAt: iso
		});
	}
	return orders.sort((a, b) => (a.paidAt < b.paidAt ? 1 : a.paidAt > b.paidAt ? -1 : 0));
}

export function demoSeed(now = Date.now()): SeedData {
	return {
		accounts: [
			{ id: DEMO_ACCOUNT_ID, code: DEMO_CODES.verified, identity: DEMO_IDENTITY },
			{ id: DEMO_UNVERIFIED_ACCOUNT_ID, code: DEMO_CODES.unverified, identity: DEMO_UNVERIFIED_IDENTITY }
		],
		filings: demoFilings().map((filing) => ({ accountId: DEMO_ACCOUNT_ID, filing })),
		orders: demoOrders(now).map((order) => ({ accountId: DEMO_ACCOUNT_ID, order }))
	};
}

/** Seeds only an empty database, so restarts never duplicate or reset anything. */
export async function seedIfEmpty(store: Store, now = Date.now()): Promise<boolean> {
	if (!(await store.isEmpty())) return false;
	await store.seed(demoSeed(now));
	return true;
}
