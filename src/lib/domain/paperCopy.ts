// Where a contract's paper copy (纸质合同) stands, from the device's request, draft and the provider's events.
import { returnDueDate, type DueDate, type WorkCalendar } from './workdays';

/**
 * In order: typing the return address, submitted (to mail / mailed with tracking), then the provider's steps, and
 * completed once the customer confirmed the stamped contract arrived (确认收到): the request needs nobody any more.
 */
export const PAPER_STATES = ['draft', 'toMail', 'mailed', 'received', 'stamped', 'returned', 'completed'] as const;
export type PaperState = (typeof PAPER_STATES)[number];

/** What a contract's paper copy is known by: plain shapes, so this module needs no schema library. */
export type PaperFacts = {
	request?: { status: 'draft' | 'submitted'; submittedAt: string | null; submission: { outbound?: unknown } } | null;
	events: readonly {
		kind: 'received' | 'stamped' | 'returned' | 'confirmed';
		at: string;
		shipment?: { courier: string; trackingNumber: string };
	}[];
	/** A return-address draft with something typed in it. */
	drafted: boolean;
};

export type PaperSummary = {
	state: PaperState;
	/** When the provider received it: the due date counts from here. */
	receivedAt?: string;
	/** The return due date, while the provider holds the copy (received or stamped); counted on the provider's calendar. */
	due?: DueDate;
	returnShipment?: { courier: string; trackingNumber: string };
	/** The latest thing that happened, for "most recent first". */
	lastAt: string | null;
};

type EventKind = PaperFacts['events'][number]['kind'];
const STEP: Record<EventKind, number> = { received: 1, stamped: 2, returned: 3, confirmed: 4 };
const STATE_OF: Record<EventKind, PaperState> = {
	received: 'received',
	stamped: 'stamped',
	returned: 'returned',
	confirmed: 'completed'
};

/** Null when there is nothing of a paper copy (the request button is all there is to show). */
export function paperSummary(f: PaperFacts, calendar: WorkCalendar): PaperSummary | null {
	const received = f.events.filter((e) => e.kind === 'received').sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
	// The furthest provider step wins: events may arrive out of order in a pull, never go back.
	const furthest = [...f.events].sort((a, b) => STEP[b.kind] - STEP[a.kind] || Date.parse(a.at) - Date.parse(b.at))[0];
	const lastAt =
		[...f.events.map((e) => e.at), f.request?.submittedAt ?? null]
			.filter((x): x is string => !!x)
			.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
	if (furthest) {
		const summary: PaperSummary = { state: STATE_OF[furthest.kind], lastAt };
		if (received) summary.receivedAt = received.at;
		// Due only while the provider holds it: once returned, the courier's number is what matters.
		if (received && STEP[furthest.kind] < STEP.returned) summary.due = returnDueDate(received.at, calendar);
		const returned = f.events.find((e) => e.kind === 'returned');
		if (STEP[furthest.kind] >= STEP.returned && returned?.shipment) summary.returnShipment = returned.shipment;
		return summary;
	}
	if (f.request?.status === 'submitted') return { state: f.request.submission.outbound ? 'mailed' : 'toMail', lastAt };
	if (f.drafted) return { state: 'draft', lastAt: null };
	return null;
}

/** Whether a saved return-address form holds anything the user typed (opening the form saves an empty one). */
export function isTypedDraft(value: unknown): boolean {
	if (!value || typeof value !== 'object') return false;
	return Object.values(value as Record<string, unknown>).some((v) =>
		typeof v === 'string' ? v.trim() !== '' : isTypedDraft(v)
	);
}

/** What needs the user, for home: counts by state. */
export function countByState(summaries: Iterable<PaperSummary>): Record<PaperState, number> {
	const counts = Object.fromEntries(PAPER_STATES.map((s) => [s, 0])) as Record<PaperState, number>;
	for (const s of summaries) counts[s.state]++;
	return counts;
}
