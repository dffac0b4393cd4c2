// The provider's holiday schedules on the device, as the calendar the paper copies' due dates count on.
import { workCalendar, type WorkCalendar } from '../domain/workdays';
import { getDb } from './database';

/** Every year the pull brought, as the shared due-date rule reads it (empty until the first pull: all provisional). */
export async function readWorkCalendar(): Promise<WorkCalendar> {
	return workCalendar(await getDb().holidayYears.toArray());
}
