// The signed-in account as the UI sees it: identity, counts and sync facts, live from Dexie.
import { Live } from '../../components/live.svelte';
import { getDb } from '../../db/database';

export function liveIdentity() {
	return new Live(() => async () => (await getDb().identity.toArray())[0]);
}

export function liveCounts() {
	return new Live(() => async () => {
		const db = getDb();
		const [filings, orders, contracts] = await Promise.all([
			db.filings.count(),
			db.orders.count(),
			db.contracts.count()
		]);
		return { filings, orders, contracts };
	});
}
