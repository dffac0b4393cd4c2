// The provider's published holiday schedules, written once for both stores: one row per year; each publication takes a new change sequence.
import type { HolidaySchedule } from '../../../src/lib/domain/holidayCalendar';
import { toYear } from '../rows';
import type { Commit, PublishHolidayYearResult, StoredHolidayYear } from '../types';
import { finishInTx, logAction, nextSeq } from './ledger';
import { all, get, run, type Dialect, type Steps } from './steps';

export function* listHolidayYears(_d: Dialect, since = 0): Steps<StoredHolidayYear[]> {
	return (yield* all(`SELECT * FROM holiday_years WHERE seq > ? ORDER BY year`, since)).map(toYear);
}

function* getYear(d: Dialect, year: number, lock = false): Steps<StoredHolidayYear | undefined> {
	const row = yield* get(`SELECT * FROM holiday_years WHERE year = ?${lock ? d.lockRow : ''}`, year);
	return row && toYear(row);
}

const INSERT = `INSERT INTO holiday_years (year, holidays, workdays, source, published_at, seq) VALUES (?, ?, ?, ?, ?, ?)`;
const REPLACE = `${INSERT}
	ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays, workdays = excluded.workdays, source = excluded.source,
	published_at = excluded.published_at, seq = excluded.seq`;

export function* publishHolidayYear(
	d: Dialect,
	input: { schedule: HolidaySchedule; now: string; actor?: string },
	commit?: Commit<PublishHolidayYearResult>
): Steps<PublishHolidayYearResult> {
	const { year, holidays, workdays } = input.schedule;
	// Two back offices publishing one year at once: one after the other (on PostgreSQL a first publication that
	// raced is retried by tx() on the primary key and then finds the other's row).
	const stored = yield* getYear(d, year, true);
	let result: PublishHolidayYearResult;
	if (stored && JSON.stringify([stored.holidays, stored.workdays]) === JSON.stringify([holidays, workdays])) {
		result = { kind: 'unchanged', year: stored };
	} else {
		yield* logAction(
			stored ? 'replaceHolidayYear' : 'publishHolidayYear',
			String(year),
			{ holidays: holidays.length, workdays: workdays.length },
			input.now,
			{
				actor: input.actor,
				before: stored ? { holidays: stored.holidays, workdays: stored.workdays } : null,
				after: { holidays, workdays }
			}
		);
		const seq = yield* nextSeq();
		const args = [year, JSON.stringify(holidays), JSON.stringify(workdays), 'admin', input.now, seq];
		yield* run(stored ? REPLACE : INSERT, ...args);
		result = { kind: stored ? 'updated' : 'created', year: (yield* getYear(d, year))! };
	}
	yield* finishInTx(commit, result);
	return result;
}

/** Whether any of these years is not published yet (checked before taking the change sequence's lock). */
export function* anyMissing(_d: Dialect, schedules: readonly HolidaySchedule[]): Steps<boolean> {
	if (!schedules.length) return false;
	const years = schedules.map((s) => s.year);
	const rows = yield* all(`SELECT year FROM holiday_years WHERE year IN (${years.map(() => '?').join(',')})`, ...years);
	const have = new Set(rows.map((r) => Number(r.year)));
	return schedules.some((s) => !have.has(s.year));
}

/** Every process seeds at start: the change sequence orders them, and the later ones find the years there. */
export function* seedHolidayYears(d: Dialect, schedules: readonly HolidaySchedule[], now: string): Steps<number[]> {
	const missing: HolidaySchedule[] = [];
	for (const s of schedules) if (!(yield* getYear(d, s.year))) missing.push(s);
	if (!missing.length) return [];
	const seq = yield* nextSeq();
	const years: number[] = [];
	for (const s of missing) {
		const inserted = yield* run(
			`INSERT INTO holiday_years (year, holidays, workdays, source, published_at, seq) VALUES (?, ?, ?, 'bundled', ?, ?) ON CONFLICT (year) DO NOTHING`,
			s.year,
			JSON.stringify(s.holidays),
			JSON.stringify(s.workdays),
			now,
			seq
		);
		if (inserted > 0) years.push(s.year);
	}
	if (years.length) yield* logAction('seedHolidayYears', 'calendar', { years }, now, { actor: 'system' });
	return years;
}
