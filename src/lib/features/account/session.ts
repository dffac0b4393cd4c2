// Signing in and out: a token from an access code, and a clean device when the account changes — never silently.
import { sessionResponse } from '../../domain/changes';
import { getDb, forgetDb } from '../../db/database';
import { getMeta, META, setMeta, type Session } from '../../db/meta';
import { apiFetch } from '../../sync/api';
import { pull } from '../../sync/pull';
import { clearSessionExpiry } from '../../sync/session-expiry';

export async function currentSession(): Promise<Session | undefined> {
	return getMeta<Session>(META.session);
}

/** What wiping the device would destroy for good: the provider has no copy of it. */
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
	await setMeta(META.session, { token: session.token, accountId: session.accountId } satisfies Session);
	clearSessionExpiry();
	await pull();
	return session;
}

/** Submissions not yet accepted by the provider: signing out would lose them. */
export async function unsentCount(): Promise<number> {
	return getDb().outbox.where('status').anyOf('pending', 'sending', 'rejected').count();
}

/** Unsent submissions, and contracts (records and PDFs are made on the device; the server may lack them). */
export async function deviceLoss(): Promise<DeviceLoss> {
	const [unsent, contracts] = await Promise.all([unsentCount(), getDb().contracts.count()]);
	return { unsent, contracts };
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
