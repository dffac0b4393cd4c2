// Accounts and their real-name identity, written once for both stores. Access codes only as hashes, salted per installation.
import type { Identity, VerifiedIdentity } from '../../../src/lib/domain/identity';
import { parse, str, toAccount } from '../rows';
import type { Account, Commit, Store, VerifyResult } from '../types';
import { finishInTx, logAction, nextSeq } from './ledger';
import { all, get, run, type Dialect, type Steps } from './steps';

const ACCOUNT_COLUMNS = 'id, identity, seq';

/** This installation's salt of access-code hashes (made by a migration); it never changes. */
export function* codeSalt(): Steps<string> {
	return str((yield* get(`SELECT value FROM settings WHERE name = 'codeSalt'`))!.value);
}

export function* isEmpty(_d: Dialect): Steps<boolean> {
	return !(yield* get(`SELECT 1 AS one FROM accounts LIMIT 1`));
}

export function* findAccountByCodeHash(d: Dialect, codeHash: string): Steps<Account | undefined> {
	const row = yield* get(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE code_hash = ?${d.hashedCode.where}`, codeHash);
	return row && toAccount(row);
}

export function* getAccount(_d: Dialect, id: string): Steps<Account | undefined> {
	const row = yield* get(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`, id);
	return row && toAccount(row);
}

export function* listAccounts(_d: Dialect): Steps<Account[]> {
	return (yield* all(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY id`)).map(toAccount);
}

export function* verifyAccount(
	d: Dialect,
	input: Parameters<Store['verifyAccount']>[0],
	commit?: Commit<VerifyResult>
): Steps<VerifyResult> {
	// The row lock: two back-office clicks at once verify once. NO KEY UPDATE, not UPDATE: a registration of this
	// account holding the counter lock needs KEY SHARE on the row for its foreign key, and must not wait on us
	// while we wait on the counter (a deadlock PostgreSQL would break only after a second).
	const row = yield* get(`SELECT identity FROM accounts WHERE id = ?${d.lockRowNoKey}`, input.accountId);
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
			yield* logAction('verify', input.accountId, identity, input.now, { actor: input.actor, before: current });
			yield* finishInTx(commit, (result = { kind: 'verified', identity }));
			// Last: the change sequence's lock is held from here to COMMIT.
			const seq = yield* nextSeq();
			yield* run(
				`UPDATE accounts SET identity = ?, seq = ? WHERE id = ?`,
				JSON.stringify(identity),
				seq,
				input.accountId
			);
			return result;
		}
	}
	yield* finishInTx(commit, result);
	return result;
}
