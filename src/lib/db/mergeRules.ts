// The merge rules themselves, pure: what is frozen, what is final, which side wins. The Dexie hooks enforce them on
// every write and merge.ts applies them to a pulled page and a backup file (kept apart so the hooks need no database).
import { canonicalJson } from '../domain/canonical';
import { contractRowSchema, stampingRequestRowSchema } from '../pwa/backup-schema';
import type { ContractRow, HolidayYearRow, StampingRequestRow } from './types';

/** What the provider may change on a generated contract; everything else of it is frozen on every device. */
export const CONTRACT_PROVIDER_FIELDS = ['status', 'registeredAt', 'replacedBy', 'refusal'] as const;

/** Fields a write may change on a stored contract: the provider's, and the search index derived from the frozen keys. */
// searchParts is written again by the v5 upgrade; it is not content.
const CONTRACT_WRITABLE_FIELDS = new Set<string>([...CONTRACT_PROVIDER_FIELDS, 'searchParts']);

/** Fields left out when two copies of a contract are compared: the provider's, and the keys the device derives. */
const CONTRACT_UNCOMPARED_FIELDS = [...CONTRACT_PROVIDER_FIELDS, 'searchKeys'] as const;

/**
 * The first dotted path of a Dexie modification set whose value differs from the row's, or null. Dexie may report
 * unchanged values as modified (new array references, put() over an equal row), so values are compared.
 */
function changedPath(mods: object, current: unknown, skip?: ReadonlySet<string>): string | null {
	for (const [key, value] of Object.entries(mods)) {
		if (skip?.has(key)) continue;
		const old = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], current);
		if (canonicalJson(old) !== canonicalJson(value)) return key;
	}
	return null;
}

/** The frozen field an update of a stored contract would change, or null (the immutability hook refuses it). */
export function frozenContractChange(mods: object, current: ContractRow): string | null {
	return changedPath(mods, current, CONTRACT_WRITABLE_FIELDS);
}

/** A submitted return address is final (the provider answers 409 to any change); a draft may still change. */
export function isFinal(request: Pick<StampingRequestRow, 'status'> | undefined): boolean {
	return request?.status === 'submitted';
}

/** The field an update of a stored paper-copy request would change although it is final, or null. */
export function finalRequestChange(mods: object, current: StampingRequestRow): string | null {
	return isFinal(current) ? changedPath(mods, current) : null;
}

/** The frozen part of a contract, normalised by the file's schema on both sides before comparing. */
export function contractContent(row: unknown): string {
	const parsed = contractRowSchema.safeParse(row);
	const value = { ...((parsed.success ? parsed.data : row) as Record<string, unknown>) };
	for (const f of CONTRACT_UNCOMPARED_FIELDS) delete value[f];
	return canonicalJson(value);
}

/** Two rows hold the same values (key order and Dexie's array copies aside). */
export const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * What becomes of an incoming paper-copy request beside the device's: added when missing, nothing when equal;
 * a final one is never replaced (a different final one is a conflict), a final one replaces a draft (it was sent:
 * a local draft must not reopen it), and otherwise the device's draft (the user's latest typing) is kept.
 */
export function requestMerge(
	local: StampingRequestRow | undefined,
	incoming: StampingRequestRow
): 'add' | 'same' | 'replace' | 'keep' | 'conflict' {
	if (!local) return 'add';
	if (same(stampingRequestRowSchema.safeParse(local).data ?? local, incoming)) return 'same';
	if (isFinal(local)) return isFinal(incoming) ? 'conflict' : 'keep';
	return isFinal(incoming) ? 'replace' : 'keep';
}

/** A year's holiday schedule as the provider last published it: an older revision (a replayed page) never wins. */
export function holidayYearWins(local: HolidayYearRow | undefined, incoming: HolidayYearRow): boolean {
	return !local || local.revision <= incoming.revision;
}
