// The back office's rows, written once for both stores: staff and their sessions, customer accounts made and given codes by the office, the paper-copy queues, refusals.
import type { Identity } from '../../../src/lib/domain/identity';
import type { StaffRole } from '../../../src/lib/domain/office';
import { nullableStr, parse, str, toAccount, toEvent, toRefusal, toStaff } from '../rows';
import type { Account, AccountContractRow, OfficeAccountRow, PaperCopyRow, RefusalRow, StaffRecord } from '../types';
import { logAction, nextSeq } from './ledger';
import { all, get, run, type Dialect, type Steps } from './steps';

// --- staff ---------------------------------------------------------------------------------------

export function* createStaff(
	_d: Dialect,
	input: { login: string; roles: StaffRole[]; passwordHash: string; now: string; actor: string }
): Steps<'created' | 'exists'> {
	const inserted = yield* run(
		`INSERT INTO staff (login, roles, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING`,
		input.login,
		JSON.stringify(input.roles),
		input.passwordHash,
		true,
		input.now
	);
	if (!inserted) return 'exists';
	yield* logAction('staff.create', `staff:${input.login}`, undefined, input.now, {
		actor: input.actor,
		before: null,
		after: { roles: input.roles }
	});
	return 'created';
}

export function* getStaff(d: Dialect, login: string, lock = false): Steps<StaffRecord | undefined> {
	const row = yield* get(`SELECT * FROM staff WHERE login = ?${lock ? d.lockRow : ''}`, login);
	return row && toStaff(row);
}

export function* listStaff(_d: Dialect): Steps<StaffRecord[]> {
	return (yield* all(`SELECT * FROM staff ORDER BY login`)).map(toStaff);
}

export function* setStaffPassword(
	d: Dialect,
	input: { login: string; passwordHash: string; mustChangePassword: boolean; now: string; actor: string }
): Steps<boolean> {
	const before = yield* getStaff(d, input.login, true);
	if (!before) return false;
	yield* run(
		`UPDATE staff SET password_hash = ?, must_change_password = ? WHERE login = ?`,
		input.passwordHash,
		input.mustChangePassword,
		input.login
	);
	// Only that it changed, and whether it must change again: never a hash.
	yield* logAction(
		input.mustChangePassword ? 'staff.passwordReset' : 'staff.passwordChange',
		`staff:${input.login}`,
		undefined,
		input.now,
		{
			actor: input.actor,
			before: { mustChangePassword: before.mustChangePassword },
			after: { mustChangePassword: input.mustChangePassword }
		}
	);
	return true;
}

export function* setStaffRoles(
	d: Dialect,
	input: { login: string; roles: StaffRole[]; now: string; actor: string }
): Steps<StaffRecord | undefined> {
	const before = yield* getStaff(d, input.login, true);
	if (!before) return undefined;
	yield* run(`UPDATE staff SET roles = ? WHERE login = ?`, JSON.stringify(input.roles), input.login);
	yield* logAction('staff.roles', `staff:${input.login}`, undefined, input.now, {
		actor: input.actor,
		before: { roles: before.roles },
		after: { roles: input.roles }
	});
	return yield* getStaff(d, input.login);
}

