// The holiday schedules the bundled package (chinese-days) knows, as the provider's first publications.
import { createRequire } from 'node:module';
import { holidaySchedule, type HolidaySchedule } from '../../src/lib/domain/holidayCalendar';
import { SPILL_FROM } from '../../src/lib/domain/calendarDays';

type PackageData = { holidays: Record<string, string>; workdays: Record<string, string> };

// The package's data file: every year it knows, by date; each value "English name,中文名,days".
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;

/** 中文名 of "New Year's Day,元旦,1". */
function nameOf(value: string): string {
	return value.split(',')[1]?.trim() || value;
}

/**
 * A late-December day of the New Year holiday (2018-12-29 … 31) belongs to the next year's schedule, as in the
 * State Council's notice; every other day to its own year.
 */
function scheduleYearOf(date: string, value: string): number {
	const year = Number(date.slice(0, 4));
	return date.slice(5) >= SPILL_FROM && nameOf(value) === '元旦' ? year + 1 : year;
}

/** Every year of the package, validated with the schema the admin API uses; years ascending. */
export function bundledSchedules(): HolidaySchedule[] {
	const years = new Map<number, { holidays: HolidaySchedule['holidays']; workdays: HolidaySchedule['workdays'] }>();
	for (const list of ['holidays', 'workdays'] as const) {
		for (const [date, value] of Object.entries(data[list])) {
			const year = scheduleYearOf(date, value);
			const entry = years.get(year) ?? { holidays: [], workdays: [] };
			entry[list].push({ date, name: nameOf(value) });
			years.set(year, entry);
		}
	}
	return [...years.entries()]
		.sort(([a], [b]) => a - b)
		.flatMap(([year, days]) => {
			const schedule = {
				year,
				holidays: days.holidays.sort((a, b) => a.date.localeCompare(b.date)),
				workdays: days.workdays.sort((a, b) => a.date.localeCompare(b.date))
			};
			// A spilled day alone (the package knows the first days of a year it has no schedule for) is no schedule.
			if (!schedule.holidays.some((d) => d.date.startsWith(`${year}-`))) return [];
			const parsed = holidaySchedule.safeParse(schedule);
			if (!parsed.success) throw new Error(`bundled holiday schedule ${year} is not valid: ${parsed.error.message}`);
			return [parsed.data];
		});
}
