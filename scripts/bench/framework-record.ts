// A framework agreement record as a device makes one, for the benches' registrations: a fresh id, today's template.
import { randomUUID } from 'node:crypto';
import { contractNumber, type ContractRecord } from '../../src/lib/domain/contract';
import { partyAOf } from '../../src/lib/domain/contractRules';
import type { VerifiedIdentity } from '../../src/lib/domain/identity';
import { CURRENT_TEMPLATE_VERSION } from '../../src/lib/domain/templateVersions';

/** The service provider as the server announces it (GET /changes): party B of every contract. */
export type BenchProvider = { name: string; creditCode: string; registeredAddress: string; verifyOrigin: string };

/** `mailingAddress` lets a bench print characters no earlier registration drew (see bench-registry's `fresh`). */
export function frameworkRecord(
	identity: VerifiedIdentity,
	provider: BenchProvider,
	mailingAddress = '深圳市南山区'
): ContractRecord {
	const id = randomUUID();
	const createdAt = new Date().toISOString();
	const templateVersion = CURRENT_TEMPLATE_VERSION.framework;
	return {
		kind: 'framework',
		id,
		number: contractNumber(id, createdAt, templateVersion),
		templateVersion,
		createdAt,
		partyA: partyAOf(identity),
		partyB: { ...provider },
		contact: { person: '王珺', phone: '13800138000', email: 'bench@example.com', mailingAddress }
	};
}
