// SQLite's own account writes: hashing the codes of rows from before codes were hashed, and the demo seed (accounts with their filings and orders).
import { hashCodeSync } from '../access-code';
import { codeSalt } from '../sql/accounts';
import type { SeedData } from '../types';
import { str, type Row, type SqliteContext } from './context';

/**
 * Rows from before codes were hashed still hold the code itself: hash them in place, once, at open. Synchronous
 * on purpose — it runs before the server listens, and a crash half-way leaves the rest marked for the next start.
 */
export function hashPlainCodes(ctx: SqliteContext): number {
	const { db } = ctx;
	const plain = db.prepare(`SELECT id, code_hash FROM accounts WHERE code_hashed = 0`).all() as Row[];
	if (!plain.length) return 0;
	const salt = ctx.exec(codeSalt());
	const update = db.prepare(`UPDATE accounts SET code_hash = ?, code_hashed = 1 WHERE id = ? AND code_hashed = 0`);
	db.transaction(() => {
		for (const row of plain) update.run(hashCodeSync(str(row.code_hash), salt), str(row.id));
	})();
	return plain.length;
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
