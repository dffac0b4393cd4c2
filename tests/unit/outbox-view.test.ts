// The outbox page's grouping and title: what needs the user first, then what waits, then the delivered history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../src/lib/db/database';
import type { OutboxRow } from '../../src/lib/db/types';
import { groupOutbox, loadOutbox, needsUser, outboxState, type OutboxItem } from '../../src/lib/features/outbox/view';
import { queueContract, queueStamping, resetDevice } from '../support/unit/helpers';

beforeEach(() => resetDevice());
afterEach(() => getDb().close());

let n = 0;
function item(status: OutboxRow['status'], extra: Partial<OutboxItem> = {}): OutboxItem {
	n++;
	return {
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		kind: 'registerContract',
		resourceId: `contract-${n}`,
		payload: {},
		status,
		attempts: 1,
		nextAttemptAt: 0,
		createdAt: 1_000 + n,
		updatedAt: 2_000 + n,
		number: `HT-20261207-${n}`,
		blockedBy: null,
		...extra
	};
}

describe('outbox groups', () => {
	it('puts refused rows and rows held behind a refusal first, then what waits, then what arrived', () => {
		const refused = item('rejected');
		const heldByRefusal = item('pending', {
			kind: 'submitStamping',
			resourceId: refused.resourceId,
			blockedBy: { kind: 'registerContract', status: 'rejected' }
		});
		const heldBySending = item('pending', {
			kind: 'submitStamping',
			blockedBy: { kind: 'registerContract', status: 'sending' }
		});
		const sending = item('sending');
		const waiting = item('pending');
		const olderDone = item('done', { updatedAt: 5_000 });
		const newerDone = item('done', { updatedAt: 9_000 });

		const groups = groupOutbox([newerDone, waiting, heldByRefusal, olderDone, sending, refused, heldBySending]);
		expect(groups.attention.map((r) => r.id)).toEqual([refused.id, heldByRefusal.id]);
		// Sending order (oldest first) for what is still to go; the history newest first.
		expect(groups.waiting.map((r) => r.id)).toEqual([heldBySending.id, sending.id, waiting.id]);
		expect(groups.delivered.map((r) => r.id)).toEqual([newerDone.id, olderDone.id]);
	});

	it('a row waiting behind a row that is merely in flight does not need the user', () => {
		expect(needsUser({ status: 'pending', blockedBy: { kind: 'registerContract', status: 'pending' } })).toBe(false);
		expect(needsUser({ status: 'pending', blockedBy: { kind: 'registerContract', status: 'rejected' } })).toBe(true);
		expect(needsUser({ status: 'rejected', blockedBy: null })).toBe(true);
		expect(needsUser({ status: 'done', blockedBy: null })).toBe(false);
	});

	it('the title follows the most pressing group: 待发送 only while something waits', () => {
		expect(outboxState({ attention: 1, waiting: 3, delivered: 9 })).toBe('attention');
		expect(outboxState({ attention: 0, waiting: 1, delivered: 9 })).toBe('waiting');
		expect(outboxState({ attention: 0, waiting: 0, delivered: 9 })).toBe('delivered');
		expect(outboxState({ attention: 0, waiting: 0, delivered: 0 })).toBe('empty');
	});

	it('loads every unfinished row and one page of the history, newest first, with its total', async () => {
		const a = await queueContract();
		const b = await queueContract();
		const c = await queueContract();
		await queueStamping(c.id, '王珺', Date.now() + 10);
		const rows = await getDb().outbox.toArray();
		const reg = (id: string) => rows.find((r) => r.resourceId === id && r.kind === 'registerContract')!;
		await getDb().outbox.update(reg(a.id).id, { status: 'done', updatedAt: 10 });
		await getDb().outbox.update(reg(b.id).id, { status: 'done', updatedAt: 20 });
		await getDb().outbox.update(reg(c.id).id, {
			status: 'rejected',
			lastError: { code: 'unverified', detail: '' }
		});

		const first = await loadOutbox(0, 1);
		expect(first.deliveredTotal).toBe(2);
		expect(first.delivered.map((r) => r.number)).toEqual([b.number]);
		expect(first.attention.map((r) => [r.kind, r.number, r.status])).toEqual([
			['registerContract', c.number, 'rejected'],
			['submitStamping', c.number, 'pending']
		]);
		expect(first.waiting).toEqual([]);
		const second = await loadOutbox(1, 1);
		expect(second.delivered.map((r) => r.number)).toEqual([a.number]);
	});
});
