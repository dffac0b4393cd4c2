// Small key/value facts of the device: session, pull cursor, last sync time.
import { getDb } from './database';

export type Session = { token: string; accountId: string };

export async function getMeta<T>(key: string): Promise<T | undefined> {
	return (await getDb().meta.get(key))?.value as T | undefined;
}
export async function setMeta(key: string, value: unknown): Promise<void> {
	await getDb().meta.put({ key, value });
}

export const META = {
	session: 'session',
	cursor: 'cursor',
	lastSyncAt: 'lastSyncAt',
	/** Epoch ms of the last pull any tab started: tabs share one pull per minimum interval. */
	pullStartedAt: 'pullStartedAt',
	lastBackupAt: 'lastBackupAt'
} as const;
