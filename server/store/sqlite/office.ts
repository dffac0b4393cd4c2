// The back office's rows: staff and their sessions, customer accounts made and given codes by the office, the paper-copy queues, refusals.
import type { Identity } from '../../../src/lib/domain/identity';
import type { StaffRole } from '../../../src/lib/domain/office';
import type { Account, AccountContractRow, OfficeAccountRow, PaperCopyRow, RefusalRow, StaffRecord } from '../types';
import { parse, str, nullableStr, type Row, type SqliteContext } from './context';
import { toAccount, toEvent, toRefusal, toStaff } from '../rows';

// --- staff ---------------------------------------------------------------------------------------

export function createStaff(
	ctx: SqliteContext,
	input: { login: string; roles: StaffRole[]; passwordHash: string; now: string; actor: string }
): 'created' | 'exists' {
	const { db } = ctx;
	return db
		.transaction((): 'created' | 'exists' => {
			const inserted = db
				.prepare(
					`INSERT INTO staff (login, roles, password_hash, must_change_password, created_at) VALUES (?, ?, ?, 1, ?) ON CONFLICT (login) DO NOTHING`
				)
				.run(input.login, JSON.stringify(input.roles), input.passwordHash, input.now).changes;
			if (!inserted) return 'exists';
			ctx.logAction('staff.create', `staff:${input.login}`, undefined, input.now, {
				actor: input.actor,
				before: null,
				after: { roles: input.roles }
			});
			return 'created';
		})
		.immediate();
}

export function getStaff(ctx: SqliteContext, login: string): StaffRecord | undefined {
	const row = ctx.db.prepare(`SELECT * FROM staff WHERE login = ?`).get(login) as Row | undefined;
	return row && toStaff(row);
}

export function listStaff(ctx: SqliteContext): StaffRecord[] {
	return (ctx.db.prepare(`SELECT * FROM staff ORDER BY login`).all() as Row[]).map(toStaff);
}

