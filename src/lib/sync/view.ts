// What the outbox page shows: rows grouped by what they ask of the user, their contract number, why a row waits, errors and 409 versions.
import './i18n';
import { getDb } from '../db/database';
import { hasMessage, t, type MessageKey } from '../i18n/index.svelte';
import type { OutboxRow } from '../db/types';
import { canonicalJson } from '../domain/canonical';
import { contractRecord } from '../domain/contract';
import type { OutboxError } from '../domain/outbox-error';
import { blockerOf, compareRows } from './outbox';

export type OutboxItem = OutboxRow & {
	/** Human contract number, when the contract is on this device. */
	number: string | null;
	/** Pending, but an earlier row of the same contract is not done yet: that row's kind and state (rejected: it waits for the user). */
	blockedBy: Pick<OutboxRow, 'kind' | 'status'> | null;
	/** For a 409: this device's version, to show beside `conflict`. */
	local?: unknown;
};

/** Numbers, "blocked" and 409 versions for a handful of rows (one page or one group). */
async function enrich(rows: OutboxRow[]): Promise<OutboxItem[]> {
	const db = getDb();
	const contracts = await db.contracts.bulkGet([...new Set(rows.map((r) => r.resourceId))]);
	const byId = new Map(contracts.filter((c) => c !== undefined).map((c) => [c.id, c]));
	const items: OutboxItem[] = [];
	for (const row of rows) {
		const contract = byId.get(row.resourceId);
		let blockedBy: OutboxItem['blockedBy'] = null;
		if (row.status === 'pending') {
			const blocker = await blockerOf(row);
			if (blocker) blockedBy = { kind: blocker.kind, status: blocker.status };
		}
		let local: unknown;
		if (row.status === 'rejected' && row.conflict !== undefined) {
			if (row.kind === 'registerContract' && contract) {
				const parsed = contractRecord.safeParse(contract);
				local = { pdfSha256: contract.pdfSha256, record: parsed.success ? parsed.data : contract };
			} else local = row.payload;
		}
		items.push({ ...row, number: contract?.number ?? null, blockedBy, local });
	}
	return items;
}

/** Newest first, one indexed page; numbers and "blocked" are looked up for that page only. */
export async function listOutbox(offset: number, limit: number): Promise<{ rows: OutboxItem[]; total: number }> {
	const db = getDb();
	const [rows, total] = await Promise.all([
		db.outbox.orderBy('createdAt').reverse().offset(offset).limit(limit).toArray(),
		db.outbox.count()
	]);
	return { rows: await enrich(rows), total };
}

/**
 * What a person asks of the outbox, in that order: what needs me (refused, or held behind a refusal), what is still
 * on its way, and what arrived. Rows that wait behind a refused row need the same person, so they go with it.
 */
export type OutboxGroups = { attention: OutboxItem[]; waiting: OutboxItem[]; delivered: OutboxItem[] };

export function needsUser(item: Pick<OutboxItem, 'status' | 'blockedBy'>): boolean {
	return item.status === 'rejected' || item.blockedBy?.status === 'rejected';
}

/** Sorts rows into the three groups: the first two in sending order, the history newest first. */
export function groupOutbox(items: OutboxItem[]): OutboxGroups {
	const groups: OutboxGroups = { attention: [], waiting: [], delivered: [] };
	for (const item of items) {
		if (item.status === 'done') groups.delivered.push(item);
		else if (needsUser(item)) groups.attention.push(item);
		else groups.waiting.push(item);
	}
	groups.attention.sort(compareRows);
	groups.waiting.sort(compareRows);
	groups.delivered.sort((a, b) => b.updatedAt - a.updatedAt || compareRows(b, a));
	return groups;
}

/** The page as a whole, for its title: the most pressing group that has anything in it. */
export type OutboxState = 'attention' | 'waiting' | 'delivered' | 'empty';

export function outboxState(counts: { attention: number; waiting: number; delivered: number }): OutboxState {
	if (counts.attention > 0) return 'attention';
	if (counts.waiting > 0) return 'waiting';
	if (counts.delivered > 0) return 'delivered';
	return 'empty';
}

/** Unfinished rows (few: they leave as they are sent) all at once; the history one page at a time, newest first. */
export async function loadOutbox(
	historyOffset: number,
	historyLimit: number
): Promise<OutboxGroups & { deliveredTotal: number }> {
	const db = getDb();
	const [open, done] = await Promise.all([
		db.outbox.where('status').anyOf('pending', 'sending', 'rejected').toArray(),
		db.outbox.where('status').equals('done').toArray()
	]);
	done.sort((a, b) => b.updatedAt - a.updatedAt || compareRows(b, a));
	const page = done.slice(historyOffset, historyOffset + historyLimit);
	const groups = groupOutbox(await enrich([...open, ...page]));
	return { ...groups, deliveredTotal: done.length };
}

export type ErrorView = { key: MessageKey | null; params: Record<string, string | number>; detail: string };

/** A row's last error as a message key (of ./i18n.ts), its parameters and the server's own words. */
export function describeError(error: OutboxError | undefined): ErrorView | null {
	if (!error) return null;
	const params: Record<string, string | number> = error.status === undefined ? {} : { status: error.status };
	const key = `syncErr_${error.code}`;
	return { key: hasMessage(key) ? key : null, params, detail: error.detail };
}

/** A row's last error in the user's language, the provider's own words in brackets; an unknown code shows as it was stored. */
export function errorLabel(error: OutboxError | undefined, empty = '—'): string {
	const e = describeError(error);
	if (!e) return empty;
	if (!e.key) return e.detail ? `${error!.code}: ${e.detail}` : error!.code;
	const text = t(e.key, e.params);
	return e.detail ? t('outboxErrorDetail', { text, detail: e.detail }) : text;
}

/**
 * What a person reads as the reason: the user's language only, when the code is known. The provider's own words are
 * technical (English, field paths) and belong under 详情 (errorLabel); an unknown code has nothing else to show.
 */
export function errorReason(error: OutboxError | undefined, empty = '—'): string {
	const e = describeError(error);
	if (!e) return empty;
	return e.key ? t(e.key, e.params) : errorLabel(error, empty);
}

/** Leaves of a JSON value by dotted path ('record.partyA.name', 'record.orders.0.id'). */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
	if (value !== null && typeof value === 'object') {
		const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
		if (entries.length === 0) out.set(prefix, canonicalJson(value));
		for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
	} else if (value !== undefined) out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
	return out;
}

export type VersionDiff = { rows: { path: string; local: string | null; server: string | null }[]; same: number };

/** The fields where this device and the provider disagree (only paths both sides could hold). */
export function diffVersions(local: unknown, server: unknown): VersionDiff {
	const a = flatten(local);
	const b = flatten(server);
	const rows: VersionDiff['rows'] = [];
	let same = 0;
	for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
		const l = a.get(path) ?? null;
		const s = b.get(path) ?? null;
		// The server adds bookkeeping (status, registeredAt, submittedAt…) the device never sends: not a difference.
		if (l === null) continue;
		if (l === s) same++;
		else rows.push({ path, local: l, server: s });
	}
	return { rows, same };
}
