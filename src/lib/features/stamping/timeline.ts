// What the page shows after submission: the delivery state of the request and of 确认收到, and the events in order.
import { returnDueDate, type DueDate, type WorkCalendar } from '../../domain/workdays';
import type { CourierShipment, StampingEvent } from '../../domain/stamping';
import type { OutboxRow, StampingRequestRow } from '../../db/types';

export type StepKind = 'submitted' | 'received' | 'stamped' | 'returned' | 'confirmed';
export type TimelineStep = {
	kind: StepKind;
	done: boolean;
	at: string | null;
	due?: DueDate;
	shipment?: CourierShipment;
	/** Returned: the provider recorded at dispatch that the ICP commercial-filing materials are enclosed. */
	icpMaterialsEnclosed?: true;
};

const ORDER: StepKind[] = ['submitted', 'received', 'stamped', 'returned', 'confirmed'];

/**
 * Every step, done (with its time) or not yet. A provider event implies the submission even when this
 * device does not hold it (made on another device). The due date comes with the receipt.
 */
export function timeline(
	request: StampingRequestRow | null | undefined,
	events: readonly StampingEvent[],
	calendar: WorkCalendar
): TimelineStep[] {
	const byKind = new Map<StepKind, StampingEvent>();
	// The earliest of each kind: the back office refuses repeats, but a replayed pull must not reorder.
	for (const e of [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)))
		if (!byKind.has(e.kind)) byKind.set(e.kind, e);
	return ORDER.map((kind): TimelineStep => {
		if (kind === 'submitted') {
			const here = request?.status === 'submitted';
			return { kind, done: here || byKind.size > 0, at: here ? request.submittedAt : null };
		}
		const e = byKind.get(kind);
		if (!e) return { kind, done: false, at: null };
		// The due date matters only while the provider holds the copy: once it is back, it (and its estimate note) goes.
		if (kind === 'received')
			return byKind.has('returned') || byKind.has('confirmed')
				? { kind, done: true, at: e.at }
				: { kind, done: true, at: e.at, due: returnDueDate(e.at, calendar) };
		const step: TimelineStep = { kind, done: true, at: e.at };
		if (e.shipment) step.shipment = e.shipment;
		if (kind === 'returned' && e.icpMaterialsEnclosed) step.icpMaterialsEnclosed = true;
		return step;
	});
}

export type SendState = 'pending' | 'sending' | 'done' | 'rejected';

/** The newest row of this kind decides; none left (done rows are pruned after a while) means delivered. */
export function sendState(
	rows: readonly OutboxRow[],
	kind: 'submitStamping' | 'confirmReceipt' = 'submitStamping'
): { state: SendState; error?: OutboxRow['lastError'] } {
	const newest = rows.filter((r) => r.kind === kind).sort((a, b) => b.createdAt - a.createdAt)[0];
	if (!newest) return { state: 'done' };
	return newest.status === 'rejected' ? { state: 'rejected', error: newest.lastError } : { state: newest.status };
}
