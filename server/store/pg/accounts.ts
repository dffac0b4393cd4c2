// PostgreSQL's own account write: the demo seed (accounts with their filings and orders), once however many processes start at once.
import type { SeedData } from '../types';
import type { PgContext } from './context';

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
