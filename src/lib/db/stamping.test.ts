import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareRequest } from '../sync/push';
import type { StampingSubmission } from '../domain/stamping';
import { saveGeneratedContract } from './contracts';
import { forgetDb, getDb } from './database';
import { ImmutableRecordError } from './immutability';
import { StampingError, SubmittedStampingError, stampingDraftKey, submitStamping } from './stamping';
import { exampleFrameworkRecord } from '../../../tests/support/lib/db/records';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

const submission: StampingSubmission = {
	returnAddress: {
		recipient: '李喆',
		phone: '13800138000',
		province: '广东省',
		city: '深圳市',
		district: '南山区',
		address: '科技园科苑路 8 号 12 层',
		postalCode: '518057'
	},
	outbound: { courier: '顺丰速运', trackingNumber: 'SF1234567890' }
};

async function aContract(): Promise<string> {
	const record = exampleFrameworkRecord();
	await saveGeneratedContract({
		record,
		contentHash: 'c'.repeat(64),
		pdf: new Uint8Array([1]),
		pdfSha256: 'a'.repeat(64)
	});
	return record.id;
}

describe('submitStamping', () => {
	it('writes the request and its outbox row and deletes the draft, in one transaction', async () => {
		const id = await aContract();
		const db = getDb();
		await db.drafts.put({ key: stampingDraftKey(id), value: { recipient: '李' }, updatedAt: 1 });
		await db.drafts.put({ key: 'another-form', value: {}, updatedAt: 1 });

		const row = await submitStamping(id, submission, new Date('2026-11-26T02:00:00Z'));
		expect(row).toEqual({
			contractId: id,
			status: 'submitted',
			submission,
			submittedAt: '2026-11-26T10:00:00.000+08:00'
		});
		expect(await db.stampingRequests.get(id)).toEqual(row);
		const outbox = await db.outbox.where('resourceId').equals(id).toArray();
		outbox.sort((a, b) => a.kind.localeCompare(b.kind));
		expect(outbox.map((r) => [r.kind, r.status])).toEqual([
			['registerContract', 'pending'],
			['submitStamping', 'pending']
		]);
		// The push builds its PUT from this payload.
		expect(await prepareRequest(outbox[1]!)).toEqual({ path: `/contracts/${id}/stamping`, body: submission });
		expect(await db.drafts.get(stampingDraftKey(id))).toBeUndefined();
		expect(await db.drafts.get('another-form')).toBeDefined();
	});

	it('stores the trimmed submission and leaves out an absent outbound shipment', async () => {
		const id = await aContract();
		const row = await submitStamping(id, { returnAddress: { ...submission.returnAddress, recipient: '  李喆 ' } });
		expect(row.submission).toEqual({ returnAddress: submission.returnAddress });
	});

	it('refuses an invalid address with field keys, and writes nothing', async () => {
		const id = await aContract();
		const bad = {
			returnAddress: { ...submission.returnAddress, phone: '12345', district: '朝阳区', postalCode: '5180' }
		};
		const error = await submitStamping(id, bad).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StampingError);
		expect((error as StampingError).code).toBe('invalid');
		expect((error as StampingError).fields).toMatchObject({
			'returnAddress.phone': ['phoneFormat'],
			'returnAddress.postalCode': ['postalCode']
		});
		// A district of another city is caught once the other fields are right.
		const wrongDivision = await submitStamping(id, {
			returnAddress: { ...submission.returnAddress, district: '朝阳区' }
		}).catch((e: unknown) => e);
		expect((wrongDivision as StampingError).fields).toEqual({ 'returnAddress.district': ['division'] });
		expect(await getDb().stampingRequests.count()).toBe(0);
		expect(
			await getDb()
				.outbox.filter((r) => r.kind === 'submitStamping')
				.count()
		).toBe(0);
	});

	it('refuses a contract that is not on this device', async () => {
		await expect(submitStamping(globalThis.crypto.randomUUID(), submission)).rejects.toMatchObject({
			code: 'unknownContract'
		});
		expect(await getDb().outbox.count()).toBe(0);
	});

	it('refuses a second submission, even with the same address, and keeps the first', async () => {
		const id = await aContract();
		const first = await submitStamping(id, submission);
		const other = { returnAddress: { ...submission.returnAddress, recipient: '王珺' } };
		await expect(submitStamping(id, other)).rejects.toMatchObject({ code: 'alreadySubmitted' });
		await expect(submitStamping(id, submission)).rejects.toMatchObject({ code: 'alreadySubmitted' });
		expect(await getDb().stampingRequests.get(id)).toEqual(first);
		expect(
			await getDb()
				.outbox.filter((r) => r.kind === 'submitStamping')
				.count()
		).toBe(1);
	});

	it('keeps the draft when the transaction fails', async () => {
		const id = await aContract();
		await submitStamping(id, submission);
		await getDb().drafts.put({ key: stampingDraftKey(id), value: { recipient: '王' }, updatedAt: 1 });
		await expect(submitStamping(id, submission)).rejects.toThrow(StampingError);
		expect(await getDb().drafts.get(stampingDraftKey(id))).toBeDefined();
	});
});

describe('the data layer guards a submitted request', () => {
	it('refuses to change or delete it, directly or by put()', async () => {
		const id = await aContract();
		const row = await submitStamping(id, submission);
		const db = getDb();
		await expect(db.stampingRequests.update(id, { 'submission.returnAddress.recipient': '王珺' })).rejects.toThrow(
			SubmittedStampingError
		);
		await expect(db.stampingRequests.update(id, { status: 'draft' })).rejects.toThrow(ImmutableRecordError);
		await expect(
			db.stampingRequests.put({
				...row,
				submission: { returnAddress: { ...submission.returnAddress, postalCode: '100000' } }
			})
		).rejects.toThrow(SubmittedStampingError);
		await expect(db.stampingRequests.delete(id)).rejects.toThrow(SubmittedStampingError);
		await expect(
			db.stampingRequests.where('status').equals('submitted').modify({ submittedAt: null })
		).rejects.toThrow();
		expect(await db.stampingRequests.get(id)).toEqual(row);
	});

	it('accepts writing the same values again (a backup import does)', async () => {
		const id = await aContract();
		const row = await submitStamping(id, submission);
		await getDb().stampingRequests.put(structuredClone(row));
		expect(await getDb().stampingRequests.get(id)).toEqual(row);
	});

	it('lets a draft row change, be deleted, or become submitted', async () => {
		const id = await aContract();
		const db = getDb();
		await db.stampingRequests.put({
			contractId: id,
			status: 'draft',
			submission: { returnAddress: submission.returnAddress },
			submittedAt: null
		});
		await db.stampingRequests.update(id, { 'submission.returnAddress.recipient': '王珺' });
		await db.stampingRequests.delete(id);
		await db.stampingRequests.put({ contractId: id, status: 'draft', submission, submittedAt: null });
		await submitStamping(id, submission);
		expect((await db.stampingRequests.get(id))?.status).toBe('submitted');
	});
});