export function setStaffPassword(
	ctx: SqliteContext,
	input: { login: string; passwordHash: string; mustChangePassword: boolean; now: string; actor: string }
): boolean {
	const { db } = ctx;
	return db
		.transaction((): boolean => {
			const before = getStaff(ctx, input.login);
			if (!before) return false;
			db.prepare(`UPDATE staff SET password_hash = ?, must_change_password = ? WHERE login = ?`).run(
				input.passwordHash,
				input.mustChangePassword ? 1 : 0,
				input.login
			);
			// Only that it changed, and whether it must change again: never a hash.
			ctx.logAction(
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
		})
		.immediate();
}

export function setStaffRoles(
	ctx: SqliteContext,
	input: { login: string; roles: StaffRole[]; now: string; actor: string }
): StaffRecord | undefined {
	const { db } = ctx;
	return db
		.transaction((): StaffRecord | undefined => {
			const before = getStaff(ctx, input.login);
			if (!before) return undefined;
			db.prepare(`UPDATE staff SET roles = ? WHERE login = ?`).run(JSON.stringify(input.roles), input.login);
			ctx.logAction('staff.roles', `staff:${input.login}`, undefined, input.now, {
				actor: input.actor,
				before: { roles: before.roles },
				after: { roles: input.roles }
			});
			return getStaff(ctx, input.login);
		})
		.immediate();
}

export function createStaffSession(
	ctx: SqliteContext,
	input: { tokenHash: string; login: string; now: string; expiresAt: string }
): void {
	const { db } = ctx;
	db.transaction(() => {
		// Ended sessions go as new ones start: the table holds live ones and a few idle ones, not history.
		db.prepare(`DELETE FROM staff_sessions WHERE login = ? AND expires_at <= ?`).run(input.login, input.now);
		db.prepare(
			`INSERT INTO staff_sessions (token_hash, login, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)`
		).run(input.tokenHash, input.login, input.now, input.now, input.expiresAt);
		db.prepare(`UPDATE staff SET last_sign_in_at = ? WHERE login = ?`).run(input.now, input.login);
	})();
}

export function touchStaffSession(
	ctx: SqliteContext,
	input: { tokenHash: string; now: string; idleSince: string }
): { login: string } | undefined {
	const row = ctx.db
		.prepare(
			`UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ? AND expires_at > ? AND last_seen_at >= ? RETURNING login`
		)
		.get(input.now, input.tokenHash, input.now, input.idleSince) as Row | undefined;
	return row && { login: str(row.login) };
}

export function deleteStaffSession(ctx: SqliteContext, tokenHash: string): void {
	ctx.db.prepare(`DELETE FROM staff_sessions WHERE token_hash = ?`).run(tokenHash);
}

export function revokeStaffSessions(ctx: SqliteContext, input: { login: string; exceptTokenHash?: string }): number {
	return ctx.db
		.prepare(`DELETE FROM staff_sessions WHERE login = ? AND token_hash IS NOT ?`)
		.run(input.login, input.exceptTokenHash ?? null).changes;
}

export function countStaffSessions(
	ctx: SqliteContext,
	input: { login: string; now: string; idleSince: string }
): number {
	const row = ctx.db
		.prepare(`SELECT count(*) AS n FROM staff_sessions WHERE login = ? AND expires_at > ? AND last_seen_at >= ?`)
		.get(input.login, input.now, input.idleSince) as Row;
	return Number(row.n);
}

// --- customer accounts ---------------------------------------------------------------------------

export function createAccount(
	ctx: SqliteContext,
	input: { id: string; accountName: string; codeHash: string; now: string; actor: string }
): Account {
	const { db } = ctx;
	return db
		.transaction((): Account => {
			const identity: Identity = { status: 'unverified', accountId: input.id, accountName: input.accountName };
			db.prepare(
				`INSERT INTO accounts (id, code_hash, code_hashed, identity, seq, code_issued_at) VALUES (?, ?, 1, ?, ?, ?)`
			).run(input.id, input.codeHash, JSON.stringify(identity), ctx.nextSeq(), input.now);
			ctx.logAction('account.create', input.id, undefined, input.now, {
				actor: input.actor,
				before: null,
				after: { accountName: input.accountName, codeIssuedAt: input.now }
			});
			return toAccount(db.prepare(`SELECT id, identity, seq FROM accounts WHERE id = ?`).get(input.id) as Row);
		})
		.immediate();
}

export function setAccessCode(
	ctx: SqliteContext,
	input: { accountId: string; codeHash: string; revokeSessions: boolean; now: string; actor: string }
): { kind: 'set'; revokedSessions: number } | { kind: 'notFound' } {
	const { db } = ctx;
	return db
		.transaction(() => {
			const row = db.prepare(`SELECT code_issued_at FROM accounts WHERE id = ?`).get(input.accountId) as
				Row | undefined;
			if (!row) return { kind: 'notFound' as const };
			db.prepare(`UPDATE accounts SET code_hash = ?, code_hashed = 1, code_issued_at = ? WHERE id = ?`).run(
				input.codeHash,
				input.now,
				input.accountId
			);
			const revokedSessions = input.revokeSessions
				? db.prepare(`DELETE FROM sessions WHERE account_id = ?`).run(input.accountId).changes
				: 0;
			// The code itself is never logged, only when one was issued.
			ctx.logAction('account.accessCode', input.accountId, undefined, input.now, {
				actor: input.actor,
				before: { codeIssuedAt: nullableStr(row.code_issued_at) },
				after: { codeIssuedAt: input.now, revokedSessions }
			});
			return { kind: 'set' as const, revokedSessions };
		})
		.immediate();
}

export function listOfficeAccounts(ctx: SqliteContext): OfficeAccountRow[] {
	const rows = ctx.db
		.prepare(
			`SELECT a.id, a.identity, a.seq, a.code_issued_at,
				(SELECT count(*) FROM contracts c WHERE c.account_id = a.id) AS contracts
			FROM accounts a ORDER BY a.id`
		)
		.all() as Row[];
	return rows.map((r) => ({
		account: toAccount(r),
		codeIssuedAt: nullableStr(r.code_issued_at),
		contracts: Number(r.contracts)
	}));
}

export function listAccountContracts(ctx: SqliteContext, accountId: string): AccountContractRow[] {
	const rows = ctx.db
		.prepare(
			`SELECT id, json_extract(record, '$.number') AS number, registered_at, json_extract(record, '$.kind') AS kind, json_extract(record, '$.partyA') AS party_a
			FROM contracts WHERE account_id = ? ORDER BY seq`
		)
		.all(accountId) as Row[];
	return rows.map((r) => ({
		id: str(r.id),
		number: str(r.number),
		kind: str(r.kind) as AccountContractRow['kind'],
		registeredAt: nullableStr(r.registered_at),
		partyA: parse<AccountContractRow['partyA']>(r.party_a)
	}));
}

// --- paper copies and refusals -------------------------------------------------------------------

export function listPaperCopies(ctx: SqliteContext): PaperCopyRow[] {
	const { db } = ctx;
	return db.transaction((): PaperCopyRow[] => {
		const requests = db
			.prepare(
				`SELECT s.contract_id, s.account_id, s.submission, s.created_at,
					json_extract(c.record, '$.number') AS number, json_extract(c.record, '$.kind') AS kind,
					json_extract(c.record, '$.partyA.name') AS company
				FROM stamping_requests s JOIN contracts c ON c.id = s.contract_id
				ORDER BY s.created_at, s.contract_id`
			)
			.all() as Row[];
		const events = new Map<string, PaperCopyRow['events']>();
		for (const row of db.prepare(`SELECT * FROM stamping_events ORDER BY seq`).all() as Row[]) {
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
	})();
}

export function recordRefusal(ctx: SqliteContext, r: RefusalRow): void {
	ctx.db
		.prepare(
			`INSERT INTO registration_refusals (account_id, contract_id, number, kind, template_version, reason, fields, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.run(r.accountId, r.contractId, r.number, r.kind, r.templateVersion, r.reason, JSON.stringify(r.fields), r.at);
}

export function listRefusals(ctx: SqliteContext, since: string): RefusalRow[] {
	return (ctx.db.prepare(`SELECT * FROM registration_refusals WHERE at >= ? ORDER BY id DESC`).all(since) as Row[]).map(
		toRefusal
	);
}
