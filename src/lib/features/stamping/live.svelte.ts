// Live reads of one contract's stamping request: the submitted row, its events, its outbox rows (address, 确认收到).
import { Live } from '../../components/live.svelte';
import { getDb } from '../../db/database';
import { readWorkCalendar } from '../../db/holidays';
import type { OutboxRow, StampingEventRow, StampingRequestRow } from '../../db/types';
import type { WorkCalendar } from '../../domain/workdays';

export type StampingState = {
	request: StampingRequestRow | null;
	events: StampingEventRow[];
	outbox: OutboxRow[];
	/** The provider's published holiday schedules: a pull that brings a new year re-runs the query. */
	calendar: WorkCalendar;
};

export function liveStamping(contractId: () => string) {
	return new Live<StampingState>(() => {
		const id = contractId();
		return async () => {
			const db = getDb();
			const [request, events, outbox, calendar] = await Promise.all([
				db.stampingRequests.get(id),
				db.stampingEvents.where('contractId').equals(id).sortBy('at'),
				db.outbox.where('resourceId').equals(id).toArray(),
				readWorkCalendar()
			]);
			return {
				request: request ?? null,
				events,
				outbox: outbox.filter((r) => r.kind !== 'registerContract'),
				calendar
			};
		};
	});
}
