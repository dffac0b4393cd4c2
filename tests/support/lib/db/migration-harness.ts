// Test harness: open the database as an older version of the app did, to test upgrades with real data.
import Dexie from 'dexie';
import { VERSIONS } from '../../../../src/lib/db/schema';

/** A Dexie instance that knows only the versions up to `version`, as that app release did. */
export function openAtVersion(name: string, version: number): Dexie {
	const db = new Dexie(name);
	for (const v of VERSIONS.filter((v) => v.version <= version)) db.version(v.version).stores(v.stores);
	return db;
}
