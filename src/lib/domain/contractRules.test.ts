// The rules a contract must meet against the provider's records: every printed field, one at a time, and the number's odds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractNumber, contractRecord, numberCollisionOdds, uuidV4RandomBits, type ContractRecord } from './contract';
import {
	contractDiscrepancies,
	ordersAttachedElsewhere,
	partyAOf,
	unattachableOrders,
	type ContractFacts
} from './contractRules';
import { creditCodeCheckChar } from './creditCode';
import type { Filing } from './filing';
import type { VerifiedIdentity } from './identity';
import type { Order } from './order';
import { CURRENT_TEMPLATE_VERSION, TEMPLATE_VERSIONS } from './templateVersions';

const withCheckChar = (first17: string) => first17 + creditCodeCheckChar(first17)!;
const identity: VerifiedIdentity = {
	status: 'verified',
	accountId: 'acc-1',
	entityType: 'enterprise',
	legalName: '深圳市喆堃科技有限公司',
	creditCode: '91350100M000100Y43',
	legalRepresentative: '张喆',
	registeredAddress: '深圳市南山区科技园',
	verifiedAt: '2026-01-01T00:00:00+08:00'
};
const provider = {
	name: '云栈科技有限公司',
	creditCode: withCheckChar('91440300MA5HYUNKJ'),
	registeredAddress: '深圳市南山区云栈大厦'
};
const order = (id: string, amountFen: number): Order => ({
	id,
	product: '云服务器 CVM',
	spec: '2核4GB',
	billingMode: 'prepaid',
	amountFen,
	currency: 'CNY',
	paidAt: '2026-03-01T10:00:00+08:00',
	status: 'paid',
	updatedAt: '2026-03-01T10:00:00+08:00'
});
const orders = new Map(
	[order('20260301000000000001', 123_456), order('20260301000000000002', 1)].map((o) => [o.id, o])
);
const filing: Filing = {
	id: 'filing-1',
	filingNumber: '粤ICP备2023012345号',
	orderNumber: '440300230412000123',
	entityName: identity.legalName,
	sites: [
		{ siteNumber: '粤ICP备2023012345号-1', name: '官网', domains: ['zhekun.cn', 'www.zhekun.cn'] },
		{ siteNumber: '粤ICP备2023012345号-2', name: '商城', domains: ['shop.zhekun.cn'] }
	],
	status: 'approved',
	filedOn: '2023-04-20',
	updatedAt: '2023-04-20T09:00:00+08:00'
};
const NOW = Date.parse('2026-11-26T10:00:00+08:00');
const facts: ContractFacts = {
	identity,
	provider,
	now: NOW,
	clockSkewMs: 5 * 60_000,
	order: (id) => orders.get(id),
	filing: (id) => (id === filing.id ? filing : undefined)
};

function genuine(kind: ContractRecord['kind'], id = '5f0c3b5e-8f64-4a9b-9a57-3d1c2b7e9f10'): ContractRecord {
	const createdAt = '2026-11-26T09:30:00.000+08:00';
	const templateVersion = CURRENT_TEMPLATE_VERSION[kind];
	const base = {
		id,
		number: contractNumber(id, createdAt, templateVersion),
		templateVersion,
		createdAt,
		partyA: partyAOf(identity),
		partyB: { ...provider },
		contact: { person: '王珺', phone: '13800138000', email: 'wang@example.com', mailingAddress: '深圳市南山区' }
	};
	const { status: _s, updatedAt: _u, ...snapshot } = filing;
	const lines = [...orders.values()].map(({ currency: _c, status: _st, updatedAt: _up, ...line }) => line);
	const record =
		kind === 'framework'
			? { kind, ...base }
			: kind === 'filing'
				? { kind, ...base, filing: structuredClone(snapshot) }
				: { kind, ...base, orders: lines, totalFen: lines.reduce((s, o) => s + o.amountFen, 0) };
	return contractRecord.parse(record);
}

/** A copy of the record with one field changed; totals follow a changed amount so only the rule under test fails. */
function mutate(record: ContractRecord, path: string, value: unknown): ContractRecord {
	const copy = structuredClone(record) as unknown as Record<string, unknown>;
	const keys = path.split('.');
	let target = copy as Record<string, unknown>;
	for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
	target[keys.at(-1)!] = value;
	if (copy.kind === 'order')
		copy.totalFen = (copy.orders as { amountFen: number }[]).reduce((s, o) => s + o.amountFen, 0);
	return copy as unknown as ContractRecord;
}

