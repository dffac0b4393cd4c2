// Built-in example records of each kind (with names outside GB2312), their form a font core alone can draw, and large order contracts for benchmarks.
import { creditCodeCheckChar } from '../domain/creditCode';
import {
	contractNumber,
	contractRecord,
	type FilingContract,
	type FrameworkContract,
	type OrderContract,
	type OrderLine
} from '../domain/contract';
import { CURRENT_TEMPLATE_VERSION, type TemplateVersion } from '../domain/templateVersions';

function creditCode(first17: string): string {
	return first17 + creditCodeCheckChar(first17)!;
}

const CREATED_AT = '2026-03-15T02:30:00.000Z';
export const EXAMPLE_VERIFY_ORIGIN = 'https://contracts.yunzhan.example';

function base(id: string, templateVersion: TemplateVersion) {
	return {
		id,
		number: contractNumber(id, CREATED_AT, templateVersion),
		templateVersion,
		createdAt: CREATED_AT,
		partyA: {
			name: '杭州喆堃珺玥网络科技有限公司',
			creditCode: creditCode('91330106MA2H3K4L5'),
			legalRepresentative: '王喆',
			registeredAddress: '浙江省杭州市西湖区文三路478号堃元大厦12层1203室'
		},
		partyB: {
			name: '云栈数据科技（深圳）有限公司',
			creditCode: creditCode('91440300MA5F6G7H8'),
			registeredAddress: '广东省深圳市南山区粤海街道科技南十二路18号云栈大厦',
			// Records carry the verification origin since 2026.2; the 2026.1 examples stay as they were released.
			...(templateVersion === 'CD-FA-2026.1' ? {} : { verifyOrigin: EXAMPLE_VERIFY_ORIGIN })
		},
		contact: {
			person: '李珺玥',
			phone: '13800138000',
			email: 'junyue.li@zhekun-tech.example.cn',
			mailingAddress: '浙江省杭州市西湖区文三路478号堃元大厦12层 行政部（收）'
		}
	};
}

export function exampleFramework(version: TemplateVersion = CURRENT_TEMPLATE_VERSION.framework): FrameworkContract {
	const record = { kind: 'framework' as const, ...base('5f0c7d2e-8a41-4b6f-9c3d-1e2f3a4b5c6d', version) };
	return contractRecord.parse(record) as FrameworkContract;
}

export function exampleFiling(version: TemplateVersion = CURRENT_TEMPLATE_VERSION.filing): FilingContract {
	const record = {
		kind: 'filing' as const,
		...base('a17b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', version),
		filing: {
			id: 'filing-zj-2024012345',
			filingNumber: '浙ICP备2024012345号',
			orderNumber: '20240320000123456789',
			entityName: '杭州喆堃珺玥网络科技有限公司',
			filedOn: '2024-03-20',
			sites: [
				{
					siteNumber: '浙ICP备2024012345号-1',
					name: '喆堃云文档',
					domains: ['zhekun-docs.example.cn', 'docs.zhekun-tech.example.cn']
				},
				{
					siteNumber: '浙ICP备2024012345号-2',
					name: '珺玥在线商城',
					domains: ['junyue-shop.example.com']
				}
			]
		}
	};
	return contractRecord.parse(record) as FilingContract;
}

const PRODUCTS = [
	['云服务器 ECS', '4核 8GiB｜系统盘 100GiB 高效云盘｜带宽 5Mbps'],
	['对象存储 OSS', '标准存储包 500GiB｜华东1（杭州）'],
	['云数据库 RDS MySQL 版', '高可用版 2核 4GiB｜存储 200GiB'],
	['CDN 流量包', '中国内地 1TB 下行流量'],
	['SSL 证书', 'OV 通配符证书 *.zhekun-tech.example.cn'],
	['负载均衡 SLB', '性能保障型 slb.s2.medium']
] as const;

/** An order contract with n orders (deterministic pseudo-random amounts and dates). */
export function exampleOrderContract(
	n: number,
	version: TemplateVersion = CURRENT_TEMPLATE_VERSION.order
): OrderContract {
	let seed = 20260315;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
	const orders: OrderLine[] = Array.from({ length: n }, (_, i) => {
		const [product, spec] = PRODUCTS[i % PRODUCTS.length]!;
		const paid = Date.parse('2025-01-01T00:00:00Z') + (i * 37 + (next() % 1440)) * 3600_000;
		return {
			id: `2025${String(100000000000 + i * 7919).padStart(14, '0')}`,
			product,
			spec,
			billingMode: i % 3 === 0 ? 'postpaid' : 'prepaid',
			amountFen: 990 + (next() % 5_000_000),
			paidAt: new Date(paid).toISOString()
		};
	});
	const record = {
		kind: 'order' as const,
		...base('c3d4e5f6-a7b8-4c9d-8e0f-112233445566', version),
		orders,
		totalFen: orders.reduce((sum, o) => sum + o.amountFen, 0)
	};
	return contractRecord.parse(record) as OrderContract;
}

export function exampleOrder(version: TemplateVersion = CURRENT_TEMPLATE_VERSION.order): OrderContract {
	return exampleOrderContract(25, version);
}

export const EXAMPLES = {
	framework: exampleFramework,
	filing: exampleFiling,
	order: exampleOrder
} as const;
export type ExampleKind = keyof typeof EXAMPLES;

/** A character every core of a split face has (GB 2312). */
const STAND_IN = '文';

/**
 * A record with each of the `pending` characters (a split face's outlines not on the device yet) replaced by one
 * every core has: a record's names may use rare ones, and a throwaway document need not wait for them.
 */
export function withoutPending<R>(record: R, pending: ReadonlySet<number> | undefined): R {
	if (!pending?.size) return record;
	const replace = (s: string) => Array.from(s, (c) => (pending.has(c.codePointAt(0)!) ? STAND_IN : c)).join('');
	return JSON.parse(JSON.stringify(record), (_key, value: unknown) =>
		typeof value === 'string' ? replace(value) : value
	) as R;
}

/**
 * Party names as long as real ones get, for the execution page: 15 characters that just miss the name's box at
 * the body size (the issue's 「…有限公/司」), a name whose brackets give it two lines, one too long for any size,
 * and one with brackets too long to break only there.
 */
export const LONG_NAMES = {
	justOver: '深圳市喆堃珺玥网络科技有限公司',
	bracketed: '云栈数据科技集团股份有限公司（深圳前海分公司）',
	unbroken: '深圳市前海深港现代服务业合作区喆堃珺玥网络科技研究院有限责任公司第一分公司',
	longBracketed: '中国喆堃珺玥云计算科技集团股份有限公司（深圳前海分公司）'
} as const;

/** Each kind's example with long party names (both parties in the filing and order contracts). */
export const LONG_NAME_EXAMPLES = {
	framework: (version?: TemplateVersion) => withNames(exampleFramework(version), LONG_NAMES.justOver),
	filing: (version?: TemplateVersion) => withNames(exampleFiling(version), LONG_NAMES.bracketed, LONG_NAMES.justOver),
	order: (version?: TemplateVersion) => withNames(exampleOrder(version), LONG_NAMES.unbroken, LONG_NAMES.longBracketed)
} as const;

function withNames<T extends FrameworkContract | FilingContract | OrderContract>(record: T, a: string, b?: string): T {
	const renamed = {
		...record,
		partyA: { ...record.partyA, name: a },
		partyB: { ...record.partyB, name: b ?? record.partyB.name },
		...(record.kind === 'filing' ? { filing: { ...record.filing, entityName: a } } : {})
	};
	return contractRecord.parse(renamed) as T;
}
