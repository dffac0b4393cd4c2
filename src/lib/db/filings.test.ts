import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Filing } from '../domain/filing';
import { forgetDb, getDb } from './database';
import { listFilings } from './filings';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

const filing = (id: string, filingNumber: string, filedOn: string, status: Filing['status'] = 'approved'): Filing => ({
	id,
	filingNumber,
	orderNumber: `order-${id}`,
	entityName: '深圳市喆堃珺玥网络科技有限公司',
	filedOn,
	status,
	updatedAt: `${filedOn}T00:00:00+08:00`,
	sites: [{ siteNumber: `${filingNumber}-1`, name: '官网', domains: ['example.com'] }]
});

describe('listFilings', () => {
	it('is empty before the first pull', async () => {
		expect(await listFilings()).toEqual([]);
	});

	it('lists newest filing date first, a day’s filings by number (code point order), revoked ones included (the picker shows them disabled)', async () => {
		await getDb().filings.bulkPut([
			filing('a', '粤ICP备10000002号', '2024-03-01'),
			filing('b', '粤ICP备10000003号', '2025-06-30', 'revoked'),
			filing('c', '京ICP备10000009号', '2024-03-01'),
			filing('d', '浙ICP备10000001号', '2024-03-01')
		]);
		const listed = await listFilings();
		expect(listed.map((f) => f.id)).toEqual(['b', 'c', 'd', 'a']);
		expect(listed[0]!.status).toBe('revoked');
	});
});
