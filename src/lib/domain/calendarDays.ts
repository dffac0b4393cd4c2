// Calendar-day arithmetic of the holiday schedules, without a schema library: the due-date rule runs on light pages too.

/**
 * The State Council publishes a year's schedule late in the year before, and a New Year holiday has begun with
 * make-up or rest days as early as 29 December of the old year (2007, 2018). So a year's schedule may name days
 * from this day of December of the year before, and the last days of a year stay uncertain until the next
 * year's schedule is published (workdays.ts).
 */
export const SPILL_FROM = '12-25';

/** The years a schedule may be published for. */
export const CALENDAR_YEARS = { min: 2000, max: 2099 } as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written 'YYYY-MM-DD'. */
export function isCalendarDate(s: string): boolean {
	const m = ISO_DATE.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** 0 = Sunday … 6 = Saturday, in calendar arithmetic (no time zone can shift it). */
export function weekdayOf(ymd: string): number {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Whether a day may appear in the schedule of `year`: in that year, or in its spill-over from late December before. */
export function belongsToScheduleOf(ymd: string, year: number): boolean {
	return ymd.startsWith(`${year}-`) || (ymd.startsWith(`${year - 1}-`) && ymd.slice(5) >= SPILL_FROM);
}
