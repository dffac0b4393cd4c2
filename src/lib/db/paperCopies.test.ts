// Paper copies across contracts: states by contract, the list by state, and the contracts still eligible for one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveGeneratedContract } from './contracts';
import { forgetDb, getDb } from './database';
import { contractsByPaperState, eligibleForStamping } from './paperCopies';
import { allPaperSummaries, paperSummaries, STAMPING_DRAFT_PREFIX } from './paperSummaries';
import { stampingDraftKey, submitStamping } from './stamping';
import { exampleFrameworkRecord } from '../../../tests/support/lib/db/records';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

const address = {
	recipient: '王珺',
	phone: '13800138000',
	province: '广东省',
	city: '深圳市',
	district: '南山区',
	address: '科技园科苑路 8 号',
	postalCode: '518057'
};

async function contract(createdAt: string) {
	const record = exampleFrameworkRecord(createdAt);
	await saveGeneratedContract({
		record,
		contentHash: 'c'.repeat(64),
		pdf: new Uint8Array([37]),
		pdfSha256: 'a'.repeat(64)
	});
	return record.id;
}

describe('paper copies', () => {
	it('uses the return-address form’s draft key', () => expect(stampingDraftKey('x')).toBe(`${STAMPING_DRAFT_PREFIX}x`));

	it('knows each contract’s state, lists them by state and leaves the taken ones out of step 1', async () => {
		const db = getDb();
		const [none, opened, typed, toMail, received] = await Promise.all(
			['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'].map((d) => contract(`${d}T10:00:00+08:00`))
		);
		await db.drafts.put({ key: stampingDraftKey(opened!), value: { recipient: '', phone: '' }, updatedAt: 1 });
		await db.drafts.put({ key: stampingDraftKey(typed!), value: { recipient: '王', phone: '' }, updatedAt: 1 });
		await submitStamping(toMail!, { returnAddress: address });
		await submitStamping(received!, { returnAddress: address });
		await db.stampingEvents.add({ id: 'e1', contractId: received!, kind: 'received', at: '2026-12-03T09:00:00+08:00' });

		const states = await paperSummaries([none!, opened!, typed!, toMail!, received!]);
		expect(Object.fromEntries([...states].map(([id, s]) => [id, s.state]))).toEqual({
			[typed!]: 'draft',
			[toMail!]: 'toMail',
			[received!]: 'received'
		});
		expect((await allPaperSummaries()).size).toBe(3);

		const byReceived = await contractsByPaperState('received', {}, 0, 20);
		expect(byReceived.rows.map((r) => [r.contract.id, r.paper.receivedAt])).toEqual([
			[received, '2026-12-03T09:00:00+08:00']
		]);
		expect((await contractsByPaperState('any', {}, 0, 20)).total).toBe(3);
		expect((await contractsByPaperState('toMail', { kind: 'order' }, 0, 20)).total).toBe(0);

		// Step 1 offers the contracts without a submitted request (a draft is still open), newest first.
		const eligible = await eligibleForStamping(0, 20);
		expect(eligible.rows.map((r) => r.id)).toEqual([typed, opened, none]);
		expect(eligible.total).toBe(3);
	});
});
