// Paper-copy requests (the immutable return address, the outbound parcel), the provider's events and the customer's 确认收到.
import { canonicalJson } from '../../../src/lib/domain/canonical';
import type {
	CourierShipment,
	ProviderEventKind,
	StampingEvent,
	StampingSubmission
} from '../../../src/lib/domain/stamping';
import { checkReceipt, receiptEventId, receiptTime } from '../../../src/lib/domain/stampingReceipt';
import type { Commit, ReceiptResult, StampingEventResult, StampingResult, StoredStamping } from '../types';
import { str, type PgContext, type Q } from './context';
import { toStamping, toEvent } from '../rows';

const STAMPING_ORDER = ['received', 'stamped', 'returned'] as const;

async function getStampingQ(q: Q, contractId: string): Promise<StoredStamping | undefined> {
	const { rows } = await q.query(`SELECT * FROM stamping_requests WHERE contract_id = $1`, [contractId]);
	return rows[0] && toStamping(rows[0]);
}

async function listEventsQ(q: Q, contractId: string): Promise<StampingEvent[]> {
	const { rows } = await q.query(`SELECT * FROM stamping_events WHERE contract_id = $1 ORDER BY seq`, [contractId]);
	return rows.map(toEvent);
}

export const getStamping = (ctx: PgContext, contractId: string) => getStampingQ(ctx.pool, contractId);
export const listStampingEvents = (ctx: PgContext, contractId: string) => listEventsQ(ctx.pool, contractId);

/**
 * Every write on a contract's paper copy first locks the contract's row: the request and its events are decided
 * one at a time per contract, whichever process serves them; the primary key and the trigger stay as last guards.
 */
async function lockContract(q: Q, contractId: string): Promise<string | undefined> {
	// NO KEY UPDATE: foreign keys to the contract (KEY SHARE) are never blocked by it (see accounts.verifyAccount).
	const { rows } = await q.query(`SELECT account_id FROM contracts WHERE id = $1 FOR NO KEY UPDATE`, [contractId]);
	return rows[0] ? str(rows[0].account_id) : undefined;
}

export async function submitStamping(
	ctx: PgContext,
	input: { accountId: string; contractId: string; submission: StampingSubmission; now: string },
	commit?: Commit<StampingResult>
): Promise<StampingResult> {
	return ctx.tx(async (q) => {
		const owner = await lockContract(q, input.contractId);
		let result: StampingResult;
		if (owner !== input.accountId) {
			result = { kind: 'notFound' };
		} else {
			const stored = await getStampingQ(q, input.contractId);
			if (!stored) {
				const seq = await ctx.nextSeq(q);
				await q.query(
					`INSERT INTO stamping_requests (contract_id, account_id, submission, created_at, updated_at, seq) VALUES ($1, $2, $3, $4, $4, $5)`,
					[input.contractId, input.accountId, JSON.stringify(input.submission), input.now, seq]
				);
				result = { kind: 'created', stamping: (await getStampingQ(q, input.contractId))! };
			} else if (canonicalJson(stored.submission.returnAddress) !== canonicalJson(input.submission.returnAddress)) {
				result = { kind: 'conflict', stamping: stored };
			} else if (
				!input.submission.outbound ||
				(stored.submission.outbound &&
					canonicalJson(stored.submission.outbound) === canonicalJson(input.submission.outbound))
			) {
				result = { kind: 'same', stamping: stored };
			} else if (stored.submission.outbound) {
				// The outbound parcel is a fact once told; a different one is a conflict, not an edit.
				result = { kind: 'conflict', stamping: stored };
			} else {
				// Users may mail the contract after submitting the address: the tracking number may follow.
				const submission = { ...stored.submission, outbound: input.submission.outbound };
				// A new sequence: the other devices of the account pull the parcel too.
				const seq = await ctx.nextSeq(q);
				await q.query(
					`UPDATE stamping_requests SET submission = $1, updated_at = $2, seq = $3 WHERE contract_id = $4`,
					[JSON.stringify(submission), input.now, seq, input.contractId]
				);
				result = { kind: 'updated', stamping: (await getStampingQ(q, input.contractId))! };
			}
		}
		await ctx.finishInTx(q, commit, result);
		return result;
	});
}

