// Whether the device's database exists yet, answered without Dexie: a first visit never has one, so the
// sign-in screen can skip loading the storage layer until the user does something that needs it.

export const DB_NAME = 'contract-desk';

/**
 * The answer for this page, asked once: the shell, the router's start and a form all want it within a few
 * milliseconds. Only this page's database module creates the database, and it says so ({@link databaseOpened}).
 */
let answer: Promise<boolean> | null = null;

/** True once the database exists (or where the browser cannot tell without creating it). */
export function databaseExists(): Promise<boolean> {
	return (answer ??= ask());
}

async function ask(): Promise<boolean> {
	if (typeof indexedDB === 'undefined') return false;
	const list = (indexedDB as IDBFactory & { databases?: () => Promise<IDBDatabaseInfo[]> }).databases;
	// Without indexedDB.databases() (older browsers) the answer is "maybe", and Dexie is loaded as before.
	if (typeof list !== 'function') return true;
	try {
		return (await list.call(indexedDB)).some((db) => db.name === DB_NAME);
	} catch {
		return true;
	}
}

/** The database module opened (and so created) it. */
export function databaseOpened(): void {
	answer = Promise.resolve(true);
}

/** After a sign-out deleted the database: ask again. */
export function forgetDatabasePresence(): void {
	answer = null;
}
