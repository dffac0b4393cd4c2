// Staff accounts: adding a member with a one-time initial password, the member as the API shows it (never a password or hash).
import type { StaffMember, StaffRole } from '../../src/lib/domain/office';
import type { StaffRecord, Store } from '../store/index';
import { hashPassword, initialPassword } from './passwords';

export interface SessionPolicy {
	/** A session unused this long is over. */
	idleTimeoutMs: number;
	/** A session ends this long after sign-in, used or not. */
	maxAgeMs: number;
}

export async function memberView(
	store: Store,
	rec: StaffRecord,
	policy: SessionPolicy,
	now: number
): Promise<StaffMember> {
	return {
		login: rec.login,
		roles: rec.roles,
		mustChangePassword: rec.mustChangePassword,
		createdAt: rec.createdAt,
		lastSignInAt: rec.lastSignInAt,
		activeSessions: await store.countStaffSessions({
			login: rec.login,
			now: new Date(now).toISOString(),
			idleSince: new Date(now - policy.idleTimeoutMs).toISOString()
		})
	};
}

export type AddStaffResult = { kind: 'created'; record: StaffRecord; initialPassword: string } | { kind: 'exists' };

export async function addStaff(
	store: Store,
	input: { login: string; roles: StaffRole[]; actor: string; now: number }
): Promise<AddStaffResult> {
	const password = initialPassword();
	const created = await store.createStaff({
		login: input.login,
		roles: [...new Set(input.roles)],
		passwordHash: await hashPassword(password),
		now: new Date(input.now).toISOString(),
		actor: input.actor
	});
	if (created === 'exists') return { kind: 'exists' };
	return { kind: 'created', record: (await store.getStaff(input.login))!, initialPassword: password };
}

/** A new initial password for a member who lost theirs; their sessions end. */
export async function resetPassword(
	store: Store,
	input: { login: string; actor: string; now: number }
): Promise<{ record: StaffRecord; initialPassword: string } | undefined> {
	const password = initialPassword();
	const ok = await store.setStaffPassword({
		login: input.login,
		passwordHash: await hashPassword(password),
		mustChangePassword: true,
		now: new Date(input.now).toISOString(),
		actor: input.actor
	});
	if (!ok) return undefined;
	await store.revokeStaffSessions({ login: input.login });
	return { record: (await store.getStaff(input.login))!, initialPassword: password };
}