export async function addStampingEvent(
	ctx: PgContext,
	input: {
		contractId: string;
		kind: ProviderEventKind;
		shipment?: CourierShipment;
		icpMaterialsEnclosed?: boolean;
		now: string;
		actor?: string;
	},
	commit?: Commit<StampingEventResult>
): Promise<StampingEventResult> {
	return ctx.tx(async (q) => {
		const accountId = await lockContract(q, input.contractId);
		let result: StampingEventResult;
		if (accountId === undefined) result = { kind: 'notFound' };
		else {
			const events = await listEventsQ(q, input.contractId);
			const expected = STAMPING_ORDER[events.length];
			if (!(await getStampingQ(q, input.contractId))) {
				result = { kind: 'outOfOrder', events, reason: 'noStampingRequest' };
			} else if (expected !== input.kind) {
				result = { kind: 'outOfOrder', events, reason: expected ? `expected ${expected}` : 'alreadyReturned' };
			} else {
				const event: StampingEvent = {
					id: `${input.contractId}:${input.kind}`,
					contractId: input.contractId,
					kind: input.kind,
					at: input.now
				};
				if (input.shipment) event.shipment = input.shipment;
				if (input.kind === 'returned' && input.icpMaterialsEnclosed) event.icpMaterialsEnclosed = true;
				const audit = {
					actor: input.actor,
					before: { step: events.at(-1)?.kind ?? 'submitted' },
					after: {
						step: input.kind,
						...(event.shipment && { shipment: event.shipment }),
						...(event.icpMaterialsEnclosed && { icpMaterialsEnclosed: true })
					}
				};
				await ctx.logAction(q, `stamping.${input.kind}`, input.contractId, input.shipment, input.now, audit);
				const seq = await ctx.nextSeq(q);
				await q.query(
					`INSERT INTO stamping_events (id, contract_id, account_id, kind, at, shipment, icp_materials, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
					[
						event.id,
						event.contractId,
						accountId,
						event.kind,
						event.at,
						event.shipment ? JSON.stringify(event.shipment) : null,
						event.icpMaterialsEnclosed === true,
						seq
					]
				);
				result = { kind: 'added', event, events: [...events, event] };
			}
		}
		await ctx.finishInTx(q, commit, result);
		return result;
	});
}

export async function confirmReceipt(
	ctx: PgContext,
	input: { accountId: string; contractId: string; confirmedAt: string; now: string },
	commit?: Commit<ReceiptResult>
): Promise<ReceiptResult> {
	return ctx.tx(async (q) => {
		const owner = await lockContract(q, input.contractId);
		let result: ReceiptResult;
		if (owner !== input.accountId || !(await getStampingQ(q, input.contractId))) {
			result = { kind: 'notFound' };
		} else {
			const events = await listEventsQ(q, input.contractId);
			const check = checkReceipt(events);
			if (check.kind === 'notReturned') result = { kind: 'notReturned', events };
			else if (check.kind === 'alreadyConfirmed')
				result = { kind: 'same', event: events.find((e) => e.kind === 'confirmed')! };
			else {
				const event: StampingEvent = {
					id: receiptEventId(input.contractId),
					contractId: input.contractId,
					kind: 'confirmed',
					at: receiptTime(input.confirmedAt, check.returnedAt, input.now)
				};
				const seq = await ctx.nextSeq(q);
				await q.query(
					`INSERT INTO stamping_events (id, contract_id, account_id, kind, at, shipment, seq) VALUES ($1, $2, $3, $4, $5, NULL, $6)`,
					[event.id, event.contractId, input.accountId, event.kind, event.at, seq]
				);
				result = { kind: 'confirmed', event };
			}
		}
		await ctx.finishInTx(q, commit, result);
		return result;
	});
}
