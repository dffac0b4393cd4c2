// Working days on the official Chinese holiday calendar (chinese-days), with the limits of its data made explicit.
import chineseDays from 'chinese-days';
import { shanghaiDate } from './time';

/** The provider stamps and mails a paper contract back within this many working days of receiving it. */
export const RETURN_WORKDAYS = 15;

/** A date counted in working days; `provisional` when the count used days the bundled schedule does not cover yet. */
export type DueDate = { due: string; provisional: boolean };

// chinese-days' data starts in 2004; nothing we count starts earlier.
const FIRST_YEAR = 2004;
// The State Council publishes a year's schedule late in the year before, and a New Year holiday has begun
// with make-up or rest days as early as 29 December of the old year (2007, 2018). So the last days of the
// last covered year stay uncertain until the next year is covered too; 25 December leaves a margin.
const SPILL_FROM = '12-25';

/**
 * The library reads every Date with local getters (and parses 'YYYY-MM-DD' as UTC midnight, which is
 * the day before west of UTC). A local-noon Date gives it the intended calendar day in every time zone.
 */
function localNoon(ymd: string): Date {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d, 12);
}

/** Calendar arithmetic on 'YYYY-MM-DD' in UTC, so the device's zone and DST never shift a day. */
function nextDay(ymd: string): string {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function weekday(ymd: string): number {
	const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** True on an official working day (make-up weekends included, public holidays excluded). */
export function isOfficialWorkday(ymd: string): boolean {
	return chineseDays.isWorkday(localNoon(ymd));
}

const coverage = new Map<number, boolean>();

/**
 * Whether the bundled data holds the year's official schedule. Outside it the library silently treats
 * every weekday as a working day (1.5.7 calls 2027-01-01 one), so we probe: every published year has
 * public holidays on weekdays (the Spring Festival always falls partly on one).
 */
export function isYearCovered(year: number): boolean {
	let known = coverage.get(year);
	if (known === undefined) {
		known = false;
		for (let day = `${year}-01-01`; day.startsWith(String(year)); day = nextDay(day)) {
			const w = weekday(day);
			if (w >= 1 && w <= 5 && !isOfficialWorkday(day)) {
				known = true;
				break;
			}
		}
		coverage.set(year, known);
	}
	return known;
}

let lastYear: number | undefined;

/** The last year whose official schedule the bundled calendar holds. */
export function lastCoveredYear(): number {
	if (lastYear === undefined) {
		let y = FIRST_YEAR;
		while (isYearCovered(y + 1)) y++;
		lastYear = y;
	}
	return lastYear;
}

/** Whether a day's status is settled by published schedules (see SPILL_FROM for late December). */
export function isDayCertain(ymd: string): boolean {
	const year = Number(ymd.slice(0, 4));
	if (!isYearCovered(year)) return false;
	return ymd.slice(5) < SPILL_FROM || isYearCovered(year + 1);
}

/**
 * The `days`-th working day after `start` ('YYYY-MM-DD'); `start` itself never counts, whatever it is.
 * Provisional when any day counted over lies beyond the published schedule.
 */
export function addWorkdays(start: string, days: number): DueDate {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new RangeError(`not a date: ${start}`);
	if (!Number.isInteger(days) || days < 1) throw new RangeError(`not a positive number of days: ${days}`);
	let day = start;
	let provisional = false;
	for (let left = days; left > 0; ) {
		day = nextDay(day);
		if (!isDayCertain(day)) provisional = true;
		if (isOfficialWorkday(day)) left--;
	}
	return { due: day, provisional };
}

/** When the stamped copy is due back: the provider's receipt date in Shanghai + 15 working days. */
export function returnDueDate(receivedAt: string | number | Date): DueDate {
	return addWorkdays(shanghaiDate(receivedAt), RETURN_WORKDAYS);
}