export function* createStaffSession(
	_d: Dialect,
	input: { tokenHash: string; login: string; now: string; expiresAt: string }
): Steps<void> {
	// Ended sessions go as new ones start: the table holds live ones and a few idle ones, not history.
	yield* run(`DELETE FROM staff_sessions WHERE login = ? AND expires_at <= ?`, input.login, input.now);
	yield* run(
		`INSERT INTO staff_sessions (token_hash, login, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		input.tokenHash,
		input.login,
		input.now,
		input.now,
		input.expiresAt
	);
	yield* run(`UPDATE staff SET last_sign_in_at = ? WHERE login = ?`, input.now, input.login);
}

export function* touchStaffSession(
	_d: Dialect,
	input: { tokenHash: string; now: string; idleSince: string }
): Steps<{ login: string } | undefined> {
	const row = yield* get(
		`UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ? AND expires_at > ? AND last_seen_at >= ? RETURNING login`,
		input.now,
		input.tokenHash,
		input.now,
		input.idleSince
	);
	return row && { login: str(row.login) };
}

export function* deleteStaffSession(_d: Dialect, tokenHash: string): Steps<void> {
	yield* run(`DELETE FROM staff_sessions WHERE token_hash = ?`, tokenHash);
}

export function* revokeStaffSessions(_d: Dialect, input: { login: string; exceptTokenHash?: string }): Steps<number> {
	return yield* run(
		`DELETE FROM staff_sessions WHERE login = ? AND token_hash IS DISTINCT FROM ?`,
		input.login,
		input.exceptTokenHash ?? null
	);
}

export function* countStaffSessions(
	_d: Dialect,
	input: { login: string; now: string; idleSince: string }
): Steps<number> {
	const row = yield* get(
		`SELECT count(*) AS n FROM staff_sessions WHERE login = ? AND expires_at > ? AND last_seen_at >= ?`,
		input.login,
		input.now,
		input.idleSince
	);
	return Number(row!.n);
}

// --- customer accounts ---------------------------------------------------------------------------

export function* createAccount(
	d: Dialect,
	input: { id: string; accountName: string; codeHash: string; now: string; actor: string }
): Steps<Account> {
	const identity: Identity = { status: 'unverified', accountId: input.id, accountName: input.accountName };
	yield* logAction('account.create', input.id, undefined, input.now, {
		actor: input.actor,
		before: null,
		after: { accountName: input.accountName, codeIssuedAt: input.now }
	});
	const seq = yield* nextSeq();
	const row = yield* get(
		`INSERT INTO accounts (id, code_hash${d.hashedCode.column}, identity, seq, code_issued_at) VALUES (?, ?${d.hashedCode.value}, ?, ?, ?) RETURNING id, identity, seq`,
		input.id,
		input.codeHash,
		JSON.stringify(identity),
		seq,
		input.now
	);
	return toAccount(row!);
}

export function* setAccessCode(
	d: Dialect,
	input: { accountId: string; codeHash: string; revokeSessions: boolean; now: string; actor: string }
): Steps<{ kind: 'set'; revokedSessions: number } | { kind: 'notFound' }> {
	const row = yield* get(`SELECT code_issued_at FROM accounts WHERE id = ?${d.lockRowNoKey}`, input.accountId);
	if (!row) return { kind: 'notFound' };
	yield* run(
		`UPDATE accounts SET code_hash = ?${d.hashedCode.set}, code_issued_at = ? WHERE id = ?`,
		input.codeHash,
		input.now,
		input.accountId
	);
	const revokedSessions = input.revokeSessions
		? yield* run(`DELETE FROM sessions WHERE account_id = ?`, input.accountId)
		: 0;
	// The code itself is never logged, only when one was issued.
	yield* logAction('account.accessCode', input.accountId, undefined, input.now, {
		actor: input.actor,
		before: { codeIssuedAt: nullableStr(row.code_issued_at) },
		after: { codeIssuedAt: input.now, revokedSessions }
	});
	return { kind: 'set', revokedSessions };
}

export function* listOfficeAccounts(_d: Dialect): Steps<OfficeAccountRow[]> {
	const rows = yield* all(
		`SELECT a.id, a.identity, a.seq, a.code_issued_at,
			(SELECT count(*) FROM contracts c WHERE c.account_id = a.id) AS contracts
		FROM accounts a ORDER BY a.id`
	);
	return rows.map((r) => ({
		account: toAccount(r),
		codeIssuedAt: nullableStr(r.code_issued_at),
		contracts: Number(r.contracts)
	}));
}

export function* listAccountContracts(d: Dialect, accountId: string): Steps<AccountContractRow[]> {
	const rows = yield* all(
		`SELECT id, ${d.contractNumber('')} AS number, registered_at, ${d.jsonText('record', 'kind')} AS kind, ${d.jsonValue('record', 'partyA')} AS party_a
		FROM contracts WHERE account_id = ? ORDER BY seq`,
		accountId
	);
	return rows.map((r) => ({
		id: str(r.id),
		number: str(r.number),
		kind: str(r.kind) as AccountContractRow['kind'],
		registeredAt: nullableStr(r.registered_at),
		partyA: d.json<AccountContractRow['partyA']>(r.party_a)
	}));
}

// --- paper copies and refusals -------------------------------------------------------------------

/** Run in a read snapshot: the requests and their events belong together. */
export function* listPaperCopies(d: Dialect): Steps<PaperCopyRow[]> {
	const requests = yield* all(
		`SELECT s.contract_id, s.account_id, s.submission, s.created_at, ${d.contractNumber('c.')} AS number,
			${d.jsonText('c.record', 'kind')} AS kind, ${d.jsonText('c.record', 'partyA', 'name')} AS company
		FROM stamping_requests s JOIN contracts c ON c.id = s.contract_id
		ORDER BY s.created_at, s.contract_id`
	);
	const events = new Map<string, PaperCopyRow['events']>();
	for (const row of yield* all(`SELECT * FROM stamping_events ORDER BY seq`)) {
		const event = toEvent(row);
		const list = events.get(event.contractId) ?? [];
		list.push(event);
		events.set(event.contractId, list);
	}
	return requests.map((r) => ({
		contractId: str(r.contract_id),
		accountId: str(r.account_id),
		number: str(r.number),
		kind: str(r.kind) as PaperCopyRow['kind'],
		companyName: str(r.company),
		submission: parse<PaperCopyRow['submission']>(r.submission),
		submittedAt: str(r.created_at),
		events: events.get(str(r.contract_id)) ?? []
	}));
}

export function* recordRefusal(_d: Dialect, r: RefusalRow): Steps<void> {
	yield* run(
		`INSERT INTO registration_refusals (account_id, contract_id, number, kind, template_version, reason, fields, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		r.accountId,
		r.contractId,
		r.number,
		r.kind,
		r.templateVersion,
		r.reason,
		JSON.stringify(r.fields),
		r.at
	);
}

export function* listRefusals(_d: Dialect, since: string): Steps<RefusalRow[]> {
	return (yield* all(`SELECT * FROM registration_refusals WHERE at >= ? ORDER BY id DESC`, since)).map(toRefusal);
}
