// Accounts and their real-name identity, plus the demo seed (accounts with their filings and orders). Access codes only as hashes.
import type { Identity, VerifiedIdentity } from '../../../src/lib/domain/identity';
import type { Account, Commit, SeedData, VerifyResult } from '../types';
import { parse, str, type PgContext, type Q } from './context';
import { toAccount } from '../rows';

const ACCOUNT_COLUMNS = 'id, identity, seq';

/** This installation's salt of access-code hashes (made by the first migration); it never changes, so it is cached. */
export async function codeSalt(q: Q): Promise<string> {
	const { rows } = await q.query(`SELECT value FROM settings WHERE name = 'codeSalt'`);
	return str(rows[0].value);
}

export async function isEmpty(ctx: PgContext): Promise<boolean> {
	const { rows } = await ctx.pool.query(`SELECT NOT EXISTS (SELECT 1 FROM accounts) AS empty`);
	return rows[0].empty === true;
}

/**
 * `codeHashes[i]` is the hash of `data.accounts[i].code`. Every process of a cluster may start on an empty
 * database at once: the counter row's lock serialises them, and only the one that still finds it empty seeds.
 */
export async function seed(ctx: PgContext, data: SeedData, codeHashes: string[]): Promise<boolean> {
	return ctx.tx(async (q) => {
		const seq = await ctx.nextSeq(q);
		const { rows } = await q.query(`SELECT EXISTS (SELECT 1 FROM accounts) AS seeded`);
		if (rows[0].seeded === true) return false;
		await q.query(
			`INSERT INTO accounts (id, code_hash, identity, seq) SELECT *, $4::bigint FROM unnest($1::text[], $2::text[], $3::text[])`,
			[data.accounts.map((a) => a.id), codeHashes, data.accounts.map((a) => JSON.stringify(a.identity)), seq]
		);
		await q.query(
			`INSERT INTO filings (id, account_id, data, seq) SELECT *, $4::bigint FROM unnest($1::text[], $2::text[], $3::text[])`,
			[
				data.filings.map((f) => f.filing.id),
				data.filings.map((f) => f.accountId),
				data.filings.map((f) => JSON.stringify(f.filing)),
				seq
			]
		);
		await q.query(
			`INSERT INTO orders (id, account_id, data, paid_at, seq) SELECT *, $5::bigint FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
			[
				data.orders.map((o) => o.order.id),
				data.orders.map((o) => o.accountId),
				data.orders.map((o) => JSON.stringify(o.order)),
				data.orders.map((o) => o.order.paidAt),
				seq
			]
		);
		return true;
	});
}

export async function findAccountByCodeHash(ctx: PgContext, codeHash: string): Promise<Account | undefined> {
	const { rows } = await ctx.pool.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code_hash = $1`, [codeHash]);
	return rows[0] && toAccount(rows[0]);
}

export async function getAccount(ctx: PgContext, id: string): Promise<Account | undefined> {
	const { rows } = await ctx.pool.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`, [id]);
	return rows[0] && toAccount(rows[0]);
}

export async function listAccounts(ctx: PgContext): Promise<Account[]> {
	const { rows } = await ctx.pool.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY id`);
	return rows.map(toAccount);
}

export async function verifyAccount(
	ctx: PgContext,
	input: {
		accountId: string;
		details?: Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'>;
		now: string;
		actor?: string;
	},
	commit?: Commit<VerifyResult>
): Promise<VerifyResult> {
	return ctx.tx(async (q) => {
		// The row lock: two back-office clicks at once verify once. NO KEY UPDATE, not UPDATE: a registration of this
		// account holding the counter lock needs KEY SHARE on the row for its foreign key, and must not wait on us
		// while we wait on the counter (a deadlock PostgreSQL would break only after a second).
		const { rows } = await q.query(`SELECT identity FROM accounts WHERE id = $1 FOR NO KEY UPDATE`, [input.accountId]);
		let result: VerifyResult;
		if (!rows[0]) result = { kind: 'notFound' };
		else {
			const current = parse<Identity>(rows[0].identity);
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
				await ctx.logAction(q, 'verify', input.accountId, identity, input.now, { actor: input.actor, before: current });
				await ctx.finishInTx(q, commit, (result = { kind: 'verified', identity }));
				await q.query(`UPDATE accounts SET identity = $1, seq = $2 WHERE id = $3`, [
					JSON.stringify(identity),
					await ctx.nextSeq(q),
					input.accountId
				]);
				return result;
			}
		}
		await ctx.finishInTx(q, commit, result);
		return result;
	});
}
