import { describe, expect, it } from 'vitest';
import { belongsToScheduleOf, holidaySchedule, isCalendarDate, normaliseSchedule } from './holidayCalendar';
import { SCHEDULE_2025, SCHEDULE_2026 } from '../../../tests/support/lib/domain/holiday-calendars';

const issues = (value: unknown) => {
	const r = holidaySchedule.safeParse(value);
	return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('holidaySchedule', () => {
	it('accepts the published schedules', () => {
		expect(holidaySchedule.safeParse(SCHEDULE_2025).success).toBe(true);
		expect(holidaySchedule.safeParse(SCHEDULE_2026).success).toBe(true);
	});

	it('accepts New Year days from late December of the year before, nothing earlier', () => {
		expect(belongsToScheduleOf('2018-12-29', 2019)).toBe(true);
		expect(belongsToScheduleOf('2018-12-24', 2019)).toBe(false);
		expect(belongsToScheduleOf('2020-01-01', 2019)).toBe(false);
		const ok = {
			year: 2019,
			holidays: [
				{ date: '2018-12-30', name: '元旦' },
				{ date: '2019-01-01', name: '元旦' }
			],
			workdays: [{ date: '2018-12-29', name: '元旦' }]
		};
		expect(issues(ok)).toEqual({});
	});

	it('names each bad day by its path: not a date, another year, twice, both lists, a weekday as make-up day', () => {
		expect(
			issues({
				year: 2027,
				holidays: [
					{ date: '2027-02-30', name: '春节' },
					{ date: '2026-10-01', name: '国庆节' },
					{ date: '2027-01-01', name: '元旦' },
					{ date: '2027-01-01', name: '元旦' },
					{ date: '2027-02-13', name: '春节' }
				],
				workdays: [
					{ date: '2027-02-13', name: '春节' },
					{ date: '2027-02-10', name: '春节' }
				]
			})
		).toEqual({
			'holidays.0.date': 'date',
			'holidays.1.date': 'outsideYear',
			'holidays.3.date': 'duplicate',
			'workdays.0.date': 'duplicate',
			'workdays.1.date': 'notWeekend'
		});
	});

	it('needs a year in range, at least one holiday and a name for each day', () => {
		expect(issues({ year: 1999, holidays: [{ date: '1999-01-01', name: '元旦' }], workdays: [] })).toHaveProperty(
			'year'
		);
		expect(issues({ year: 2027, holidays: [], workdays: [] })).toEqual({ holidays: 'required' });
		expect(issues({ year: 2027, holidays: [{ date: '2027-01-01', name: ' ' }], workdays: [] })).toEqual({
			'holidays.0.name': 'required'
		});
	});

	it('normalises to date order', () => {
		const shuffled = { ...SCHEDULE_2026, holidays: [...SCHEDULE_2026.holidays].reverse() };
		expect(normaliseSchedule(shuffled)).toEqual(SCHEDULE_2026);
	});

	it('knows real calendar days', () => {
		expect(isCalendarDate('2028-02-29')).toBe(true);
		expect(isCalendarDate('2027-02-29')).toBe(false);
		expect(isCalendarDate('2027-1-01')).toBe(false);
	});
});
