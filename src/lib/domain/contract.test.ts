// Contract rules shared by browser and server: who the parties must be, and which orders may be attached.
import { describe, expect, it } from 'vitest';
import { partyMismatches, unattachableOrders } from './contract';

const A = '91350100M000100Y43';
const B = '91110000802100433B';
const identity = { legalName: '深圳市喆堃科技有限公司', creditCode: A };
const provider = { name: '云栈科技有限公司', creditCode: B };
const parties = (a: { name?: string; creditCode?: string } = {}, b: { name?: string; creditCode?: string } = {}) => ({
	partyA: { name: identity.legalName, creditCode: A, ...a },
	partyB: { name: provider.name, creditCode: B, ...b }
});

describe('partyMismatches', () => {
	it.each([
		['both parties as they must be', parties(), []],
		['Party A name of another entity', parties({ name: '别的公司' }), ['partyA.name']],
		['Party A credit code of another entity', parties({ creditCode: B }), ['partyA.creditCode']],
		['Party A entirely another entity', parties({ name: '别的公司', creditCode: B }), ['partyA.name', 'partyA.creditCode']],
		['Party B name not the provider', parties({}, { name: '别的服务商' }), ['partyB.name']],
		['Party B credit code not the provider', parties({}, { creditCode: A }), ['partyB.creditCode']],
		['parties swapped', parties({ name: provider.name, creditCode: B }, { name: identity.legalName, creditCode: A }), ['partyA.name', 'partyA.creditCode', 'partyB.name', 'partyB.creditCode']],
		// Exact comparison: a name differing only by a space is another name on a legal document.
		['Party A name with an extra space', parties({ name: `${identity.legalName} ` }), ['partyA.name']]
	])('%s', (_case, record, expected) => {
		expect(partyMismatches(record, identity, provider)).toEqual(expected);
	});
});

describe('unattachableOrders', () => {
	const orders = new Map([
		['1000000001', { status: 'paid' as const }],
		['1000000002', { status: 'refunded' as const }]
	]);
	const lookup = (id: string) => orders.get(id);

	it.each([
		['only paid orders', ['1000000001'], []],
		['a refunded order', ['1000000001', '1000000002'], [{ index: 1, id: '1000000002', problem: 'orderRefunded' }]],
		['an order the account does not have', ['1000000009'], [{ index: 0, id: '1000000009', problem: 'orderUnknown' }]],
		[
			'both, in line order',
			['1000000009', '1000000001', '1000000002'],
			[
				{ index: 0, id: '1000000009', problem: 'orderUnknown' },
				{ index: 2, id: '1000000002', problem: 'orderRefunded' }
			]
		]
	])('%s', (_case, ids, expected) => {
		expect(unattachableOrders(ids.map((id) => ({ id })), lookup)).toEqual(expected);
	});
});