describe('contractDiscrepancies', () => {
	it.each(['framework', 'filing', 'order'] as const)('accepts a genuine %s contract', (kind) => {
		expect(contractDiscrepancies(genuine(kind), facts)).toEqual([]);
	});

	it.each([
		['framework', 'partyA.name', '别的公司', 'partyAMismatch'],
		['framework', 'partyA.creditCode', provider.creditCode, 'partyAMismatch'],
		['framework', 'partyA.legalRepresentative', '李四', 'partyAMismatch'],
		['framework', 'partyA.registeredAddress', '北京市', 'partyAMismatch'],
		// Exact comparison: a name differing only by a space is another name on a legal document.
		['framework', 'partyA.name', `${identity.legalName} `, 'partyAMismatch'],
		['framework', 'partyB.name', '别的服务商', 'partyBMismatch'],
		['framework', 'partyB.creditCode', identity.creditCode, 'partyBMismatch'],
		['framework', 'partyB.registeredAddress', '上海市', 'partyBMismatch'],
		['framework', 'templateVersion', 'CD-XX-1999.1', 'templateVersionUnknown'],
		['framework', 'number', 'HT-20261126-00000000', 'numberMismatch'],
		['framework', 'createdAt', '2099-01-01T00:00:00.000+08:00', 'createdInFuture'],
		['framework', 'createdAt', '2001-01-01T00:00:00.000+08:00', 'createdBeforeVerification'],
		['order', 'orders.0.id', '99999999999999999999', 'orderUnknown'],
		['order', 'orders.0.amountFen', 1, 'orderMismatch'],
		['order', 'orders.0.amountFen', Number.MAX_SAFE_INTEGER, 'orderMismatch'],
		['order', 'orders.1.product', '不存在的产品', 'orderMismatch'],
		['order', 'orders.1.spec', '128核', 'orderMismatch'],
		['order', 'orders.1.billingMode', 'postpaid', 'orderMismatch'],
		['order', 'orders.1.paidAt', '2026-03-02T10:00:00+08:00', 'orderMismatch'],
		['filing', 'filing.id', 'filing-of-someone-else', 'filingUnknown'],
		['filing', 'filing.filingNumber', '京ICP备99999999号', 'filingMismatch'],
		['filing', 'filing.orderNumber', '999999999999', 'filingMismatch'],
		['filing', 'filing.entityName', '别的公司', 'filingMismatch'],
		['filing', 'filing.filedOn', '2020-01-01', 'filingMismatch'],
		['filing', 'filing.sites.0.domains', ['zhekun.cn', 'evil.example.com'], 'filingMismatch'],
		['filing', 'filing.sites.1.name', '假网站', 'filingMismatch'],
		['filing', 'filing.sites.1.siteNumber', '粤ICP备2023012345号-9', 'filingMismatch'],
		['filing', 'filing.sites', [filing.sites[0]], 'filingMismatch']
	] as const)('%s: %s = %j → %s', (kind, path, value, code) => {
		let record = mutate(genuine(kind), path, value);
		// The number carries the creation date: keep it derived so that only createdAt is under test.
		if (path === 'createdAt')
			record = { ...record, number: contractNumber(record.id, record.createdAt, record.templateVersion) };
		const found = contractDiscrepancies(record, facts);
		expect(found).toEqual([expect.objectContaining({ path, code })]);
	});

	it("the verification origin printed in the QR code is the provider's (since 2026.2; none in 2026.1 records)", () => {
		const withOrigin = { ...facts, provider: { ...provider, verifyOrigin: 'https://contracts.example.cn' } };
		const record = genuine('framework');
		const origin = (o: string | undefined) => ({ ...record, partyB: { ...record.partyB, verifyOrigin: o } });
		expect(contractDiscrepancies(origin('https://contracts.example.cn'), withOrigin)).toEqual([]);
		for (const other of ['https://evil.example.cn', undefined]) {
			expect(contractDiscrepancies(origin(other), withOrigin)).toEqual([
				{ path: 'partyB.verifyOrigin', code: 'partyBMismatch' }
			]);
		}
		const old = {
			...origin(undefined),
			templateVersion: 'CD-FA-2026.1',
			number: contractNumber(record.id, record.createdAt, 'CD-FA-2026.1')
		};
		expect(contractDiscrepancies(old, withOrigin)).toEqual([]);
		expect(
			contractDiscrepancies(
				{ ...old, partyB: { ...old.partyB, verifyOrigin: 'https://contracts.example.cn' } },
				withOrigin
			)
		).toEqual([{ path: 'partyB.verifyOrigin', code: 'partyBMismatch' }]);
	});

	it('refuses a refunded order and a revoked filing', () => {
		const refunded = { ...facts, order: (id: string) => ({ ...orders.get(id)!, status: 'refunded' as const }) };
		expect(contractDiscrepancies(genuine('order'), refunded).map((d) => d.code)).toEqual([
			'orderRefunded',
			'orderRefunded'
		]);
		const revoked = { ...facts, filing: () => ({ ...filing, status: 'revoked' as const }) };
		expect(contractDiscrepancies(genuine('filing'), revoked)).toEqual([{ path: 'filing.id', code: 'filingRevoked' }]);
	});

	it('allows the configured clock skew and no more', () => {
		const ahead = (ms: number) => mutate(genuine('framework'), 'createdAt', new Date(NOW + ms).toISOString());
		// The number carries the date: recompute it so only createdAt is under test.
		const fix = (r: ContractRecord) => ({ ...r, number: contractNumber(r.id, r.createdAt, r.templateVersion) });
		expect(contractDiscrepancies(fix(ahead(facts.clockSkewMs)), facts)).toEqual([]);
		expect(contractDiscrepancies(fix(ahead(facts.clockSkewMs + 1000)), facts)).toEqual([
			{ path: 'createdAt', code: 'createdInFuture' }
		]);
	});

	it('property: any change to one printed string field of a genuine record is refused', () => {
		const kinds = ['framework', 'filing', 'order'] as const;
		const printed: Record<(typeof kinds)[number], string[]> = {
			framework: [
				'partyA.name',
				'partyA.creditCode',
				'partyA.legalRepresentative',
				'partyA.registeredAddress',
				'partyB.name',
				'partyB.creditCode',
				'partyB.registeredAddress',
				'number',
				'templateVersion'
			],
			filing: [
				'filing.id',
				'filing.filingNumber',
				'filing.orderNumber',
				'filing.entityName',
				'filing.filedOn',
				'filing.sites.0.siteNumber',
				'filing.sites.0.name',
				'filing.sites.1.domains.0'
			],
			order: ['orders.0.id', 'orders.0.product', 'orders.0.spec', 'orders.0.paidAt', 'orders.1.product']
		};
		fc.assert(
			fc.property(
				fc
					.constantFrom(...kinds)
					.chain((kind) =>
						fc.tuple(fc.constant(kind), fc.constantFrom(...printed[kind]), fc.string({ minLength: 1, maxLength: 8 }))
					),
				([kind, path, suffix]) => {
					const record = genuine(kind);
					const old = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], record) as string;
					expect(contractDiscrepancies(mutate(record, path, old + suffix), facts).length).toBeGreaterThan(0);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('property: any other amount of an attached order is refused', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 1 }), (amount, i) => {
				const record = genuine('order');
				fc.pre(record.kind === 'order' && record.orders[i]!.amountFen !== amount);
				expect(contractDiscrepancies(mutate(record, `orders.${i}.amountFen`, amount), facts)).toEqual([
					expect.objectContaining({ path: `orders.${i}.amountFen`, code: 'orderMismatch' })
				]);
			})
		);
	});
});

