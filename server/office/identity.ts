// Setting an account's verified identity from the office: what changes, and which registered contracts carry the identity being replaced.
import { canonicalJson } from '../../src/lib/domain/canonical';
import type { Identity, VerifiedIdentity } from '../../src/lib/domain/identity';
import type { IdentityPreview, IdentityRequest } from '../../src/lib/domain/office';
import type { Store } from '../store/index';

type Details = Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'>;

export function withDefaults(request: IdentityRequest): Details {
	return { entityType: 'enterprise', ...request };
}

/** The same identity again is a repeat, not a new verification: nothing changes, nothing is logged. */
export function isRepeat(current: Identity, details: Details): boolean {
	if (current.status !== 'verified') return false;
	const { status: _s, accountId: _a, verifiedAt: _v, ...held } = current;
	return canonicalJson(held) === canonicalJson(details);
}

export async function previewIdentity(
	store: Store,
	accountId: string,
	request: IdentityRequest
): Promise<IdentityPreview | undefined> {
	const account = await store.getAccount(accountId);
	if (!account) return undefined;
	const details = withDefaults(request);
	const current = account.identity.status === 'verified' ? account.identity : null;
	const changes = !isRepeat(account.identity, details);
	// Party A is printed from the identity: a registered contract carries the old one when its name and code match it.
	const carrying = current
		? (await store.listAccountContracts(accountId)).filter(
				(c) => c.partyA.name === current.legalName && c.partyA.creditCode === current.creditCode
			)
		: [];
	return {
		accountId,
		current,
		proposed: request,
		changes,
		contractsWithOldIdentity: changes
			? carrying.map((c) => ({ contractId: c.id, number: c.number, kind: c.kind, registeredAt: c.registeredAt }))
			: [],
		unregisteredWillBeRefused: changes && current !== null
	};
}

export async function setIdentity(
	store: Store,
	input: { accountId: string; request: IdentityRequest; actor: string; now: number }
) {
	const account = await store.getAccount(input.accountId);
	if (!account) return { kind: 'notFound' as const };
	const details = withDefaults(input.request);
	return store.verifyAccount({
		accountId: input.accountId,
		details: isRepeat(account.identity, details) ? undefined : details,
		now: new Date(input.now).toISOString(),
		actor: input.actor
	});
}
