// Publishing a year's holiday schedule from the office: which days change and which held paper copies' due dates move.
import {
	holidaySchedule,
	normaliseSchedule,
	type HolidaySchedule,
	type ScheduleDay
} from '../../src/lib/domain/holidayCalendar';
import type { CalendarPreview, DueDateChange } from '../../src/lib/domain/office';
import { returnDueDate, workCalendar } from '../../src/lib/domain/workdays';
import { fieldErrors } from '../http/http';
import type { Store } from '../store/index';
import { queueItem } from './queues';

export type Checked = { ok: true; schedule: HolidaySchedule } | { ok: false; fields: Record<string, string[]> };

export function checkSchedule(year: number, body: { holidays: ScheduleDay[]; workdays: ScheduleDay[] }): Checked {
	const parsed = holidaySchedule.safeParse({ year, ...body });
	return parsed.success
		? { ok: true, schedule: normaliseSchedule(parsed.data) }
		: { ok: false, fields: fieldErrors(parsed.error) };
}

type Day = { date: string; name: string; type: 'holiday' | 'workday' };
const days = (s: Pick<HolidaySchedule, 'holidays' | 'workdays'> | undefined): Day[] =>
	s
		? [
				...s.holidays.map((d) => ({ ...d, type: 'holiday' as const })),
				...s.workdays.map((d) => ({ ...d, type: 'workday' as const }))
			]
		: [];
const key = (d: Day) => `${d.date} ${d.type} ${d.name}`;

export async function previewSchedule(store: Store, schedule: HolidaySchedule, now: number): Promise<CalendarPreview> {
	const [years, copies] = await Promise.all([store.listHolidayYears(), store.listPaperCopies()]);
	const current = years.find((y) => y.year === schedule.year);
	const before = workCalendar(years);
	const after = workCalendar([...years.filter((y) => y.year !== schedule.year), schedule]);
	const dueDateChanges: DueDateChange[] = [];
	for (const row of copies) {
		const item = queueItem(row, before, now);
		if (!item.receivedAt || !item.due) continue;
		const moved = returnDueDate(item.receivedAt, after);
		if (moved.due !== item.due.due || moved.provisional !== item.due.provisional) {
			dueDateChanges.push({
				contractId: item.contractId,
				number: item.number,
				companyName: item.companyName,
				receivedAt: item.receivedAt,
				before: item.due,
				after: moved
			});
		}
	}
	const old = new Set(days(current).map(key));
	const fresh = new Set(days(schedule).map(key));
	return {
		year: schedule.year,
		currentRevision: current?.revision ?? null,
		changes:
			!current ||
			JSON.stringify([current.holidays, current.workdays]) !== JSON.stringify([schedule.holidays, schedule.workdays]),
		addedDays: days(schedule).filter((d) => !old.has(key(d))),
		removedDays: days(current).filter((d) => !fresh.has(key(d))),
		dueDateChanges
	};
}
