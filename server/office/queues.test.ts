// The office's queues: which queue a request is in, overdue and due-soon first, search by any part of a number or name, counts.
import { describe, expect, it } from 'vitest';
import { extractContractNumber, canonicalAccessCode } from '../../src/lib/domain/office';
import { SCHEDULE_2025, SCHEDULE_2026 } from '../../tests/support/lib/domain/holiday-calendars';
import { workCalendar } from '../../src/lib/domain/workdays';
import type { PaperCopyRow } from '../store/index';
import { RETURN_ADDRESS } from '../../tests/support/server/app';
import { newAccessCode } from './access-codes';
import { queuePage, workdaysUntil } from './queues';

const calendar = workCalendar([SCHEDULE_2025, SCHEDULE_2026]);
// Monday 2026-11-30, 10:00 in Shanghai.
const NOW = Date.parse('2026-11-30T02:00:00Z');

let n = 0;
function row(
	company: string,
	events: [PaperCopyRow['events'][number]['kind'], string][],
	submittedAt = '2026-10-01T00:00:00Z'
): PaperCopyRow {
	const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
	return {
		contractId: id,
		accountId: 'acct-1',
		number: `HT-20261001-${(n * 0x1234567).toString(16).toUpperCase().padStart(16, 'A')}`,
		kind: 'framework',
		companyName: company,
		submission: { returnAddress: RETURN_ADDRESS },
		submittedAt,
		events: events.map(([kind, at]) => ({ id: `${id}:${kind}`, contractId: id, kind, at }))
	};
}

describe('queues', () => {
	// 15 working days after a receipt: received 2026-11-06 (Fri) → due 2026-11-27 (Fri): overdue on the 30th.
	const overdue = row('逾期科技', [['received', '2026-11-06T10:00:00+08:00']]);
	// Received 2026-11-12 (Thu) → due 2026-12-03 (Thu): 3 working days away → due soon.
	const soon = row('将到期科技', [
		['received', '2026-11-12T10:00:00+08:00'],
		['stamped', '2026-11-20T10:00:00+08:00']
	]);
	const later = row('从容科技', [['received', '2026-11-27T10:00:00+08:00']]);
	const waitingOld = row('早寄科技', [], '2026-09-01T00:00:00Z');
	const waitingNew = row('晚寄科技', [], '2026-11-01T00:00:00Z');
	const back = row('寄回科技', [
		['received', '2026-10-01T10:00:00+08:00'],
		['stamped', '2026-10-02T10:00:00+08:00'],
		['returned', '2026-10-03T10:00:00+08:00']
	]);
	const rows = [later, soon, waitingNew, back, overdue, waitingOld];
	const page = (queue: 'awaiting' | 'received' | 'stamped' | 'returned', q?: string) =>
		queuePage(rows, calendar, NOW, { queue, q, limit: 50, offset: 0 });

	it('sorts each queue as the work needs it and counts all four', () => {
		expect(page('awaiting').items.map((i) => i.companyName)).toEqual(['早寄科技', '晚寄科技']);
		const held = page('received');
		expect(held.items.map((i) => [i.companyName, i.overdue, i.dueSoon])).toEqual([
			['逾期科技', true, false],
			['从容科技', false, false]
		]);
		expect(page('stamped').items[0]).toMatchObject({ companyName: '将到期科技', dueSoon: true, overdue: false });
		expect(page('returned').items[0]).toMatchObject({ companyName: '寄回科技', due: null, overdue: false });
		expect(held.counts).toEqual({ awaiting: 2, received: 2, stamped: 1, returned: 1 });
	});

	it('an overdue copy comes before a due-soon one in the same queue, and both before the rest', () => {
		const mixed = [later, { ...soon, events: soon.events.slice(0, 1) }, overdue];
		const items = queuePage(mixed, calendar, NOW, { queue: 'received', limit: 50, offset: 0 }).items;
		expect(items.map((i) => i.companyName)).toEqual(['逾期科技', '将到期科技', '从容科技']);
	});

	it('searches any part of a number (case, spaces and hyphens ignored) or of the company name', () => {
		const tail = later.number.slice(-9).toLowerCase();
		const part = `${tail.slice(0, 4)} -${tail.slice(4)}`;
		expect(page('received', part).items.map((i) => i.contractId)).toEqual([later.contractId]);
		expect(page('received', '逾期').items.map((i) => i.companyName)).toEqual(['逾期科技']);
		const named = page('received', '科技');
		expect(named.matching).toEqual({ awaiting: 2, received: 2, stamped: 1, returned: 1 });
		expect(page('received', '不存在').matching).toEqual({ awaiting: 0, received: 0, stamped: 0, returned: 0 });
		expect(page('received', '不存在').counts.received).toBe(2);
	});

	it('counts working days to a due date over the published calendar', () => {
		expect(workdaysUntil('2026-11-30', '2026-12-03', calendar)).toBe(3);
		expect(workdaysUntil('2026-11-27', '2026-11-30', calendar)).toBe(1);
		expect(workdaysUntil('2026-11-30', '2026-11-30', calendar)).toBe(0);
	});
});

describe('numbers and codes as people type them', () => {
	it('finds the contract number in what a scanner or a paste gives', () => {
		expect(extractContractNumber(' ht-20261126-1a2b3c4d5e6f4a7b ')).toBe('HT-20261126-1A2B3C4D5E6F4A7B');
		expect(extractContractNumber('https://x.example/verify?n=HT-20251126-1A2B3C4D')).toBe('HT-20251126-1A2B3C4D');
		expect(extractContractNumber('nothing here')).toBeNull();
	});

	it('issues 140-bit codes in 7 groups of 4, each different, that read back however typed', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const { code, groups } = newAccessCode();
			expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
			expect(groups.join('-')).toBe(code);
			expect(canonicalAccessCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
			seen.add(code);
		}
		expect(seen.size).toBe(200);
		expect(canonicalAccessCode('demo')).toBeNull();
	});
});
