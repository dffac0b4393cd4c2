// The provider's published holiday schedules, one row per year; each publication takes a new change sequence.
import type { HolidaySchedule } from '../../../src/lib/domain/holidayCalendar';
import type { Commit, PublishHolidayYearResult, StoredHolidayYear } from '../types';
import type { Row, SqliteContext } from './context';
import { toYear } from '../rows';

export function listHolidayYears(ctx: SqliteContext, since = 0): StoredHolidayYear[] {
	return (ctx.db.prepare(`SELECT * FROM holiday_years WHERE seq > ? ORDER BY year`).all(since) as Row[]).map(toYear);
}

function getYear(ctx: SqliteContext, year: number): StoredHolidayYear | undefined {
	const row = ctx.db.prepare(`SELECT * FROM holiday_years WHERE year = ?`).get(year) as Row | undefined;
	return row && toYear(row);
}

const UPSERT = `INSERT INTO holiday_years (year, holidays, workdays, source, published_at, seq) VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays, workdays = excluded.workdays, source = excluded.source,
	published_at = excluded.published_at, seq = excluded.seq`;

export function publishHolidayYear(
	ctx: SqliteContext,
	input: { schedule: HolidaySchedule; now: string; actor?: string },
	commit?: Commit<PublishHolidayYearResult>
): PublishHolidayYearResult {
	const { db } = ctx;
	const { year, holidays, workdays } = input.schedule;
	return db.transaction((): PublishHolidayYearResult => {
		const stored = getYear(ctx, year);
		let result: PublishHolidayYearResult;
		if (stored && JSON.stringify([stored.holidays, stored.workdays]) === JSON.stringify([holidays, workdays])) {
			result = { kind: 'unchanged', year: stored };
		} else {
			db.prepare(UPSERT).run(
				year,
				JSON.stringify(holidays),
				JSON.stringify(workdays),
				'admin',
				input.now,
				ctx.nextSeq()
			);
			ctx.logAction(
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
			result = { kind: stored ? 'updated' : 'created', year: getYear(ctx, year)! };
		}
		ctx.finishInTx(commit, result);
		return result;
	})();
}

export function seedHolidayYears(ctx: SqliteContext, schedules: readonly HolidaySchedule[], now: string): number[] {
	const { db } = ctx;
	return db
		.transaction((): number[] => {
			const missing = schedules.filter((s) => !getYear(ctx, s.year));
			if (!missing.length) return [];
			const seq = ctx.nextSeq();
			const insert = db.prepare(
				`INSERT INTO holiday_years (year, holidays, workdays, source, published_at, seq) VALUES (?, ?, ?, 'bundled', ?, ?) ON CONFLICT (year) DO NOTHING`
			);
			const inserted = missing.filter(
				(s) => insert.run(s.year, JSON.stringify(s.holidays), JSON.stringify(s.workdays), now, seq).changes > 0
			);
			const years = inserted.map((s) => s.year);
			if (years.length) ctx.logAction('seedHolidayYears', 'calendar', { years }, now, { actor: 'system' });
			return years;
		})
		.immediate();
}
