// The one Dexie database of the device: typed tables, versions, and the versionchange handling.
import Dexie, { type EntityTable, type Table } from 'dexie';
import { guardImmutability } from './immutability';
import { VERSIONS } from './schema';
import type {
	ContractRow,
	DocumentRow,
	DraftRow,
	FilingRow,
	IdentityRow,
	MetaRow,
	OrderRow,
	OutboxRow,
	ProviderRow,
	StampingEventRow,
	StampingRequestRow
} from './types';

export const DB_NAME = 'contract-desk';

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

	constructor(name = DB_NAME) {
		super(name);
		for (const { version, stores } of VERSIONS) this.version(version).stores(stores);
		guardImmutability(this);
	}
}

let instance: ContractDeskDB | undefined;

/** The shared database. A newer version opened in another tab closes this one and reloads. */
export function getDb(): ContractDeskDB {
	if (!instance) {
		instance = new ContractDeskDB();
		instance.on('versionchange', () => {
			// Every write is already committed to IndexedDB and drafts are saved as the user types,
			// so closing and reloading loses nothing; staying open would block the upgrade.
			instance?.close();
			// The service worker opens this database too and has no location.reload.
			if (typeof location !== 'undefined' && typeof location.reload === 'function') location.reload();
			return false;
		});
	}
	return instance;
}

/** Forget the instance after `db.delete()` (sign-out, tests); the next getDb() opens a fresh one. */
export function forgetDb(): void {
	instance = undefined;
}
