// Live reads of one contract's paper-copy request: the submitted row, the provider's events, its outbox rows.
import { Live } from '../../components/live.svelte';
import { getDb } from '../../db/database';
import type { OutboxRow, StampingEventRow, StampingRequestRow } from '../../db/types';

export type StampingState = { request: StampingRequestRow | null; events: StampingEventRow[]; outbox: OutboxRow[] };

export function liveStamping(contractId: () => string) {
	return new Live<StampingState>(() => {
		const id = contractId();
		return async () => {
			const db = getDb();
			const [request, events, outbox] = await Promise.all([
				db.stampingRequests.get(id),
				db.stampingEvents.where('contractId').equals(id).sortBy('at'),
				db.outbox.where('resourceId').equals(id).toArray()
			]);
			return { request: request ?? null, events, outbox: outbox.filter((r) => r.kind === 'submitStamping') };
		};
	});
}
