// Accounts and their real-name identity, plus the demo seed (accounts with their filings and orders). Access codes only as hashes.
import { hashCodeSync } from '../access-code';
import type { Identity, VerifiedIdentity } from '../../../src/lib/domain/identity';
import type { Account, Commit, SeedData, VerifyResult } from '../types';
import { parse, str, type Row, type SqliteContext } from './context';
import { toAccount } from '../rows';

const ACCOUNT_COLUMNS = 'id, identity, seq';

/** This installation's salt of access-code hashes (made by the migration that introduced them). */
export function codeSalt(ctx: SqliteContext): string {
	return str((ctx.db.prepare(`SELECT value FROM settings WHERE name = 'codeSalt'`).get() as Row).value);
}

/**
 * Rows from before codes were hashed still hold the code itself: hash them in place, once, at open. Synchronous
 * on purpose — it runs before the server listens, and a crash half-way leaves the rest marked for the next start.
 */
export function hashPlainCodes(ctx: SqliteContext): number {
	const { db } = ctx;
	const plain = db.prepare(`SELECT id, code_hash FROM accounts WHERE code_hashed = 0`).all() as Row[];
	if (!plain.length) return 0;
	const salt = codeSalt(ctx);
	const update = db.prepare(`UPDATE accounts SET code_hash = ?, code_hashed = 1 WHERE id = ? AND code_hashed = 0`);
	db.transaction(() => {
		for (const row of plain) update.run(hashCodeSync(str(row.code_hash), salt), str(row.id));
	})();
	return plain.length;
}

export function isEmpty(ctx: SqliteContext): boolean {
	return (ctx.db.prepare(`SELECT COUNT(*) AS n FROM accounts`).get() as { n: number }).n === 0;
}

/** `codeHashes[i]` is the hash of `data.accounts[i].code` (hashed by the caller, off the event loop). */
export function seed(ctx: SqliteContext, data: SeedData, codeHashes: string[]): void {
	const { db } = ctx;
	db.transaction(() => {
		const seq = ctx.nextSeq();
		const acc = db.prepare(`INSERT INTO accounts (id, code_hash, code_hashed, identity, seq) VALUES (?, ?, 1, ?, ?)`);
		data.accounts.forEach((a, i) => acc.run(a.id, codeHashes[i], JSON.stringify(a.identity), seq));
		const fil = db.prepare(`INSERT INTO filings (id, account_id, data, seq) VALUES (?, ?, ?, ?)`);
		for (const f of data.filings) fil.run(f.filing.id, f.accountId, JSON.stringify(f.filing), seq);
		const ord = db.prepare(`INSERT INTO orders (id, account_id, data, paid_at, seq) VALUES (?, ?, ?, ?, ?)`);
		for (const o of data.orders) ord.run(o.order.id, o.accountId, JSON.stringify(o.order), o.order.paidAt, seq);
	})();
}

export function findAccountByCodeHash(ctx: SqliteContext, codeHash: string): Account | undefined {
	const row = ctx.db
		.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code_hash = ? AND code_hashed = 1`)
		.get(codeHash) as Row | undefined;
	return row && toAccount(row);
}

export function getAccount(ctx: SqliteContext, id: string): Account | undefined {
	const row = ctx.db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`).get(id) as Row | undefined;
	return row && toAccount(row);
}

export function listAccounts(ctx: SqliteContext): Account[] {
	return (ctx.db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY id`).all() as Row[]).map(toAccount);
}

export function verifyAccount(
	ctx: SqliteContext,
	input: {
		accountId: string;
		details?: Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'>;
		now: string;
		actor?: string;
	},
	commit?: Commit<VerifyResult>
): VerifyResult {
	const { db } = ctx;
	return db
		.transaction((): VerifyResult => {
			const row = db.prepare(`SELECT * FROM accounts WHERE id = ?`).get(input.accountId) as Row | undefined;
			let result: VerifyResult;
			if (!row) result = { kind: 'notFound' };
			else {
				const current = parse<Identity>(row.identity);
				if (current.status === 'verified' && !input.details) {
					result = { kind: 'unchanged', identity: current };
				} else if (!input.details) {
					throw new Error('verifyAccount needs details for an unverified account');
				} else {
					const identity: VerifiedIdentity = {
						status: 'verified',
						accountId: input.accountId,
						...input.details,
						verifiedAt: input.now
					};
					db.prepare(`UPDATE accounts SET identity = ?, seq = ? WHERE id = ?`).run(
						JSON.stringify(identity),
						ctx.nextSeq(),
						input.accountId
					);
					ctx.logAction('verify', input.accountId, identity, input.now, { actor: input.actor, before: current });
					result = { kind: 'verified', identity };
				}
			}
			ctx.finishInTx(commit, result);
			return result;
		})
		.immediate();
}
