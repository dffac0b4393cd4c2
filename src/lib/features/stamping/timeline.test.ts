import { describe, expect, it } from 'vitest';
import type { OutboxRow, StampingRequestRow } from '../../db/types';
import type { StampingEvent } from '../../domain/stamping';
import { SCHEDULE_2025, SCHEDULE_2026 } from '../../../../tests/support/lib/domain/holiday-calendars';
import { workCalendar } from '../../domain/workdays';
import { requestSendState, sendState, timeline as timelineOn } from './timeline';

const calendar = workCalendar([SCHEDULE_2025, SCHEDULE_2026]);
const timeline = (r: StampingRequestRow | null, events: StampingEvent[]) => timelineOn(r, events, calendar);

const contractId = '7d3c8a52-5d0c-4f7e-9a53-2f1f6f0b1c11';
const request: StampingRequestRow = {
	contractId,
	status: 'submitted',
	submission: {
		returnAddress: {
			recipient: '李喆',
			phone: '13800138000',
			province: '广东省',
			city: '深圳市',
			district: '南山区',
			address: '科苑路 8 号',
			postalCode: '518057'
		}
	},
	submittedAt: '2026-09-20T10:00:00.000+08:00'
};
const event = (kind: StampingEvent['kind'], at: string, extra: Partial<StampingEvent> = {}): StampingEvent => ({
	id: `${kind}-${at}`,
	contractId,
	kind,
	at,
	...extra
});

describe('timeline', () => {
	it('shows every step, only the submission done at first', () => {
		expect(timeline(request, []).map((s) => [s.kind, s.done, s.at])).toEqual([
			['submitted', true, request.submittedAt],
			['received', false, null],
			['stamped', false, null],
			['returned', false, null],
			['confirmed', false, null]
		]);
	});

	it('dates the return from the receipt in Shanghai while the provider holds the copy', () => {
		const steps = timeline(request, [
			// 16:30 UTC on the 24th is the 25th in Shanghai: the Friday before National Day.
			event('received', '2026-09-24T16:30:00Z'),
			event('stamped', '2026-10-15T09:00:00+08:00')
		]);
		expect(steps[1]).toEqual({
			kind: 'received',
			done: true,
			at: '2026-09-24T16:30:00Z',
			due: { due: '2026-10-22', provisional: false }
		});
		expect(steps[2]).toMatchObject({ kind: 'stamped', done: true });
	});

	it('drops the due date (and so its estimate note) once the copy is back, and carries the return shipment', () => {
		const received = event('received', '2026-12-15T10:00:00+08:00');
		const returned = event('returned', '2026-12-28T09:00:00+08:00', {
			shipment: { courier: '顺丰速运', trackingNumber: 'SF0000000001' }
		});
		// Before the return the date is provisional (it counts into unpublished 2027)…
		expect(timeline(request, [received])[1]!.due?.provisional).toBe(true);
		// …once returned, and once confirmed, no date is shown at all.
		for (const events of [
			[received, returned],
			[received, returned, event('confirmed', '2026-12-30T09:00:00+08:00')]
		]) {
			const steps = timeline(request, events);
			expect(steps[1]).toEqual({ kind: 'received', done: true, at: received.at });
			expect(steps[3]).toMatchObject({
				kind: 'returned',
				done: true,
				shipment: { courier: '顺丰速运', trackingNumber: 'SF0000000001' }
			});
		}
		expect(timeline(request, [received, returned])[4]).toEqual({ kind: 'confirmed', done: false, at: null });
		expect(timeline(request, [received, returned, event('confirmed', '2026-12-30T09:00:00+08:00')])[4]).toEqual({
			kind: 'confirmed',
			done: true,
			at: '2026-12-30T09:00:00+08:00'
		});
	});

	it('marks a due date that runs past the published holiday schedules as provisional, naming the missing year', () => {
		expect(timeline(request, [event('received', '2026-12-15T10:00:00+08:00')])[1]!.due).toEqual({
			due: '2027-01-05',
			provisional: true,
			unpublishedYear: 2027
		});
	});

	it('counts the submission as done when only the provider’s events are on this device', () => {
		expect(timeline(null, [event('received', '2026-11-02T10:00:00+08:00')])[0]).toEqual({
			kind: 'submitted',
			done: true,
			at: null
		});
		expect(timeline(null, [])[0]!.done).toBe(false);
	});
});

describe('sendState', () => {
	const row = (status: OutboxRow['status'], createdAt: number, lastError?: OutboxRow['lastError']): OutboxRow => ({
		id: crypto.randomUUID(),
		kind: 'submitStamping',
		resourceId: contractId,
		payload: request.submission,
		status,
		attempts: 0,
		nextAttemptAt: 0,
		createdAt,
		updatedAt: createdAt,
		lastError
	});
	it.each([
		[[], 'done'],
		[[row('pending', 1)], 'pending'],
		[[row('sending', 1)], 'sending'],
		[[row('done', 1)], 'done'],
		[[row('done', 1), row('rejected', 2, { code: 'conflict', detail: 'stored' })], 'rejected']
	] as const)('%#: %s', (rows, state) => {
		expect(sendState(rows).state).toBe(state);
	});

	it('reads the rows of the kind asked for: the address and 确认收到 each have their own state', () => {
		const receipt: OutboxRow = { ...row('pending', 5), kind: 'confirmReceipt', payload: { confirmedAt: 'x' } };
		expect(sendState([row('done', 1), receipt]).state).toBe('done');
		expect(sendState([row('done', 1), receipt], 'confirmReceipt').state).toBe('pending');
		expect(sendState([row('done', 1)], 'confirmReceipt').state).toBe('done');
	});

	it('a request of a refused contract that is still in the outbox is withheld, not waiting', () => {
		expect(requestSendState([row('pending', 1)], true).state).toBe('withheld');
		expect(requestSendState([row('sending', 1)], true).state).toBe('withheld');
		expect(requestSendState([row('pending', 1)], false).state).toBe('pending');
		// What already happened stays as it was.
		expect(requestSendState([row('done', 1)], true).state).toBe('done');
		expect(requestSendState([row('rejected', 1, { code: 'conflict', detail: 'x' })], true).state).toBe('rejected');
	});

	it('keeps the reason of a rejection', () => {
		expect(sendState([row('rejected', 1, { code: 'conflict', detail: 'other address' })])).toEqual({
			state: 'rejected',
			error: { code: 'conflict', detail: 'other address' }
		});
	});
});
