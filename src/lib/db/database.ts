// The one Dexie database of the device: typed tables, versions, and the versionchange handling.
import Dexie, { type EntityTable, type Table } from 'dexie';
import { guardImmutability } from './immutability';
import { guardStampingRequests } from './stampingGuard';
import { indexSearchParts } from './searchParts';
import { VERSIONS } from './schema';
import type {
	ContractRow,
	DocumentDownloadRow,
	DocumentRow,
	DraftRow,
	FilingRow,
	HolidayYearRow,
	IdentityRow,
	MetaRow,
	OrderRow,
	OutboxRow,
	ProviderRow,
	SealedCopyRow,
	StampingEventRow,
	StampingRequestRow
} from './types';

import { DB_NAME, databaseOpened, forgetDatabasePresence } from './presence';
import { announceDbClosed, setClosedProbe, type DbClosedReason } from './closed';

export { DB_NAME };
export { onDbClosed, type DbClosedReason } from './closed';

export class ContractDeskDB extends Dexie {
	meta!: EntityTable<MetaRow, 'key'>;
	identity!: EntityTable<IdentityRow, 'accountId'>;
	provider!: EntityTable<ProviderRow, 'key'>;
	filings!: EntityTable<FilingRow, 'id'>;
	orders!: EntityTable<OrderRow, 'id'>;
	contracts!: EntityTable<ContractRow, 'id'>;
	documents!: Table<DocumentRow, string>;
	stampingRequests!: Table<StampingRequestRow, string>;
	stampingEvents!: EntityTable<StampingEventRow, 'id'>;
	outbox!: EntityTable<OutboxRow, 'id'>;
	drafts!: EntityTable<DraftRow, 'key'>;
	documentDownloads!: EntityTable<DocumentDownloadRow, 'contractId'>;
	holidayYears!: EntityTable<HolidayYearRow, 'year'>;
	sealedCopies!: EntityTable<SealedCopyRow, 'contractId'>;

	constructor(name = DB_NAME) {
		super(name);
		for (const { version, stores, upgrade } of VERSIONS) {
			const v = this.version(version).stores(stores);
			if (upgrade) v.upgrade((tx) => upgrade(tx));
		}
		guardImmutability(this);
		guardStampingRequests(this);
		indexSearchParts(this);
	}
}

let instance: ContractDeskDB | undefined;
// A fresh instance (none yet, or one opened after a sign-out) is not the closed one.
setClosedProbe(() => instance?.hasBeenClosed() ?? false);

/** The shared database. Another connection upgrading or deleting it closes this one (see below). */
export function getDb(): ContractDeskDB {
	if (!instance) {
		const db = new ContractDeskDB();
		instance = db;
		databaseOpened();
		db.on('versionchange', (event: IDBVersionChangeEvent) => {
			// Staying open would block the other connection's upgrade or delete (sign-out) forever.
			db.close();
			if (typeof document === 'undefined') {
				// Service worker: nobody can reload it and it lives on, so the next getDb() opens a fresh
				// instance (Dexie 4's close() disables auto-open; reusing this one would throw DatabaseClosedError).
				if (instance === db) instance = undefined;
			} else {
				// Page: this code may be older than the new schema, so it must not reopen; a reload is
				// safe (writes are committed, drafts saved per keystroke) but only the user may trigger it.
				const reason: DbClosedReason = event.newVersion ? 'upgraded' : 'deleted';
				announceDbClosed(reason);
			}
			// Stops Dexie's default handler, whose close() would re-enable auto-open on the next query.
			return false;
		});
	}
	return instance;
}

/** Forget the instance after `db.delete()` (sign-out, tests); the next getDb() opens a fresh one. */
export function forgetDb(): void {
	instance = undefined;
	forgetDatabasePresence();
}
