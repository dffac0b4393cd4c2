// One stamping request in the office: its full view, the lookup by number for intake, and the received → stamped → dispatched steps.
import {
	extractContractNumber,
	type ActionRefusal,
	type DispatchRequest,
	type IntakeLookupResponse,
	type OfficeContract
} from '../../src/lib/domain/office';
import type { ProviderEventKind, StampingEvent } from '../../src/lib/domain/stampingEvent';
import type { WorkCalendar } from '../../src/lib/domain/workdays';
import type { Store } from '../store/index';
import { queueItem } from './queues';

export async function officeContract(
	store: Store,
	contractId: string,
	calendar: WorkCalendar,
	now: number
): Promise<OfficeContract | undefined> {
	const [contract, stamping, events] = await Promise.all([
		store.getContract(contractId),
		store.getStamping(contractId),
		store.listStampingEvents(contractId)
	]);
	if (!contract || !stamping) return undefined;
	const row = {
		contractId,
		accountId: contract.accountId,
		number: contract.record.number,
		kind: contract.record.kind,
		companyName: contract.record.partyA.name,
		submission: stamping.submission,
		submittedAt: stamping.createdAt,
		events
	};
	return { ...queueItem(row, calendar, now), returnAddress: stamping.submission.returnAddress, events };
}

export type Lookup = { kind: 'notFound' } | { kind: 'found'; body: IntakeLookupResponse };

/** What the scanner read or someone typed: the request, and whether it can be received now (and why not). */
export async function intakeLookup(store: Store, raw: string, calendar: WorkCalendar, now: number): Promise<Lookup> {
	const number = extractContractNumber(raw);
	if (!number) return { kind: 'notFound' };
	const [found] = await store.contractsByNumber(number);
	if (!found) return { kind: 'notFound' };
	const contract = await officeContract(store, found.id, calendar, now);
	const reason = !contract ? 'noAddress' : contract.receivedAt ? 'alreadyReceived' : null;
	return {
		kind: 'found',
		body: {
			contract: contract ?? null,
			contractId: found.id,
			number,
			companyName: found.record.partyA.name,
			canReceive: reason === null,
			reason
		}
	};
}

/** Why a step cannot be taken, from the request's events (the store refused it as out of order). */
export function refusalReason(
	kind: ProviderEventKind,
	events: readonly StampingEvent[],
	hasRequest: boolean
): ActionRefusal {
	const has = (k: StampingEvent['kind']) => events.some((e) => e.kind === k);
	if (!hasRequest) return 'noStampingRequest';
	if (has('returned')) return 'alreadyReturned';
	if (kind === 'received') return 'alreadyReceived';
	if (kind === 'stamped') return has('stamped') ? 'alreadyStamped' : 'notReceived';
	return 'notStamped';
}

const MESSAGES: Record<ActionRefusal, string> = {
	noStampingRequest: 'No return address was submitted for this contract',
	notReceived: 'The paper contract has not been received yet',
	notStamped: 'The paper contract has not been stamped yet',
	alreadyReceived: 'The paper contract was already received',
	alreadyStamped: 'The paper contract was already stamped',
	alreadyReturned: 'The paper contract was already returned'
};

export type StepResult =
	| { kind: 'done'; contract: OfficeContract }
	| { kind: 'notFound' }
	| { kind: 'invalid'; fields: Record<string, string[]>; message: string }
	| { kind: 'refused'; reason: ActionRefusal; message: string; contract: OfficeContract | null };

/**
 * The provider's step, through the same store write the admin API uses (so the customer's phone pulls it as
 * before), with the member as the audit actor. Dispatching a filing contract says its ICP materials went along.
 */
export async function takeStep(
	store: Store,
	input: { contractId: string; kind: ProviderEventKind; dispatch?: DispatchRequest; actor: string; now: number },
	calendar: WorkCalendar
): Promise<StepResult> {
	const contract = await store.getContract(input.contractId);
	if (!contract) return { kind: 'notFound' };
	if (input.kind === 'returned') {
		const filing = contract.record.kind === 'filing';
		const enclosed = input.dispatch?.icpMaterialsEnclosed === true;
		if (filing !== enclosed) {
			return {
				kind: 'invalid',
				fields: { icpMaterialsEnclosed: [filing ? 'required' : 'notFiling'] },
				message: filing
					? 'A filing contract goes back with the ICP commercial-filing materials'
					: 'Only a filing contract goes back with ICP commercial-filing materials'
			};
		}
	}
	const shipment = input.dispatch && {
		courier: input.dispatch.courier,
		trackingNumber: input.dispatch.trackingNumber
	};
	const result = await store.addStampingEvent({
		contractId: input.contractId,
		kind: input.kind,
		shipment: input.kind === 'returned' ? shipment : undefined,
		icpMaterialsEnclosed: input.kind === 'returned' && input.dispatch?.icpMaterialsEnclosed === true,
		now: new Date(input.now).toISOString(),
		actor: input.actor
	});
	if (result.kind === 'notFound') return { kind: 'notFound' };
	const view = await officeContract(store, input.contractId, calendar, input.now);
	if (result.kind === 'outOfOrder') {
		const reason = refusalReason(input.kind, result.events, result.reason !== 'noStampingRequest');
		return { kind: 'refused', reason, message: MESSAGES[reason], contract: view ?? null };
	}
	return { kind: 'done', contract: view! };
}
