// 确认收到's rule: only a returned request, only once, recorded at a time that reads in order.
import { describe, expect, it } from 'vitest';
import { checkReceipt, receiptEventId, receiptTime, stampingReceipt } from './stampingReceipt';

const at = (kind: 'received' | 'stamped' | 'returned' | 'confirmed', when: string) => ({ kind, at: when });

describe('checkReceipt', () => {
	it('refuses before the provider mailed it back', () => {
		expect(checkReceipt([])).toEqual({ kind: 'notReturned' });
		expect(
			checkReceipt([at('received', '2026-12-03T09:00:00+08:00'), at('stamped', '2026-12-04T09:00:00+08:00')])
		).toEqual({ kind: 'notReturned' });
	});
	it('allows it once returned, naming when', () => {
		expect(checkReceipt([at('received', '2026-12-03T09:00:00+08:00'), at('returned', '2026-12-10T09:00:00Z')])).toEqual(
			{
				kind: 'allowed',
				returnedAt: '2026-12-10T09:00:00Z'
			}
		);
	});
	it('refuses a second confirmation, whatever order the events come in', () => {
		expect(
			checkReceipt([at('confirmed', '2026-12-12T09:00:00Z'), at('returned', '2026-12-10T09:00:00Z')])
		).toMatchObject({ kind: 'alreadyConfirmed', event: { at: '2026-12-12T09:00:00Z' } });
	});
});

describe('receiptTime', () => {
	const returnedAt = '2026-12-10T09:00:00Z';
	const now = '2026-12-12T09:00:00Z';
	it('keeps the customer’s time when it lies between the return and now', () => {
		expect(receiptTime('2026-12-11T18:30:00+08:00', returnedAt, now)).toBe('2026-12-11T18:30:00+08:00');
	});
	it('clamps a phone clock that is behind or ahead', () => {
		expect(receiptTime('2026-12-01T09:00:00Z', returnedAt, now)).toBe(returnedAt);
		expect(receiptTime('2027-01-01T09:00:00Z', returnedAt, now)).toBe(now);
	});
});

describe('stampingReceipt', () => {
	it('takes a time with its offset and nothing else', () => {
		expect(stampingReceipt.safeParse({ confirmedAt: '2026-12-11T18:30:00.000+08:00' }).success).toBe(true);
		expect(stampingReceipt.safeParse({ confirmedAt: '2026-12-11' }).success).toBe(false);
		expect(stampingReceipt.safeParse({}).success).toBe(false);
		expect(stampingReceipt.safeParse({ confirmedAt: '2026-12-11T18:30:00Z', extra: 1 }).success).toBe(false);
	});
	it('names one event per request', () => {
		expect(receiptEventId('c1')).toBe('c1:confirmed');
	});
});
