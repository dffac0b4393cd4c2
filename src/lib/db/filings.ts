// ICP filings on the device: the account's filings as the pull brought them, for the filings page and the filing picker.
import { getDb } from './database';
import type { FilingRow } from './types';

/** Newest filing date first; filings of one day by filing number, so the order never changes between reads. */
export async function listFilings(): Promise<FilingRow[]> {
	// An account has a handful of filings: read them all (indexed by date) and settle ties by number.
	const rows = await getDb().filings.orderBy('filedOn').toArray();
	return rows.sort((a, b) =>
		a.filedOn !== b.filedOn
			? a.filedOn < b.filedOn
				? 1
				: -1
			: a.filingNumber < b.filingNumber
				? -1
				: a.filingNumber > b.filingNumber
					? 1
					: 0
	);
}
