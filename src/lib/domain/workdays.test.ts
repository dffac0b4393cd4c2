import { afterEach, describe, expect, it } from 'vitest';
import { addWorkdays, isDayCertain, isOfficialWorkday, isYearCovered, lastCoveredYear, returnDueDate } from './workdays';

const originalTz = process.env.TZ;
afterEach(() => {
	if (originalTz === undefined) delete process.env.TZ;
	else process.env.TZ = originalTz;
});

describe('the bundled calendar', () => {
	it('knows 2026 (holidays off, make-up days on) and admits that it does not know 2027', () => {
		expect(isOfficialWorkday('2026-10-01')).toBe(false); // National Day
		expect(isOfficialWorkday('2026-09-25')).toBe(false); // Mid-Autumn, a Friday
		expect(isOfficialWorkday('2026-10-10')).toBe(true); // make-up Saturday
		expect(isOfficialWorkday('2026-09-20')).toBe(true); // make-up Sunday
		expect(isOfficialWorkday('2026-10-11')).toBe(false); // plain Sunday
		expect(isYearCovered(2026)).toBe(true);
		expect(isYearCovered(2025)).toBe(true);
		// The library calls New Year's Day 2027 a working day: it simply has no 2027 data.
		expect(isOfficialWorkday('2027-01-01')).toBe(true);
		expect(isYearCovered(2027)).toBe(false);
		expect(lastCoveredYear()).toBe(2026);
		expect(isDayCertain('2026-12-24')).toBe(true);
		expect(isDayCertain('2026-12-28')).toBe(false);
		expect(isDayCertain('2025-12-31')).toBe(true);
	});
});

describe('addWorkdays: received date + 15 working days', () => {
	it.each([
		// [received, due, provisional, what it shows]
		['2026-11-02', '2026-11-23', false, 'three plain weeks'],
		['2026-09-25', '2026-10-22', false, 'the Friday before National Day (itself Mid-Autumn): the Golden Week is skipped, 10-10 counts'],
		['2026-09-30', '2026-10-27', false, 'the last working day before National Day'],
		['2026-09-18', '2026-10-15', false, 'a run across the make-up Sunday 09-20 and the make-up Saturday 10-10'],
		['2026-02-13', '2026-03-12', false, 'Spring Festival 2026, with make-up Saturdays 02-14 and 02-28'],
		['2026-10-03', '2026-10-27', false, 'received during the holiday: counting starts after it'],
		['2026-12-01', '2026-12-22', false, 'ends before the last week of the covered year'],
		['2026-12-07', '2026-12-28', true, 'ends in late December, which the 2027 schedule may still change'],
		['2026-12-15', '2027-01-05', true, 'runs into 2027, which the calendar does not cover'],
		['2027-03-01', '2027-03-22', true, 'received in an uncovered year']
	])('%s → %s (provisional: %s) — %s', (received, due, provisional) => {
		expect(addWorkdays(received, 15)).toEqual({ due, provisional });
	});

	it('never counts the day of receipt', () => {
		expect(addWorkdays('2026-11-02', 1)).toEqual({ due: '2026-11-03', provisional: false });
		expect(addWorkdays('2026-09-30', 1)).toEqual({ due: '2026-10-08', provisional: false });
	});

	it('gives the same days in any device time zone', () => {
		for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Berlin', 'Asia/Shanghai']) {
			process.env.TZ = tz;
			expect(addWorkdays('2026-09-25', 15), tz).toEqual({ due: '2026-10-22', provisional: false });
			expect(addWorkdays('2026-03-06', 15), tz).toEqual({ due: '2026-03-27', provisional: false });
		}
	});

	it('refuses what is not a date or a positive count', () => {
		expect(() => addWorkdays('2026/09/25', 15)).toThrow(RangeError);
		expect(() => addWorkdays('2026-09-25', 0)).toThrow(RangeError);
	});
});

describe('returnDueDate', () => {
	it('takes the day of receipt in Shanghai, not in UTC', () => {
		// 17:30 UTC on the 24th is 01:30 on the 25th in Shanghai.
		expect(returnDueDate('2026-09-24T17:30:00Z')).toEqual({ due: '2026-10-22', provisional: false });
		expect(returnDueDate('2026-09-24T15:30:00Z')).toEqual(addWorkdays('2026-09-24', 15));
	});
});
