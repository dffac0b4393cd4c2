// The provider's published holiday schedules, one row per year; each publication takes a new change sequence.
import type { HolidaySchedule } from '../../../src/lib/domain/holidayCalendar';
import type { Commit, PublishHolidayYearResult, StoredHolidayYear } from '../types';
import type { PgContext, Q } from './context';
import { toYear } from '../rows';

export async function listHolidayYears(ctx: PgContext, since = 0): Promise<StoredHolidayYear[]> {
	const { rows } = await ctx.pool.query(`SELECT * FROM holiday_years WHERE seq > $1 ORDER BY year`, [since]);
	return rows.map(toYear);
}

async function getYear(q: Q, year: number, lock = false): Promise<StoredHolidayYear | undefined> {
	const { rows } = await q.query(`SELECT * FROM holiday_years WHERE year = $1${lock ? ' FOR UPDATE' : ''}`, [year]);
	return rows[0] && toYear(rows[0]);
}

const UPSERT = `INSERT INTO holiday_years (year, holidays, workdays, source, published_at, seq) VALUES ($1, $2, $3, 'admin', $4, $5)
	ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays, workdays = excluded.workdays, source = excluded.source,
	published_at = excluded.published_at, seq = excluded.seq`;

export async function publishHolidayYear(
	ctx: PgContext,
	input: { schedule: HolidaySchedule; now: string; actor?: string },
	commit?: Commit<PublishHolidayYearResult>
): Promise<PublishHolidayYearResult> {
	const { year, holidays, workdays } = input.schedule;
	return ctx.tx(async (q) => {
		// Two back offices publishing one year at once: one after the other (a first publication that raced is
		// retried by tx() on the primary key and then finds the other's row).
		const stored = await getYear(q, year, true);
		let result: PublishHolidayYearResult;
		if (stored && JSON.stringify([stored.holidays, stored.workdays]) === JSON.stringify([holidays, workdays])) {
			result = { kind: 'unchanged', year: stored };
		} else {
			await ctx.logAction(
				q,
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
			const seq = await ctx.nextSeq(q);
			if (stored) await q.query(UPSERT, [year, JSON.stringify(holidays), JSON.stringify(workdays), input.now, seq]);
			else {
				await q.query(
					`INSERT INTO holiday_years (year, holidays, workdays, source, published_at, seq) VALUES ($1, $2, $3, 'admin', $4, $5)`,
					[year, JSON.stringify(holidays), JSON.stringify(workdays), input.now, seq]
				);
			}
			result = { kind: stored ? 'updated' : 'created', year: (await getYear(q, year))! };
		}
		await ctx.finishInTx(q, commit, result);
		return result;
	});
}

/** Every process seeds at start: the counter lock orders them, and the later ones find the years there. */
export async function seedHolidayYears(
	ctx: PgContext,
	schedules: readonly HolidaySchedule[],
	now: string
): Promise<number[]> {
	if (!schedules.length) return [];
	const { rows } = await ctx.pool.query(`SELECT year FROM holiday_years WHERE year = ANY($1::int[])`, [
		schedules.map((s) => s.year)
	]);
	const have = new Set(rows.map((r) => Number(r.year)));
	if (schedules.every((s) => have.has(s.year))) return [];
	return ctx.tx(async (q) => {
		const seq = await ctx.nextSeq(q);
		const years: number[] = [];
		for (const s of schedules) {
			const r = await q.query(
				`INSERT INTO holiday_years (year, holidays, workdays, source, published_at, seq) VALUES ($1, $2, $3, 'bundled', $4, $5) ON CONFLICT (year) DO NOTHING`,
				[s.year, JSON.stringify(s.holidays), JSON.stringify(s.workdays), now, seq]
			);
			if (r.rowCount) years.push(s.year);
		}
		if (years.length) await ctx.logAction(q, 'seedHolidayYears', 'calendar', { years }, now, { actor: 'system' });
		return years;
	});
}
