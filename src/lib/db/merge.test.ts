// The merge rules alone: which side wins for a paper-copy request, a contract and a holiday year.
import { describe, expect, it } from 'vitest';
import { finalRequestChange, frozenContractChange, holidayYearWins, isFinal, requestMerge } from './mergeRules';
import { exampleFrameworkRecord, exampleSubmission } from '../../../tests/support/lib/db/records';
import type { ContractRow, HolidayYearRow, StampingRequestRow } from './types';

function submitted(contractId: string, address?: string): StampingRequestRow {
	return {
		contractId,
		status: 'submitted',
		submission: exampleSubmission(address),
		submittedAt: '2026-12-01T10:00:00+08:00'
	};
}

function draft(contractId: string, recipient = '王'): StampingRequestRow {
	const submission = exampleSubmission();
	submission.returnAddress.recipient = recipient;
	return { contractId, status: 'draft', submission, submittedAt: null };
}

describe('merge rules', () => {
	it('a paper-copy request: added when missing, a final one never replaced, a final one replaces a draft', () => {
		const id = globalThis.crypto.randomUUID();
		expect(requestMerge(undefined, submitted(id))).toBe('add');
		expect(requestMerge(submitted(id), submitted(id))).toBe('same');
		expect(requestMerge(submitted(id), submitted(id, '别的地址'))).toBe('conflict');
		expect(requestMerge(submitted(id), draft(id))).toBe('keep');
		expect(requestMerge(draft(id), submitted(id))).toBe('replace');
		expect(requestMerge(draft(id), draft(id, '李'))).toBe('keep');
	});

	it('a stored request may change while a draft and never once submitted', () => {
		const id = globalThis.crypto.randomUUID();
		expect(isFinal(submitted(id))).toBe(true);
		expect(isFinal(draft(id))).toBe(false);
		expect(isFinal(undefined)).toBe(false);
		expect(finalRequestChange({ 'submission.returnAddress.address': '别的地址' }, submitted(id))).toBe(
			'submission.returnAddress.address'
		);
		// The same values written again (put() over an equal row) are no change.
		expect(finalRequestChange({ submission: submitted(id).submission }, submitted(id))).toBeNull();
		expect(finalRequestChange({ status: 'submitted' }, draft(id))).toBeNull();
	});

	it('a contract: the provider moves status and refusal, the record stays as generated', () => {
		const record = exampleFrameworkRecord();
		const row: ContractRow = {
			...record,
			status: 'pending',
			contentHash: 'c'.repeat(64),
			pdfSha256: 'a'.repeat(64),
			registeredAt: null,
			searchKeys: [record.number.toLowerCase()]
		};
		expect(frozenContractChange({ status: 'effective', registeredAt: '2026-12-01T00:00:00.000Z' }, row)).toBeNull();
		expect(frozenContractChange({ refusal: { code: 'x', detail: '' }, searchParts: ['1'] }, row)).toBeNull();
		expect(frozenContractChange({ 'partyA.name': '别的公司' }, row)).toBe('partyA.name');
		expect(frozenContractChange({ searchKeys: ['other'] }, row)).toBe('searchKeys');
		// Dexie reports an equal array as modified: not a change.
		expect(frozenContractChange({ searchKeys: [...row.searchKeys] }, row)).toBeNull();
	});

	it('a holiday year: an older revision never replaces a newer one', () => {
		const year = (revision: number) => ({ year: 2027, revision }) as unknown as HolidayYearRow;
		expect(holidayYearWins(undefined, year(1))).toBe(true);
		expect(holidayYearWins(year(2), year(2))).toBe(true);
		expect(holidayYearWins(year(2), year(3))).toBe(true);
		expect(holidayYearWins(year(3), year(2))).toBe(false);
	});
});