describe('ordersAttachedElsewhere', () => {
	it('names the order lines another contract holds, not the record itself', () => {
		const record = genuine('order');
		const held = { contractId: 'c-2', number: 'HT-20261101-AAAAAAAA' };
		expect(ordersAttachedElsewhere(record, (id) => (id === '20260301000000000002' ? held : undefined))).toEqual([
			{ path: 'orders.1.id', code: 'orderAlreadyAttached', id: '20260301000000000002', ...held }
		]);
		expect(ordersAttachedElsewhere(record, () => ({ contractId: record.id, number: record.number }))).toEqual([]);
		expect(ordersAttachedElsewhere(genuine('framework'), () => held)).toEqual([]);
	});
});

describe('unattachableOrders', () => {
	it('names unknown and refunded orders in line order', () => {
		const lookup = (id: string) =>
			id === '1' ? { status: 'paid' as const } : id === '2' ? { status: 'refunded' as const } : undefined;
		expect(unattachableOrders([{ id: '9' }, { id: '1' }, { id: '2' }], lookup)).toEqual([
			{ index: 0, id: '9', problem: 'orderUnknown' },
			{ index: 2, id: '2', problem: 'orderRefunded' }
		]);
	});
});

describe('contract numbers', () => {
	it('count only the random bits of a UUID v4 (the version digit is fixed, the variant digit half)', () => {
		expect(uuidV4RandomBits(8)).toBe(32);
		expect(uuidV4RandomBits(13)).toBe(48);
		expect(uuidV4RandomBits(16)).toBe(60);
		expect(uuidV4RandomBits(17)).toBe(62);
	});

	it('collide less than once in 10,000 years-worth of registries at 100,000 contracts a day', () => {
		for (const [version, info] of Object.entries(TEMPLATE_VERSIONS)) {
			// 2026.1 printed 8 hex digits; every later version must meet the target.
			if (version === 'CD-FA-2026.1') {
				expect(numberCollisionOdds(100_000, 365, info.numberHexDigits)).toBeGreaterThan(0.99);
				continue;
			}
			expect(numberCollisionOdds(100_000, 365, info.numberHexDigits)).toBeLessThan(1e-4);
		}
		expect(numberCollisionOdds(100_000, 365, 16)).toBeLessThan(1e-4);
		expect(numberCollisionOdds(100_000, 365, 14)).toBeGreaterThan(1e-4);
	});

	it('keep the shape people know: HT-date-first hex digits of the id, upper case', () => {
		const id = '51bfe982-4a3c-4d12-9abc-def012345678';
		expect(contractNumber(id, '2026-12-02T10:00:00+08:00', 'CD-FA-2026.1')).toBe('HT-20261202-51BFE982');
		// Versions after 2026.1 print 16 digits; the 13th is the UUID's version digit.
		expect(contractNumber(id, '2026-12-02T10:00:00+08:00', 'CD-FA-2099.1')).toBe('HT-20261202-51BFE9824A3C4D12');
	});
});
