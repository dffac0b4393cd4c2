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
import { str, type Row, type SqliteContext } from './context';
import { toStamping, toEvent } from '../rows';

const STAMPING_ORDER = ['received', 'stamped', 'returned'] as const;

export function getStamping(ctx: SqliteContext, contractId: string): StoredStamping | undefined {
	const row = ctx.db.prepare(`SELECT * FROM stamping_requests WHERE contract_id = ?`).get(contractId) as
		Row | undefined;
	return row && toStamping(row);
}

export function listStampingEvents(ctx: SqliteContext, contractId: string): StampingEvent[] {
	const rows = ctx.db
		.prepare(`SELECT * FROM stamping_events WHERE contract_id = ? ORDER BY seq`)
		.all(contractId) as Row[];
	return rows.map(toEvent);
}

export function submitStamping(
	ctx: SqliteContext,
	input: { accountId: string; contractId: string; submission: StampingSubmission; now: string },
	commit?: Commit<StampingResult>
): StampingResult {
	const { db } = ctx;
	return db
		.transaction((): StampingResult => {
			const contract = db.prepare(`SELECT account_id FROM contracts WHERE id = ?`).get(input.contractId) as
				Row | undefined;
			let result: StampingResult;
			if (!contract || str(contract.account_id) !== input.accountId) {
				result = { kind: 'notFound' };
			} else {
				const stored = getStamping(ctx, input.contractId);
				if (!stored) {
					db.prepare(
						`INSERT INTO stamping_requests (contract_id, account_id, submission, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?)`
					).run(
						input.contractId,
						input.accountId,
						JSON.stringify(input.submission),
						input.now,
						input.now,
						ctx.nextSeq()
					);
					result = { kind: 'created', stamping: getStamping(ctx, input.contractId)! };
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
					db.prepare(`UPDATE stamping_requests SET submission = ?, updated_at = ?, seq = ? WHERE contract_id = ?`).run(
						JSON.stringify(submission),
						input.now,
						ctx.nextSeq(),
						input.contractId
					);
					result = { kind: 'updated', stamping: getStamping(ctx, input.contractId)! };
				}
			}
			ctx.finishInTx(commit, result);
			return result;
		})
		.immediate();
}

export function addStampingEvent(
	ctx: SqliteContext,
	input: {
		contractId: string;
		kind: ProviderEventKind;
		shipment?: CourierShipment;
		icpMaterialsEnclosed?: boolean;
		now: string;
		actor?: string;
	},
	commit?: Commit<StampingEventResult>
): StampingEventResult {
	const { db } = ctx;
	return db
		.transaction((): StampingEventResult => {
			const contract = db.prepare(`SELECT account_id FROM contracts WHERE id = ?`).get(input.contractId) as
				Row | undefined;
			let result: StampingEventResult;
			if (!contract) result = { kind: 'notFound' };
			else {
				const events = listStampingEvents(ctx, input.contractId);
				const expected = STAMPING_ORDER[events.length];
				if (!getStamping(ctx, input.contractId)) {
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
					db.prepare(
						`INSERT INTO stamping_events (id, contract_id, account_id, kind, at, shipment, icp_materials, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
					).run(
						event.id,
						event.contractId,
						str(contract.account_id),
						event.kind,
						event.at,
						event.shipment ? JSON.stringify(event.shipment) : null,
						event.icpMaterialsEnclosed ? 1 : 0,
						ctx.nextSeq()
					);
					ctx.logAction(`stamping.${input.kind}`, input.contractId, input.shipment, input.now, audit);
					result = { kind: 'added', event, events: [...events, event] };
				}
			}
			ctx.finishInTx(commit, result);
			return result;
		})
		.immediate();
}

export function confirmReceipt(
	ctx: SqliteContext,
	input: { accountId: string; contractId: string; confirmedAt: string; now: string },
	commit?: Commit<ReceiptResult>
): ReceiptResult {
	const { db } = ctx;
	return db
		.transaction((): ReceiptResult => {
			const contract = db.prepare(`SELECT account_id FROM contracts WHERE id = ?`).get(input.contractId) as
				Row | undefined;
			let result: ReceiptResult;
			if (!contract || str(contract.account_id) !== input.accountId || !getStamping(ctx, input.contractId)) {
				result = { kind: 'notFound' };
			} else {
				const events = listStampingEvents(ctx, input.contractId);
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
					db.prepare(
						`INSERT INTO stamping_events (id, contract_id, account_id, kind, at, shipment, seq) VALUES (?, ?, ?, ?, ?, NULL, ?)`
					).run(event.id, event.contractId, input.accountId, event.kind, event.at, ctx.nextSeq());
					result = { kind: 'confirmed', event };
				}
			}
			ctx.finishInTx(commit, result);
			return result;
		})
		.immediate();
}
