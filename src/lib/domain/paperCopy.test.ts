// Where a paper copy stands: from the draft to the provider's return, events out of order, and home's counts.
import { describe, expect, it } from 'vitest';
import { SCHEDULE_2026 } from '../../../tests/support/lib/domain/holiday-calendars';
import { countByState, isTypedDraft, paperSummary as summaryOn, type PaperFacts } from './paperCopy';
import { workCalendar } from './workdays';

const published = workCalendar([SCHEDULE_2026]);
const paperSummary = (f: PaperFacts) => summaryOn(f, published);

const submitted = (outbound?: unknown): PaperFacts['request'] => ({
	status: 'submitted',
	submittedAt: '2026-12-01T10:00:00+08:00',
	submission: outbound ? { outbound } : {}
});
const ev = (kind: 'received' | 'stamped' | 'returned' | 'confirmed', at: string) => ({
	kind,
	at,
	...(kind === 'returned' ? { shipment: { courier: '顺丰速运', trackingNumber: 'SF1234567890' } } : {})
});

describe('paperSummary', () => {
	it('is nothing without a request, an event or a typed draft', () => {
		expect(paperSummary({ request: null, events: [], drafted: false })).toBeNull();
	});
	it('follows the request through the provider’s steps', () => {
		expect(paperSummary({ request: null, events: [], drafted: true })?.state).toBe('draft');
		expect(paperSummary({ request: submitted(), events: [], drafted: false })?.state).toBe('toMail');
		expect(
			paperSummary({ request: submitted({ courier: '顺丰速运', trackingNumber: 'SF1' }), events: [], drafted: false })
				?.state
		).toBe('mailed');
		const received = paperSummary({
			request: submitted(),
			events: [ev('received', '2026-12-03T09:00:00+08:00')],
			drafted: false
		});
		expect(received).toMatchObject({
			state: 'received',
			receivedAt: '2026-12-03T09:00:00+08:00',
			lastAt: '2026-12-03T09:00:00+08:00'
		});
	});
	it('takes the furthest step even when events arrive out of order, and keeps the receipt time and courier', () => {
		const s = paperSummary({
			request: null,
			events: [
				ev('returned', '2026-12-10T09:00:00+08:00'),
				ev('received', '2026-12-03T09:00:00+08:00'),
				ev('stamped', '2026-12-05T09:00:00+08:00')
			],
			drafted: false
		});
		expect(s).toMatchObject({
			state: 'returned',
			receivedAt: '2026-12-03T09:00:00+08:00',
			returnShipment: { trackingNumber: 'SF1234567890' },
			lastAt: '2026-12-10T09:00:00+08:00'
		});
		// Returned: no due date any more.
		expect(s?.due).toBeUndefined();
	});
	it('carries the due date while the provider holds the copy: final on a published year, provisional past it', () => {
		const received = { request: submitted(), events: [ev('received', '2026-12-03T09:00:00+08:00')], drafted: false };
		// 15 working days after Thu 3 Dec 2026 (no holiday in between): Thu 24 Dec.
		expect(summaryOn(received, published)?.due).toEqual({ due: '2026-12-24', provisional: false });
		expect(
			summaryOn({ ...received, events: [...received.events, ev('stamped', '2026-12-04T09:00:00+08:00')] }, published)
				?.due?.due
		).toBe('2026-12-24');
		// Nothing published: the same count on weekdays, marked provisional.
		expect(summaryOn(received, workCalendar([]))?.due).toMatchObject({ due: '2026-12-24', provisional: true });
	});
});

describe('completion (确认收到)', () => {
	const back = [
		ev('received', '2026-12-03T09:00:00+08:00'),
		ev('stamped', '2026-12-04T09:00:00+08:00'),
		ev('returned', '2026-12-10T09:00:00+08:00')
	];
	it('ends the request once the customer confirmed: completed, with the return courier and no due date', () => {
		const s = paperSummary({
			request: submitted(),
			events: [ev('confirmed', '2026-12-12T09:00:00+08:00'), ...back],
			drafted: false
		});
		expect(s).toEqual({
			state: 'completed',
			receivedAt: '2026-12-03T09:00:00+08:00',
			returnShipment: { courier: '顺丰速运', trackingNumber: 'SF1234567890' },
			lastAt: '2026-12-12T09:00:00+08:00'
		});
	});
	it('stays returned until then', () => {
		expect(paperSummary({ request: submitted(), events: back, drafted: false })?.state).toBe('returned');
	});
	it('leaves home’s counts of what needs the user', () => {
		const returned = paperSummary({ request: submitted(), events: back, drafted: false })!;
		const done = paperSummary({
			request: submitted(),
			events: [...back, ev('confirmed', '2026-12-12T09:00:00+08:00')],
			drafted: false
		})!;
		expect(countByState([returned, done])).toMatchObject({ returned: 1, completed: 1 });
	});
});

describe('isTypedDraft', () => {
	it('tells an opened form from one with something typed', () => {
		expect(isTypedDraft({ recipient: '', phone: ' ' })).toBe(false);
		expect(isTypedDraft({ recipient: '', phone: '138' })).toBe(true);
		expect(isTypedDraft(null)).toBe(false);
	});
});

describe('countByState', () => {
	it('counts every state, zero included', () => {
		const a = paperSummary({ request: submitted(), events: [], drafted: false })!;
		expect(countByState([a, a])).toEqual({
			draft: 0,
			toMail: 2,
			mailed: 0,
			received: 0,
			stamped: 0,
			returned: 0,
			completed: 0
		});
	});
});
