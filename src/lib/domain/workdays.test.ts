import { afterEach, describe, expect, it } from 'vitest';
import { SCHEDULE_2025, SCHEDULE_2026 } from '../../../tests/support/lib/domain/holiday-calendars';
import { addWorkdays, isWorkday, returnDueDate, unsettledYear, workCalendar } from './workdays';

const originalTz = process.env.TZ;
afterEach(() => {
	if (originalTz === undefined) delete process.env.TZ;
	else process.env.TZ = originalTz;
});

/** What the provider has published so far: 2025 and 2026, not 2027 yet. */
const calendar = workCalendar([SCHEDULE_2025, SCHEDULE_2026]);

// Made up for the test (the State Council has not published 2027 here): New Year's Day off, a make-up Saturday.
const TEST_2027 = {
	year: 2027,
	holidays: [{ date: '2027-01-01', name: '元旦' }],
	workdays: [{ date: '2027-01-02', name: '元旦' }]
};

describe('the published calendar', () => {
	it('takes holidays off and make-up weekends on; an unlisted day is a working day from Monday to Friday', () => {
		expect(isWorkday('2026-10-01', calendar)).toBe(false); // National Day
		expect(isWorkday('2026-09-25', calendar)).toBe(false); // Mid-Autumn, a Friday
		expect(isWorkday('2026-10-10', calendar)).toBe(true); // make-up Saturday
		expect(isWorkday('2026-09-20', calendar)).toBe(true); // make-up Sunday
		expect(isWorkday('2026-10-11', calendar)).toBe(false); // plain Sunday
		expect(isWorkday('2026-11-02', calendar)).toBe(true); // plain Monday
		// Nothing published for 2027: New Year's Day is only a Friday to the calendar.
		expect(isWorkday('2027-01-01', calendar)).toBe(true);
		expect(isWorkday('2027-01-01', workCalendar([SCHEDULE_2026, TEST_2027]))).toBe(false);
	});

	it('knows which year a day still waits for: its own, or for late December the next one', () => {
		expect(unsettledYear('2026-12-24', calendar)).toBeNull();
		expect(unsettledYear('2026-12-28', calendar)).toBe(2027);
		expect(unsettledYear('2025-12-31', calendar)).toBeNull();
		expect(unsettledYear('2027-03-01', calendar)).toBe(2027);
		expect(unsettledYear('2024-06-03', calendar)).toBe(2024);
		expect(unsettledYear('2026-12-28', workCalendar([SCHEDULE_2026, TEST_2027]))).toBeNull();
	});

	it('lets the later notice decide a late-December day both years name', () => {
		const old = {
			year: 2026,
			holidays: [{ date: '2026-01-01', name: '元旦' }],
			workdays: [{ date: '2026-12-26', name: '元旦' }]
		};
		const next = { year: 2027, holidays: [{ date: '2026-12-26', name: '元旦' }], workdays: [] };
		expect(isWorkday('2026-12-26', workCalendar([next, old]))).toBe(false);
		expect(isWorkday('2026-12-26', workCalendar([old]))).toBe(true);
	});
});

describe('addWorkdays: received date + 15 working days', () => {
	it.each([
		// [received, due, provisional, what it shows]
		['2026-11-02', '2026-11-23', false, 'three plain weeks'],
		[
			'2026-09-25',
			'2026-10-22',
			false,
			'the Friday before National Day (itself Mid-Autumn): the Golden Week is skipped, 10-10 counts'
		],
		['2026-09-30', '2026-10-27', false, 'the last working day before National Day'],
		['2026-09-18', '2026-10-15', false, 'a run across the make-up Sunday 09-20 and the make-up Saturday 10-10'],
		['2026-02-13', '2026-03-12', false, 'Spring Festival 2026, with make-up Saturdays 02-14 and 02-28'],
		['2026-10-03', '2026-10-27', false, 'received during the holiday: counting starts after it'],
		['2026-12-01', '2026-12-22', false, 'ends before the last week of the published year'],
		[
			'2025-12-15',
			'2026-01-06',
			false,
			'across New Year 2026 (01-01 to 01-03 off, Sunday 01-04 on), both years published'
		]
	])('%s → %s (provisional: %s) — %s', (received, due, provisional) => {
		expect(addWorkdays(received, 15, calendar)).toEqual({ due, provisional });
	});

	it.each([
		['2026-12-07', '2026-12-28', 'ends in late December, which the 2027 notice may still change'],
		['2026-12-15', '2027-01-05', 'runs into 2027, which the provider has not published'],
		['2027-03-01', '2027-03-22', 'received in a year not published at all']
	])('%s → %s, provisional until 2027 is published — %s', (received, due) => {
		expect(addWorkdays(received, 15, calendar)).toEqual({ due, provisional: true, unpublishedYear: 2027 });
	});

	it('becomes final once the missing year is published, counting its holidays', () => {
		const after = workCalendar([SCHEDULE_2025, SCHEDULE_2026, TEST_2027]);
		expect(addWorkdays('2026-12-07', 15, after)).toEqual({ due: '2026-12-28', provisional: false });
		// 2027-01-01 off and Saturday 01-02 on: here the count ends on the same day, now final …
		expect(addWorkdays('2026-12-15', 15, after)).toEqual({ due: '2027-01-05', provisional: false });
		// … and here on another one: New Year's Day was the 15th working day only while 2027 was unknown.
		expect(addWorkdays('2026-12-11', 15, calendar)).toEqual({
			due: '2027-01-01',
			provisional: true,
			unpublishedYear: 2027
		});
		expect(addWorkdays('2026-12-11', 15, after)).toEqual({ due: '2027-01-02', provisional: false });
	});

	it('with no calendar at all (a device before its first pull) every date is provisional', () => {
		expect(addWorkdays('2026-11-02', 15, workCalendar([]))).toEqual({
			due: '2026-11-23',
			provisional: true,
			unpublishedYear: 2026
		});
	});

	it('never counts the day of receipt', () => {
		expect(addWorkdays('2026-11-02', 1, calendar)).toEqual({ due: '2026-11-03', provisional: false });
		expect(addWorkdays('2026-09-30', 1, calendar)).toEqual({ due: '2026-10-08', provisional: false });
	});

	it('gives the same days in any device time zone', () => {
		for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Berlin', 'Asia/Shanghai']) {
			process.env.TZ = tz;
			expect(addWorkdays('2026-09-25', 15, calendar), tz).toEqual({ due: '2026-10-22', provisional: false });
			expect(addWorkdays('2026-03-06', 15, calendar), tz).toEqual({ due: '2026-03-27', provisional: false });
		}
	});

	it('refuses what is not a date or a positive count', () => {
		expect(() => addWorkdays('2026/09/25', 15, calendar)).toThrow(RangeError);
		expect(() => addWorkdays('2026-09-25', 0, calendar)).toThrow(RangeError);
	});
});

describe('returnDueDate', () => {
	it('takes the day of receipt in Shanghai, not in UTC', () => {
		// 17:30 UTC on the 24th is 01:30 on the 25th in Shanghai.
		expect(returnDueDate('2026-09-24T17:30:00Z', calendar)).toEqual({ due: '2026-10-22', provisional: false });
		expect(returnDueDate('2026-09-24T15:30:00Z', calendar)).toEqual(addWorkdays('2026-09-24', 15, calendar));
	});
});
