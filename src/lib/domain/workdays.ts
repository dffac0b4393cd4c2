// Working days on the provider's published holiday calendar, and the paper copy's due date — one rule for device and server.
import { SPILL_FROM, weekdayOf } from './calendarDays';
import type { HolidaySchedule } from './holidayCalendar';
import { shanghaiDate } from './time';

/** The provider stamps and mails a paper contract back within this many working days of receiving it. */
export const RETURN_WORKDAYS = 15;

/**
 * A date counted in working days. `provisional` when the count went over days whose schedule the provider has
 * not published yet; `unpublishedYear` names the first such year (the one whose publication settles the date).
 */
export type DueDate = { due: string; provisional: boolean; unpublishedYear?: number };

/** The published schedules, as a lookup: what a device holds after a pull, or the server's table. */
export type WorkCalendar = {
	readonly days: ReadonlyMap<string, 'holiday' | 'workday'>;
	readonly years: ReadonlySet<number>;
};

type ScheduleLike = Pick<HolidaySchedule, 'year' | 'holidays' | 'workdays'>;

/**
 * Builds the lookup. Schedules are applied year by year, so for a late-December day both the old and the new
 * year name, the new year's notice (the later one) decides.
 */
export function workCalendar(schedules: readonly ScheduleLike[]): WorkCalendar {
	const days = new Map<string, 'holiday' | 'workday'>();
	const years = new Set<number>();
	for (const s of [...schedules].sort((a, b) => a.year - b.year)) {
		years.add(s.year);
		for (const d of s.holidays) days.set(d.date, 'holiday');
		for (const d of s.workdays) days.set(d.date, 'workday');
	}
	return { days, years };
}

/** Calendar arithmetic on 'YYYY-MM-DD' in UTC, so the device's zone and DST never shift a day. */
function nextDay(ymd: string): string {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** True on a working day: a listed day as listed, otherwise Monday to Friday. */
export function isWorkday(ymd: string, calendar: WorkCalendar): boolean {
	const listed = calendar.days.get(ymd);
	if (listed) return listed === 'workday';
	const w = weekdayOf(ymd);
	return w >= 1 && w <= 5;
}

/**
 * The year whose publication a day still waits for, or null when published schedules settle it: its own
 * year's, and for the last days of December the next year's too (SPILL_FROM).
 */
export function unsettledYear(ymd: string, calendar: WorkCalendar): number | null {
	const year = Number(ymd.slice(0, 4));
	if (!calendar.years.has(year)) return year;
	if (ymd.slice(5) >= SPILL_FROM && !calendar.years.has(year + 1)) return year + 1;
	return null;
}

/**
 * The `days`-th working day after `start` ('YYYY-MM-DD'); `start` itself never counts, whatever it is.
 * Provisional when any day counted over is not settled by a published schedule.
 */
export function addWorkdays(start: string, days: number, calendar: WorkCalendar): DueDate {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new RangeError(`not a date: ${start}`);
	if (!Number.isInteger(days) || days < 1) throw new RangeError(`not a positive number of days: ${days}`);
	let day = start;
	let unpublished: number | null = null;
	for (let left = days; left > 0;) {
		day = nextDay(day);
		unpublished ??= unsettledYear(day, calendar);
		if (isWorkday(day, calendar)) left--;
	}
	return unpublished === null
		? { due: day, provisional: false }
		: { due: day, provisional: true, unpublishedYear: unpublished };
}

/** When the stamped copy is due back: the provider's receipt date in Shanghai + 15 working days. */
export function returnDueDate(receivedAt: string | number | Date, calendar: WorkCalendar): DueDate {
	return addWorkdays(shanghaiDate(receivedAt), RETURN_WORKDAYS, calendar);
}
