// Pull writes server-side status changes into Dexie: contract status and stamping events move, the record never does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/db/database';
import { getMeta, META } from '../../src/lib/db/meta';
import { changesResponse, type ChangesResponse } from '../../src/lib/domain/changes';
import { applyChanges } from '../../src/lib/db/merge';
import { changesBody, queueContract, resetDevice } from '../support/unit/helpers';

beforeEach(() => resetDevice());
afterEach(() => getDb().close());

/** A delta as GET /changes sends it, before parsing (so extra fields can ride along). */
function rawDelta(contracts: unknown[], stampingEvents: unknown[]) {
	return changesBody('acct-1', {
		cursor: 'c-2',
		identity: { status: 'unverified', accountId: 'acct-1', accountName: '测试账号' },
		contracts,
		stampingEvents
	});
}

describe('applyChanges', () => {
	it('moves contract status and stores stamping events; record fields stay as generated', async () => {
		const a = await queueContract();
		const b = await queueContract();
		const before = await getDb().contracts.get(a.id);
		const unknownId = globalThis.crypto.randomUUID();
		const registeredAt = '2026-11-27T02:00:00.000Z';
		const delta = changesResponse.parse(
			rawDelta(
				[
					// A server that (wrongly) echoes record fields: they must not reach the device's record.
					{ id: a.id, status: 'effective', registeredAt, number: 'CHANGED', partyA: { name: '别的公司' } },
					// A contract this device never made: nothing is created for it.
					{ id: unknownId, status: 'effective', registeredAt }
				],
				[
					{ id: 'ev-1', contractId: a.id, kind: 'received', at: '2026-11-28T09:00:00+08:00' },
					{ id: 'ev-2', contractId: a.id, kind: 'stamped', at: '2026-11-29T09:00:00+08:00' },
					{
						id: 'ev-3',
						contractId: a.id,
						kind: 'returned',
						at: '2026-11-30T09:00:00+08:00',
						shipment: { courier: '顺丰速运', trackingNumber: 'SF1234567890' }
					}
				]
			)
		);
		await applyChanges(delta, new Date('2026-12-01T00:00:00Z'));

		const after = await getDb().contracts.get(a.id);
		expect(after).toMatchObject({ status: 'effective', registeredAt });
		// Every field other than the two the provider owns is exactly as generated.
		const { status: _s1, registeredAt: _r1, ...recordBefore } = before!;
		const { status: _s2, registeredAt: _r2, ...recordAfter } = after!;
		expect(recordAfter).toEqual(recordBefore);
		expect(after!.number).toBe(a.number);
		// The other contract is untouched; the unknown one was not invented.
		expect(await getDb().contracts.get(b.id)).toMatchObject({ status: 'pending', registeredAt: null });
		expect(await getDb().contracts.get(unknownId)).toBeUndefined();

		const events = await getDb().stampingEvents.where('contractId').equals(a.id).sortBy('at');
		expect(events.map((e) => e.kind)).toEqual(['received', 'stamped', 'returned']);
		expect(events[2]!.shipment).toEqual({ courier: '顺丰速运', trackingNumber: 'SF1234567890' });
		expect(await getMeta(META.cursor)).toBe('c-2');
		expect(await getMeta(META.lastSyncAt)).toBe('2026-12-01T00:00:00.000Z');
	});

	it('ignores record fields even when handed an unparsed delta, and a repeated delta changes nothing', async () => {
		const a = await queueContract();
		const before = await getDb().contracts.get(a.id);
		const delta = rawDelta(
			[{ id: a.id, status: 'effective', registeredAt: '2026-11-27T02:00:00.000Z', contact: { person: '别人' } }],
			[{ id: 'ev-1', contractId: a.id, kind: 'received', at: '2026-11-28T09:00:00+08:00' }]
		) as unknown as ChangesResponse;
		await applyChanges(delta);
		await applyChanges(delta);
		const after = await getDb().contracts.get(a.id);
		expect(after!.contact).toEqual(before!.contact);
		expect(after!.status).toBe('effective');
		expect(await getDb().stampingEvents.count()).toBe(1);
	});
});
