// The outbox queue in Dexie: claiming rows under a lease, per-resource order, fenced state transitions.
import { getDb } from '../db/database';
import type { ContractRow, OutboxRow } from '../db/types';
import type { OutboxError } from '../domain/outbox-error';

/**
 * How long a claimed row stays ours. Longer than the request timeout, so a live sender always
 * finishes first; a sender that died (tab closed, service worker killed) loses the row after it.
 * While a row is `sending`, `nextAttemptAt` holds this lease's expiry.
 */
export const LEASE_MS = 60_000;

/** Done rows are kept this long for the outbox page, then pruned; they still count as sent. */
export const KEEP_DONE_MS = 7 * 24 * 60 * 60_000;

/** Within one millisecond, a contract's registration must still go before its stamping request, and that before 确认收到. */
const KIND_RANK: Record<OutboxRow['kind'], number> = { registerContract: 0, submitStamping: 1, confirmReceipt: 2 };

/** Earlier-first order of rows: creation time, then kind (ties of one ms), then id as a stable tie-break. */
export function compareRows(
	a: Pick<OutboxRow, 'createdAt' | 'id' | 'kind'>,
	b: Pick<OutboxRow, 'createdAt' | 'id' | 'kind'>
): number {
	return a.createdAt - b.createdAt || KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A row may be sent now: pending and due, or sending with a lease that ran out. `exclusive`: the
 * caller holds the outbox Web Lock, so no live flusher exists and every `sending` row belongs to
 * a dead one (a closed tab, a killed service worker — the browser released its lock): take it over now.
 */
export function isClaimable(row: OutboxRow, now: number, exclusive = false): boolean {
	if (row.status === 'sending' && exclusive) return true;
	return (row.status === 'pending' || row.status === 'sending') && row.nextAttemptAt <= now;
}

/** `earlier` holds `row` back: an unfinished row of the same resource that comes first. The one rule of blocking. */
export function blocks(earlier: OutboxRow, row: OutboxRow): boolean {
	return (
		earlier.id !== row.id &&
		earlier.resourceId === row.resourceId &&
		earlier.status !== 'done' &&
		compareRows(earlier, row) < 0
	);
}

/**
 * The first unfinished row of every resource: the only rows that may be sent (or waited for). A rejected
 * head holds its own resource's later rows until the user deals with it, and no other resource's.
 */
async function heads(): Promise<OutboxRow[]> {
	const rows = await getDb().outbox.where('status').anyOf('pending', 'sending', 'rejected').toArray();
	const first = new Map<string, OutboxRow>();
	for (const r of rows) {
		const seen = first.get(r.resourceId);
		if (!seen || compareRows(r, seen) < 0) first.set(r.resourceId, r);
	}
	return [...first.values()];
}

/** Rows that may be sent now (one per resource at most), oldest first; each is re-checked when claimed. */
export async function dueRows(now: number, exclusive = false): Promise<OutboxRow[]> {
	return (await heads()).filter((r) => isClaimable(r, now, exclusive)).sort(compareRows);
}

/** The earliest row of the same resource that is not done and comes before `row`, if any. */
export async function blockerOf(row: OutboxRow): Promise<OutboxRow | undefined> {
	const earlier = await getDb()
		.outbox.where('[resourceId+createdAt]')
		.between([row.resourceId, -Infinity], [row.resourceId, row.createdAt], true, true)
		.filter((r) => blocks(r, row))
		.toArray();
	return earlier.sort(compareRows)[0];
}

/**
 * Claims one row in a transaction: IndexedDB serialises read-write transactions on the outbox,
 * so of two flushers (tabs, the service worker) racing for the same row only one wins. The claim
 * bumps `attempts`, which then fences every later write of this attempt.
 */
export async function claimRow(id: string, now: number, exclusive = false): Promise<OutboxRow | undefined> {
	const db = getDb();
	return db.transaction('rw', db.outbox, async () => {
		const row = await db.outbox.get(id);
		if (!row || !isClaimable(row, now, exclusive)) return undefined;
		if (await blockerOf(row)) return undefined;
		const claimed: OutboxRow = {
			...row,
			status: 'sending',
			attempts: row.attempts + 1,
			nextAttemptAt: now + LEASE_MS,
			updatedAt: now
		};
		await db.outbox.put(claimed);
		return claimed;
	});
}

/** Applies `patch` only if the row is still in the attempt we claimed (a late, superseded sender writes nothing). */
async function finishAttempt(
	claimed: OutboxRow,
	patch: Partial<OutboxRow>,
	alsoInTx?: (row: OutboxRow) => Promise<void>
): Promise<boolean> {
	const db = getDb();
	return db.transaction('rw', db.outbox, db.contracts, async () => {
		const current = await db.outbox.get(claimed.id);
		if (!current || current.status !== 'sending' || current.attempts !== claimed.attempts) return false;
		await db.outbox.put({ ...current, ...patch });
		if (alsoInTx) await alsoInTx(current);
		return true;
	});
}

export type ContractUpdate = Pick<ContractRow, 'status' | 'registeredAt'>;

/** Accepted by the server; a registration also moves the contract to its server status, atomically. */
export function markDone(claimed: OutboxRow, now: number, contract?: ContractUpdate): Promise<boolean> {
	return finishAttempt(
		claimed,
		{
			status: 'done',
			nextAttemptAt: now,
			updatedAt: now,
			lastError: undefined,
			conflict: undefined,
			notBefore: undefined
		},
		contract
			? async (row) => {
					await getDb().contracts.update(row.resourceId, contract);
				}
			: undefined
	);
}

/** A transient failure: due again after `delayMs`; `retryAfterMs` (the server's word) also bounds any early recovery. */
export function markRetry(
	claimed: OutboxRow,
	now: number,
	delayMs: number,
	error: OutboxError,
	retryAfterMs?: number
): Promise<boolean> {
	return finishAttempt(claimed, {
		status: 'pending',
		nextAttemptAt: now + delayMs,
		updatedAt: now,
		lastError: error,
		notBefore: retryAfterMs === undefined ? undefined : now + retryAfterMs
	});
}

export function markRejected(
	claimed: OutboxRow,
	now: number,
	error: OutboxError,
	conflict?: unknown
): Promise<boolean> {
	return finishAttempt(claimed, { status: 'rejected', nextAttemptAt: now, updatedAt: now, lastError: error, conflict });
}

/** 401: the attempt did not count; the row goes back exactly as it was, to wait for a new sign-in. */
export function releaseUntouched(claimed: OutboxRow, now: number): Promise<boolean> {
	return finishAttempt(claimed, {
		status: 'pending',
		attempts: claimed.attempts - 1,
		nextAttemptAt: now,
		updatedAt: now
	});
}

/** The user asks to try a rejected row again (e.g. after verification); same id, same Idempotency-Key. */
export async function requeueRejected(id: string, now = Date.now()): Promise<boolean> {
	const db = getDb();
	return db.transaction('rw', db.outbox, async () => {
		const row = await db.outbox.get(id);
		if (!row || row.status !== 'rejected') return false;
		await db.outbox.put({ ...row, status: 'pending', nextAttemptAt: now, updatedAt: now, conflict: undefined });
		return true;
	});
}

/** "Sync now": every waiting row becomes due at once instead of at its backoff time. */
export async function makeAllDue(now = Date.now()): Promise<number> {
	return getDb()
		.outbox.where('status')
		.equals('pending')
		.filter((r) => r.nextAttemptAt > now)
		.modify({ nextAttemptAt: now });
}

/**
 * The provider answers again (a success after failures, a successful pull after a failed one) or the
 * connection is back: rows that failed for a transient reason need not sit out their backoff. A row the
 * server asked to wait (Retry-After) still waits that long. Returns how many rows came due earlier.
 */
export async function makeTransientFailuresDue(now = Date.now()): Promise<number> {
	return getDb()
		.outbox.where('status')
		.equals('pending')
		.filter((r) => r.lastError !== undefined && r.nextAttemptAt > Math.max(now, r.notBefore ?? 0))
		.modify((r) => {
			r.nextAttemptAt = Math.max(now, r.notBefore ?? 0);
		});
}

/**
 * When a flush should next run: the earliest retry time or lease expiry of a row that may be sent then,
 * or null. A row waiting behind an unfinished row of its resource is never a reason to wake: it comes due
 * when that row is done, and a refused row waits for the user.
 */
export async function nextWakeAt(): Promise<number | null> {
	let earliest: number | null = null;
	for (const r of await heads()) {
		if (r.status === 'rejected') continue;
		if (earliest === null || r.nextAttemptAt < earliest) earliest = r.nextAttemptAt;
	}
	return earliest;
}

export async function pruneDone(now = Date.now(), keepMs = KEEP_DONE_MS): Promise<number> {
	return getDb()
		.outbox.where('status')
		.equals('done')
		.filter((r) => r.updatedAt < now - keepMs)
		.delete();
}

export type OutboxCounts = { waiting: number; sending: number; rejected: number };

export async function outboxCounts(): Promise<OutboxCounts> {
	const table = getDb().outbox;
	const [waiting, sending, rejected] = await Promise.all([
		table.where('status').equals('pending').count(),
		table.where('status').equals('sending').count(),
		table.where('status').equals('rejected').count()
	]);
	return { waiting, sending, rejected };
}
