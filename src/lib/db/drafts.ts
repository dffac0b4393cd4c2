// Form drafts kept in Dexie as the user types, so a reload, crash or update resumes them.
import { getDb } from './database';

export async function loadDraft<T>(key: string): Promise<T | undefined> {
	return (await getDb().drafts.get(key))?.value as T | undefined;
}
export async function saveDraft(key: string, value: unknown): Promise<void> {
	await getDb().drafts.put({ key, value: plainCopy(value), updatedAt: Date.now() });
}
export async function clearDraft(key: string): Promise<void> {
	await getDb().drafts.delete(key);
}

/** IndexedDB cannot store Svelte proxies; a JSON round trip gives a plain, structured-cloneable copy. */
function plainCopy(value: unknown): unknown {
	return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
