// The official holiday schedule of one year as the provider publishes it: public holidays and adjusted working days.
import { z } from 'zod';
import { text } from './text';
import { belongsToScheduleOf, CALENDAR_YEARS, isCalendarDate, weekdayOf } from './calendarDays';

export { belongsToScheduleOf, CALENDAR_YEARS, isCalendarDate, SPILL_FROM, weekdayOf } from './calendarDays';

export const scheduleDay = z.object({
	date: z.string().refine(isCalendarDate, { message: 'date' }),
	/** The festival the day belongs to, as the notice names it (元旦, 春节 …). */
	name: text(40)
});

const dayLists = {
	/** Every day off of each holiday run, weekends inside the run included. */
	holidays: z.array(scheduleDay).min(1, { message: 'required' }).max(80, { message: 'tooMany' }),
	/** Adjusted working days (调休上班): weekend days that are working days. */
	workdays: z.array(scheduleDay).max(30, { message: 'tooMany' })
};

/** What the back office sends for one year (the year is in the URL). */
export const scheduleBody = z.object(dayLists);

/**
 * One year's schedule, checked as a whole: every day belongs to the year, none is listed twice or as both,
 * and an adjusted working day falls on a weekend (a weekday is a working day anyway: listing one is a typo).
 */
export const holidaySchedule = z
	.object({ year: z.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max), ...dayLists })
	.check((ctx) => {
		const { year, holidays, workdays } = ctx.value;
		const seen = new Set<string>();
		const issue = (path: (string | number)[], message: string) =>
			ctx.issues.push({ code: 'custom', message, path, input: ctx.value });
		for (const [list, days] of [
			['holidays', holidays],
			['workdays', workdays]
		] as const) {
			days.forEach((day, i) => {
				if (!isCalendarDate(day.date)) return;
				if (!belongsToScheduleOf(day.date, year)) issue([list, i, 'date'], 'outsideYear');
				else if (seen.has(day.date)) issue([list, i, 'date'], 'duplicate');
				else if (list === 'workdays' && weekdayOf(day.date) % 6 !== 0) issue([list, i, 'date'], 'notWeekend');
				seen.add(day.date);
			});
		}
	});

export type ScheduleDay = z.infer<typeof scheduleDay>;
export type HolidaySchedule = z.infer<typeof holidaySchedule>;

/** The days of each list in date order: the stored form, so the same schedule sent twice compares equal. */
export function normaliseSchedule(s: HolidaySchedule): HolidaySchedule {
	const byDate = (a: ScheduleDay, b: ScheduleDay) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
	return { year: s.year, holidays: [...s.holidays].sort(byDate), workdays: [...s.workdays].sort(byDate) };
}
