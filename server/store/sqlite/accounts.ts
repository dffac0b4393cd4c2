// Accounts and their real-name identity, plus the demo seed (accounts with their filings and orders).
import type { Identity, VerifiedIdentity } from '../../../src/lib/domain/identity';
import type { Account, Commit, SeedData, VerifyResult } from '../types';
import { parse, str, type Row, type SqliteContext } from './context';

function toAccount(row: Row): Account {
	return { id: str(row.id), code: str(row.code), identity: parse<Identity>(row.identity), seq: Number(row.seq) };
}

export function isEmpty(ctx: SqliteContext): boolean {
	return (ctx.db.prepare(`SELECT COUNT(*) AS n FROM accounts`).get() as { n: number }).n === 0;
}

export function seed(ctx: SqliteContext, data: SeedData): void {
	const { db } = ctx;
	db.transaction(() => {
		const seq = ctx.nextSeq();
		const acc = db.prepare(`INSERT INTO accounts (id, code, identity, seq) VALUES (?, ?, ?, ?)`);
		for (const a of data.accounts) acc.run(a.id, a.code, JSON.stringify(a.identity), seq);
		const fil = db.prepare(`INSERT INTO filings (id, account_id, data, seq) VALUES (?, ?, ?, ?)`);
		for (const f of data.filings) fil.run(f.filing.id, f.accountId, JSON.stringify(f.filing), seq);
		const ord = db.prepare(`INSERT INTO orders (id, account_id, data, paid_at, seq) VALUES (?, ?, ?, ?, ?)`);
		for (const o of data.orders) ord.run(o.order.id, o.accountId, JSON.stringify(o.order), o.order.paidAt, seq);
	})();
}

export function findAccountByCode(ctx: SqliteContext, code: string): Account | undefined {
	const row = ctx.db.prepare(`SELECT * FROM accounts WHERE code = ?`).get(code) as Row | undefined;
	return row && toAccount(row);
}

export function getAccount(ctx: SqliteContext, id: string): Account | undefined {
	const row = ctx.db.prepare(`SELECT * FROM accounts WHERE id = ?`).get(id) as Row | undefined;
	return row && toAccount(row);
}

export function listAccounts(ctx: SqliteContext): Account[] {
	return (ctx.db.prepare(`SELECT * FROM accounts ORDER BY id`).all() as Row[]).map(toAccount);
}

export function verifyAccount(
	ctx: SqliteContext,
	input: { accountId: string; details?: Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'>; now: string },
	commit?: Commit<VerifyResult>
): VerifyResult {
	const { db } = ctx;
	return db.transaction((): VerifyResult => {
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
				ctx.logAction('verify', input.accountId, identity, input.now);
				result = { kind: 'verified', identity };
			}
		}
		ctx.finishInTx(commit, result);
		return result;
	}).immediate();
}
