// Where a sync problem is — the phone, the provider, or something only the user can do — from the status and the queue's counts.
import type { ProviderHealth } from './flush';

/**
 * signIn / refused: the user must act. offline: the phone has no network. unreachable / failing: the
 * provider cannot be reached, or answers with errors. sending / synced / never: no problem.
 */
export type SyncCondition =
	'signIn' | 'refused' | 'offline' | 'unreachable' | 'failing' | 'sending' | 'synced' | 'never';

/** Whose move it is: the user's, the phone's network, or the provider's. */
export type ProblemSide = 'user' | 'phone' | 'provider' | null;

export type ConditionInput = {
	online: boolean;
	sessionExpired: boolean;
	provider: ProviderHealth;
	/** Rows refused by the provider. */
	rejected: number;
	/** Rows waiting or in flight. */
	queued: number;
	/** The device has pulled at least once. */
	synced: boolean;
};

/** What only the user can resolve comes first; then the phone's network; then the provider. */
export function syncCondition(s: ConditionInput): SyncCondition {
	if (s.sessionExpired) return 'signIn';
	if (s.rejected > 0) return 'refused';
	if (!s.online) return 'offline';
	if (s.provider === 'unreachable') return 'unreachable';
	if (s.provider === 'failing') return 'failing';
	if (s.queued > 0) return 'sending';
	return s.synced ? 'synced' : 'never';
}

export function problemSide(c: SyncCondition): ProblemSide {
	switch (c) {
		case 'signIn':
		case 'refused':
			return 'user';
		case 'offline':
			return 'phone';
		case 'unreachable':
		case 'failing':
			return 'provider';
		default:
			return null;
	}
}
