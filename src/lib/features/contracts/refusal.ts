// A contract the provider refused to register: why (each field and rule), and a replacement made from the same details.
import { loadDraft, saveDraft } from '../../db/drafts';
import type { ContractRow, OutboxRow } from '../../db/types';
import type { ContractKind } from '../../domain/contract';
import { DISCREPANCY_CODES } from '../../domain/contractRules';

export type RefusalItem = { path: string; code: string };
export type Refusal = { code: string; items: RefusalItem[]; detail: string };

const RULES = new Set<string>([...DISCREPANCY_CODES, 'numberTaken']);

/**
 * The outbox keeps the server's answer as {code, detail}; the detail ends with the field list
 * ("record.x.y rule; …") that says which printed fields disagree and why.
 */
export function refusalOf(row: Pick<OutboxRow, 'lastError'>): Refusal {
	const code = row.lastError?.code ?? 'unexpected';
	const detail = row.lastError?.detail ?? '';
	const items: RefusalItem[] = [];
	for (const m of detail.matchAll(/record\.([\w.]+) ([\w,]+)/g)) {
		for (const rule of m[2]!.split(',')) if (RULES.has(rule)) items.push({ path: m[1]!, code: rule });
	}
	return { code, items, detail };
}

/** The draft key of each kind's flow (ContractFlow's Dexie draft). */
export const FLOW_DRAFT_KEY: Record<ContractKind, string> = {
	framework: 'contract.framework',
	filing: 'contract.filing',
	order: 'contract.order'
};

/** Whether the kind's flow holds unfinished work that a replacement would overwrite. */
export async function hasOpenDraft(kind: ContractKind): Promise<boolean> {
	return (await loadDraft(FLOW_DRAFT_KEY[kind])) !== undefined;
}

/**
 * Seeds the kind's flow with the refused contract's details: the same contact, filing or orders;
 * Party A, Party B and every attached field are taken fresh from today's records when the new
 * contract is built. The user still goes through the usual confirm step.
 */
export async function startReplacement(c: ContractRow): Promise<string> {
	const common = { step: 'details', contact: { ...c.contact }, replaces: c.id };
	const value =
		c.kind === 'framework'
			? common
			: c.kind === 'filing'
				? { ...common, filingId: c.filing.id, duplicateOk: false }
				: { ...common, ids: c.orders.map((o) => o.id), query: { search: '', month: undefined, product: undefined } };
	await saveDraft(FLOW_DRAFT_KEY[c.kind], value);
	return `/contracts/new/${c.kind}`;
}
