// Signing in and out: a token from an access code, and a clean device when the account changes.
import { sessionResponse } from '../../domain/changes';
import { getDb, forgetDb } from '../../db/database';
import { getMeta, META, setMeta, type Session } from '../../db/meta';
import { apiFetch } from '../../sync/api';
import { pull } from '../../sync/pull';
import { syncStatus } from '../../sync/status.svelte';

export async function currentSession(): Promise<Session | undefined> {
	return getMeta<Session>(META.session);
}

/** Exchanges the code for a token; a different account than before starts from an empty device. */
export async function signIn(code: string): Promise<Session> {
	const { data } = await apiFetch('/session', { method: 'POST', body: { code } });
	const { token, accountId } = sessionResponse.parse(data);
	const previous = await currentSession();
	if (previous && previous.accountId !== accountId) await wipeDevice();
	await setMeta(META.session, { token, accountId } satisfies Session);
	syncStatus.sessionExpired = false;
	await pull();
	return { token, accountId };
}

/** Submissions not yet accepted by the provider: signing out would lose them. */
export async function unsentCount(): Promise<number> {
	return getDb().outbox.where('status').anyOf('pending', 'sending', 'rejected').count();
}

export async function signOut(): Promise<void> {
	await wipeDevice();
}

async function wipeDevice(): Promise<void> {
	// Deleting the database (not clearing tables) also bypasses the immutability guards on purpose:
	// signing out is the one moment the user asked for the device to forget everything.
	await getDb().delete();
	forgetDb();
}
