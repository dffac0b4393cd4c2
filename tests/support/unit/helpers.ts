// Shared helpers of the sync tests: a fresh device database, a signed-in session, queued contracts.
import { createHash } from 'node:crypto';
import { forgetDb, getDb } from '../../../src/lib/db/database';
import { saveGeneratedContract } from '../../../src/lib/db/contracts';
import { META, setMeta } from '../../../src/lib/db/meta';
import { exampleFrameworkRecord } from '../lib/db/records';
import type { PartyA, PartyB } from '../../../src/lib/domain/contract';
import { newOutboxEntry } from '../../../src/lib/domain/outbox';
import { clearSessionExpiry } from '../../../src/lib/sync/session-expiry';

export async function resetDevice(session = { token: 'tok', accountId: 'acct-1' }): Promise<void> {
	await getDb().delete();
	forgetDb();
	clearSessionExpiry();
	await setMeta(META.session, session);
}

export function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** A small valid framework contract saved as the app does: contract, PDF and outbox row in one transaction. */
export async function queueContract(parties?: { partyA: PartyA; partyB: PartyB }, createdAt?: string) {
	const base = exampleFrameworkRecord(createdAt);
	const record = parties ? { ...base, partyA: parties.partyA, partyB: parties.partyB } : base;
	const pdf = new TextEncoder().encode(`%PDF-1.4 ${record.id}`);
	return saveGeneratedContract({ record, contentHash: 'c'.repeat(64), pdf, pdfSha256: sha256(pdf) });
}

export async function queueStamping(contractId: string, recipient = '王珺', at = Date.now()) {
	const row = newOutboxEntry(
		'submitStamping',
		contractId,
		{
			returnAddress: {
				recipient,
				phone: '13800138000',
				province: '广东省',
				city: '深圳市',
				district: '南山区',
				address: '科技园南区 1 号',
				postalCode: '518057'
			}
		},
		at
	);
	await getDb().outbox.add(row);
	return row;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A GET /changes body for an unverified account with nothing else in it; `extra` adds or overrides fields. */
export function changesBody(accountId = 'acct-1', extra: Record<string, unknown> = {}) {
	return {
		cursor: 'c-1',
		identity: { status: 'unverified', accountId, accountName: accountId },
		provider: {
			name: '云栈科技有限公司',
			creditCode: '91350100M000100Y43',
			registeredAddress: '深圳',
			mailingAddress: '深圳市南山区',
			mailingRecipient: '李雷',
			mailingPhone: '13800138000',
			mailingPostalCode: '518057'
		},
		filings: [],
		orders: [],
		contracts: [],
		stampingEvents: [],
		...extra
	};
}
