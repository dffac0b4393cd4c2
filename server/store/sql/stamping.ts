// Paper-copy requests (the immutable return address, the outbound parcel), the provider's events and the customer's 确认收到, written once for both stores.
import { canonicalJson } from '../../../src/lib/domain/canonical';
import type { StampingEvent, StampingSubmission } from '../../../src/lib/domain/stamping';
import { checkReceipt, receiptEventId, receiptTime } from '../../../src/lib/domain/stampingReceipt';
import { str, toEvent, toStamping } from '../rows';
import type { Commit, ReceiptResult, StampingEventResult, StampingResult, Store, StoredStamping } from '../types';
import { finishInTx, logAction, nextSeq } from './ledger';
import { all, get, run, type Dialect, type Steps } from './steps';

const STAMPING_ORDER = ['received', 'stamped', 'returned'] as const;

export function* getStamping(_d: Dialect, contractId: string): Steps<StoredStamping | undefined> {
	const row = yield* get(`SELECT * FROM stamping_requests WHERE contract_id = ?`, contractId);
	return row && toStamping(row);
}

export function* listStampingEvents(_d: Dialect, contractId: string): Steps<StampingEvent[]> {
	return (yield* all(`SELECT * FROM stamping_events WHERE contract_id = ? ORDER BY seq`, contractId)).map(toEvent);
}

/**
 * Every write on a contract's paper copy first locks the contract's row: the request and its events are decided
 * one at a time per contract, whichever process serves them; the primary key and the trigger stay as last guards.
 * Answers the contract's account.
 */
function* lockContract(d: Dialect, contractId: string): Steps<string | undefined> {
	// Foreign keys to the contract (KEY SHARE) are never blocked by the lock (see accounts.verifyAccount).
	const row = yield* get(`SELECT account_id FROM contracts WHERE id = ?${d.lockRowNoKey}`, contractId);
	return row ? str(row.account_id) : undefined;
}

export function* submitStamping(
	d: Dialect,
	input: { accountId: string; contractId: string; submission: StampingSubmission; now: string },
	commit?: Commit<StampingResult>
): Steps<StampingResult> {
	const owner = yield* lockContract(d, input.contractId);
	let result: StampingResult;
	if (owner !== input.accountId) {
		result = { kind: 'notFound' };
	} else {
		const stored = yield* getStamping(d, input.contractId);
		if (!stored) {
			const seq = yield* nextSeq();
			yield* run(
				`INSERT INTO stamping_requests (contract_id, account_id, submission, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?)`,
				input.contractId,
				input.accountId,
				JSON.stringify(input.submission),
				input.now,
				input.now,
				seq
			);
			result = { kind: 'created', stamping: (yield* getStamping(d, input.contractId))! };
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
			const seq = yield* nextSeq();
			yield* run(
				`UPDATE stamping_requests SET submission = ?, updated_at = ?, seq = ? WHERE contract_id = ?`,
				JSON.stringify(submission),
				input.now,
				seq,
				input.contractId
			);
			result = { kind: 'updated', stamping: (yield* getStamping(d, input.contractId))! };
		}
	}
	yield* finishInTx(commit, result);
	return result;
}

export function* addStampingEvent(
	d: Dialect,
	input: Parameters<Store['addStampingEvent']>[0],
	commit?: Commit<StampingEventResult>
): Steps<StampingEventResult> {
	const accountId = yield* lockContract(d, input.contractId);
	let result: StampingEventResult;
	if (accountId === undefined) result = { kind: 'notFound' };
	else {
		const events = yield* listStampingEvents(d, input.contractId);
		const expected = STAMPING_ORDER[events.length];
		if (!(yield* getStamping(d, input.contractId))) {
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
			yield* logAction(`stamping.${input.kind}`, input.contractId, input.shipment, input.now, audit);
			const seq = yield* nextSeq();
			yield* run(
				`INSERT INTO stamping_events (id, contract_id, account_id, kind, at, shipment, icp_materials, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				event.id,
				event.contractId,
				accountId,
				event.kind,
				event.at,
				event.shipment ? JSON.stringify(event.shipment) : null,
				event.icpMaterialsEnclosed === true,
				seq
			);
			result = { kind: 'added', event, events: [...events, event] };
		}
	}
	yield* finishInTx(commit, result);
	return result;
}

export function* confirmReceipt(
	d: Dialect,
	input: { accountId: string; contractId: string; confirmedAt: string; now: string },
	commit?: Commit<ReceiptResult>
): Steps<ReceiptResult> {
	const owner = yield* lockContract(d, input.contractId);
	let result: ReceiptResult;
	if (owner !== input.accountId || !(yield* getStamping(d, input.contractId))) {
		result = { kind: 'notFound' };
	} else {
		const events = yield* listStampingEvents(d, input.contractId);
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
			const seq = yield* nextSeq();
			yield* run(
				`INSERT INTO stamping_events (id, contract_id, account_id, kind, at, shipment, seq) VALUES (?, ?, ?, ?, ?, NULL, ?)`,
				event.id,
				event.contractId,
				input.accountId,
				event.kind,
				event.at,
				seq
			);
			result = { kind: 'confirmed', event };
		}
	}
	yield* finishInTx(commit, result);
	return result;
}
