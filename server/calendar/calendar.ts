// The provider's working-day calendar on the server: what a pull carries, the due dates the back office sees, the admin routes.
import { Hono } from 'hono';
import type { PublishedSchedule } from '../../src/lib/domain/changes';
import { CALENDAR_YEARS, holidaySchedule, normaliseSchedule, scheduleBody } from '../../src/lib/domain/holidayCalendar';
import type { StampingEvent } from '../../src/lib/domain/stampingEvent';
import { returnDueDate, workCalendar, type DueDate, type WorkCalendar } from '../../src/lib/domain/workdays';
import { apiError, fieldErrors, invalid, readBody } from '../http/http';
import type { Store, StoredHolidayYear } from '../store/index';

function published(y: StoredHolidayYear): PublishedSchedule {
	return { year: y.year, holidays: y.holidays, workdays: y.workdays, publishedAt: y.publishedAt, revision: y.revision };
}

/** The schedules published after a device's revision, as the pull carries them. */
export async function calendarSince(store: Store, since: number): Promise<PublishedSchedule[]> {
	return (await store.listHolidayYears(since)).map(published);
}

/** Every published year as the shared due-date rule reads it. */
export async function serverCalendar(store: Store): Promise<WorkCalendar> {
	return workCalendar(await store.listHolidayYears());
}

/** The due date of a paper copy from its events (none before the receipt) — the rule the device runs. */
export function dueFromEvents(
	events: readonly Pick<StampingEvent, 'kind' | 'at'>[],
	calendar: WorkCalendar
): DueDate | null {
	const received = events.find((e) => e.kind === 'received');
	return received ? returnDueDate(received.at, calendar) : null;
}

/** GET/PUT /admin/calendar: the back office lists, reads and publishes a year's official schedule. */
export function calendarAdminRoutes(deps: { store: Store; now: () => number }): Hono {
	const { store, now } = deps;
	const routes = new Hono();

	routes.get('/', async (c) => {
		const years = await store.listHolidayYears();
		return c.json({
			years: years.map((y) => ({
				year: y.year,
				source: y.source,
				publishedAt: y.publishedAt,
				revision: y.revision,
				holidays: y.holidays.length,
				workdays: y.workdays.length
			}))
		});
	});

	const yearParam = (raw: string): number | null => {
		const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
		return year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max ? year : null;
	};

	routes.get('/:year', async (c) => {
		const year = yearParam(c.req.param('year'));
		if (year === null)
			return invalid(c, { year: ['year'] }, `A year from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`);
		const found = (await store.listHolidayYears()).find((y) => y.year === year);
		return found
			? c.json({ year: found })
			: apiError(c, 404, 'notFound', { message: `No schedule published for ${year}` });
	});

	routes.put('/:year', async (c) => {
		const year = yearParam(c.req.param('year'));
		if (year === null)
			return invalid(c, { year: ['year'] }, `A year from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`);
		const body = await readBody(c, scheduleBody);
		if (!body.ok) return body.response;
		const checked = holidaySchedule.safeParse({ year, ...body.value });
		if (!checked.success) return invalid(c, fieldErrors(checked.error), 'The schedule does not hold together');
		const result = await store.publishHolidayYear({
			schedule: normaliseSchedule(checked.data),
			now: new Date(now()).toISOString()
		});
		return c.json({ year: result.year, changed: result.kind !== 'unchanged' }, result.kind === 'created' ? 201 : 200);
	});

	return routes;
}
