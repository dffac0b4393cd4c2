// Signing in and out: a token from an access code, revoked on the server at sign-out, and a clean device when the account changes — never silently.
import { sessionResponse } from '../../domain/api';
import { getDb, forgetDb } from '../../db/database';
import { getMeta, META, setMeta, type Session } from '../../db/meta';
import { apiFetch, HttpError } from '../../sync/api';
import { pull } from '../../sync/pull';
import { cancelDownloads } from '../../sync/documents';
import { clearSessionExpiry } from '../../sync/session-expiry';
import { forgetListSearch } from '../contracts/list/search.svelte';

export async function currentSession(): Promise<Session | undefined> {
	return getMeta<Session>(META.session);
}

/** What wiping the device would destroy for good: the provider has no copy of it (registered contracts come back). */
export type DeviceLoss = { unsent: number; contracts: number };

export type SignInResult =
	| { kind: 'signedIn'; session: Session }
	| {
			/** The code belongs to another account and this device holds the previous one's work. */
			kind: 'needsConfirmation';
			loss: DeviceLoss;
			/** The user accepted the loss: wipe, then finish with the token already obtained. */
			confirm(): Promise<Session>;
	  };

/**
 * Exchanges the code for a token. The same account keeps everything. Another account starts from
 * an empty device; if that would delete unsent submissions or contracts, nothing is deleted until
 * the caller confirms (the "sign in" link of the session-expired banner leads here).
 */
export async function signIn(code: string): Promise<SignInResult> {
	const { data } = await apiFetch('/session', { method: 'POST', body: { code } });
	const session: Session = sessionResponse.parse(data);
	// Reachable again: sign-outs made offline on this device are revoked now.
	await revokePending();
	const previous = await currentSession();
	if (previous && previous.accountId !== session.accountId) {
		const loss = await deviceLoss();
		if (loss.unsent > 0 || loss.contracts > 0) {
			return {
				kind: 'needsConfirmation',
				loss,
				confirm: async () => {
					await wipeDevice();
					return finishSignIn(session);
				}
			};
		}
		// Only what the server sends again (identity, filings, orders) is on the device: nothing to ask.
		await wipeDevice();
	}
	return { kind: 'signedIn', session: await finishSignIn(session) };
}

async function finishSignIn(session: Session): Promise<Session> {
	// A download run of an earlier session (its token, its database) must not be joined by this one.
	cancelDownloads();
	await setMeta(META.session, { token: session.token, accountId: session.accountId } satisfies Session);
	clearSessionExpiry();
	// The first page brings identity, provider and the first contracts; the sync engine the app
	// starts next pulls the rest (5,000 contracts take a while), with its progress on the contract list.
	await pull({ maxPages: 1 });
	return session;
}

/** Submissions not yet accepted by the provider: signing out would lose them. */
export async function unsentCount(): Promise<number> {
	return getDb().outbox.where('status').anyOf('pending', 'sending', 'rejected').count();
}

/** Unsent submissions, and contracts not registered yet (their record and PDF exist only here). */
export async function deviceLoss(): Promise<DeviceLoss> {
	const [unsent, contracts] = await Promise.all([
		unsentCount(),
		getDb().contracts.where('status').equals('pending').count()
	]);
	return { unsent, contracts };
}

/** How long sign-out waits for the server before wiping anyway (and revoking at the next sign-in). */
export const REVOKE_TIMEOUT_MS = 5_000;

/**
 * Revokes the token on the server, then wipes the device. Without an answer the device is wiped all
 * the same and the token kept aside, to be revoked at the next sign-in here; it expires with the
 * session otherwise. Returns whether the server confirmed the revocation.
 */
export async function signOut(): Promise<{ revoked: boolean }> {
	const session = await currentSession();
	const pending = (await getMeta<string[]>(META.revokeTokens)) ?? [];
	let revoked = true;
	if (session) {
		revoked = await revoke(session.token);
		if (!revoked) pending.push(session.token);
	}
	cancelDownloads();
	await wipeDevice();
	if (pending.length) await setMeta(META.revokeTokens, pending);
	return { revoked };
}

/** true when the token is no longer valid on the server (revoked now, or unknown/expired already). */
async function revoke(token: string): Promise<boolean> {
	try {
		await apiFetch('/session', { method: 'DELETE', token, timeoutMs: REVOKE_TIMEOUT_MS });
		return true;
	} catch (e) {
		return e instanceof HttpError && e.status === 401;
	}
}

/** Sends the revocations of offline sign-outs; those still without an answer stay for the next time. */
export async function revokePending(): Promise<void> {
	const pending = (await getMeta<string[]>(META.revokeTokens)) ?? [];
	if (pending.length === 0) return;
	const left: string[] = [];
	for (const token of pending) if (!(await revoke(token))) left.push(token);
	if (left.length) await setMeta(META.revokeTokens, left);
	else await getDb().meta.delete(META.revokeTokens);
}

async function wipeDevice(): Promise<void> {
	// Deleting the database (not clearing tables) also bypasses the immutability guards on purpose:
	// signing out is the one moment the user asked for the device to forget everything.
	await getDb().delete();
	forgetDb();
	forgetListSearch();
}
