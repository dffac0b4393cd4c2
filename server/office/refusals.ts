// The registry's refusals kept for the office: recorded as a registration is refused, summarised by reason over the last days.
import type { ContractRecord } from '../../src/lib/domain/contract';
import type { RefusalsResponse } from '../../src/lib/domain/office';
import type { Outcome } from '../http/idempotency';
import type { RefusalRow, Store } from '../store/index';

const RECENT = 5;

/** Keeps a refusal of what the record says (422) or of a number/order already taken (409); other outcomes are not refusals. */
export async function noteRefusal(
	store: Store,
	input: { accountId: string; record: ContractRecord; outcome: Outcome; now: number },
	log: (message: string, err?: unknown) => void
): Promise<void> {
	const { status, body } = input.outcome;
	const b = (body ?? {}) as { error?: unknown; fields?: Record<string, unknown> };
	const refused =
		status === 422 || (status === 409 && (b.error === 'numberTaken' || b.error === 'orderAlreadyAttached'));
	if (!refused || typeof b.error !== 'string') return;
	try {
		await store.recordRefusal({
			accountId: input.accountId,
			contractId: input.record.id,
			number: input.record.number,
			kind: input.record.kind,
			templateVersion: input.record.templateVersion,
			reason: b.error,
			fields: Object.keys(b.fields ?? {}),
			at: new Date(input.now).toISOString()
		});
	} catch (err) {
		// The customer's answer does not depend on the office's statistics.
		log('[office] could not record a refusal', err);
	}
}

export function summariseRefusals(rows: readonly RefusalRow[], days: number, since: string): RefusalsResponse {
	const by = new Map<string, RefusalRow[]>();
	for (const r of rows) by.set(r.reason, [...(by.get(r.reason) ?? []), r]);
	const byReason = [...by.entries()]
		.map(([reason, list]) => ({
			reason,
			count: list.length,
			accounts: new Set(list.map((r) => r.accountId)).size,
			lastAt: list.reduce((a, r) => (r.at > a ? r.at : a), ''),
			recent: [...list].sort((a, b) => b.at.localeCompare(a.at)).slice(0, RECENT)
		}))
		.sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
	return { days, since, total: rows.length, byReason };
}
