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
	lastBackupAt: 'lastBackupAt',
	/** A paged pull in progress ({@link PullProgress}): a reload continues where it stopped. */
	pullPage: 'pullPage',
	/** Tokens of sign-outs made offline: revoked at the next sign-in from this device. */
	revokeTokens: 'revokeTokens',
	/** The last document download stopped because the device's storage was full ({@link StorageFull}). */
	storageFull: 'storageFull'
} as const;

export type PullProgress = { since: string | null; page: string; totalContracts: number; restored: number };
export type StorageFull = { at: string; stored: number; storedBytes: number; waiting: number; waitingBytes: number };
