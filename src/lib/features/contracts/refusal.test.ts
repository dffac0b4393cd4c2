// Reading a refusal back from the outbox row, and seeding a replacement's flow with the refused contract's details.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetDb, getDb } from '../../db/database';
import { exampleFrameworkRecord } from '../../../../tests/support/lib/db/records';
import type { ContractRow } from '../../db/types';
import { hasOpenDraft, refusalOf, startReplacement } from './refusal';
import { ruleText } from './errors';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

describe('refusalOf', () => {
	it('takes code, detail and every field rule from the stored error', () => {
		const r = refusalOf({
			lastError: {
				code: 'orderMismatch',
				detail:
					'Every printed field … — record.orders.0.amountFen orderMismatch; record.partyA.name partyAMismatch,other',
				status: 422
			}
		});
		expect(r.code).toBe('orderMismatch');
		expect(r.items).toEqual([
			{ path: 'orders.0.amountFen', code: 'orderMismatch' },
			{ path: 'partyA.name', code: 'partyAMismatch' }
		]);
		expect(ruleText(r.items[0]!.path, r.items[0]!.code)).toBe('「第 1 个订单的金额」与订单记录不一致');
	});

	it('reads a refusal without fields', () => {
		expect(refusalOf({ lastError: { code: 'fingerprintMismatch', detail: 'The PDF …' } })).toEqual({
			code: 'fingerprintMismatch',
			detail: 'The PDF …',
			items: []
		});
	});
});

describe('startReplacement', () => {
	it('puts the refused contract’s contact and id into its kind’s flow draft, going to that flow', async () => {
		const record = exampleFrameworkRecord();
		const row = {
			...record,
			status: 'pending',
			contentHash: '',
			pdfSha256: '',
			registeredAt: null,
			searchKeys: []
		} as ContractRow;
		expect(await hasOpenDraft('framework')).toBe(false);
		expect(await startReplacement(row)).toBe('/contracts/new/framework');
		expect(await hasOpenDraft('framework')).toBe(true);
		expect((await getDb().drafts.get('contract.framework'))?.value).toEqual({
			step: 'details',
			contact: record.contact,
			replaces: record.id
		});
	});
});
