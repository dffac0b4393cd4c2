// The back office's rows: staff and their sessions, customer accounts made and given codes by the office, the paper-copy queues, refusals.
import type { Identity } from '../../../src/lib/domain/identity';
import type { StaffRole } from '../../../src/lib/domain/office';
import type { Account, AccountContractRow, OfficeAccountRow, PaperCopyRow, RefusalRow, StaffRecord } from '../types';
import { nullableStr, parse, str, type PgContext, type Q } from './context';
import { toAccount, toEvent, toRefusal, toStaff } from '../rows';

// --- staff ---------------------------------------------------------------------------------------

export async function createStaff(
	ctx: PgContext,
	input: { login: string; roles: StaffRole[]; passwordHash: string; now: string; actor: string }
): Promise<'created' | 'exists'> {
	return ctx.tx(async (q) => {
		const inserted = await q.query(
			`INSERT INTO staff (login, roles, password_hash, must_change_password, created_at) VALUES ($1, $2, $3, true, $4) ON CONFLICT (login) DO NOTHING`,
			[input.login, JSON.stringify(input.roles), input.passwordHash, input.now]
		);
		if (!inserted.rowCount) return 'exists';
		await ctx.logAction(q, 'staff.create', `staff:${input.login}`, undefined, input.now, {
			actor: input.actor,
			before: null,
			after: { roles: input.roles }
		});
		return 'created';
	});
}

async function staffQ(q: Q, login: string, lock = false): Promise<StaffRecord | undefined> {
	const { rows } = await q.query(`SELECT * FROM staff WHERE login = $1${lock ? ' FOR UPDATE' : ''}`, [login]);
	return rows[0] && toStaff(rows[0]);
}

export async function getStaff(ctx: PgContext, login: string): Promise<StaffRecord | undefined> {
	return staffQ(ctx.pool, login);
}

export async function listStaff(ctx: PgContext): Promise<StaffRecord[]> {
	return (await ctx.pool.query(`SELECT * FROM staff ORDER BY login`)).rows.map(toStaff);
}

export async function setStaffPassword(
	ctx: PgContext,
	input: { login: string; passwordHash: string; mustChangePassword: boolean; now: string; actor: string }
): Promise<boolean> {
	return ctx.tx(async (q) => {
		const before = await staffQ(q, input.login, true);
		if (!before) return false;
		await q.query(`UPDATE staff SET password_hash = $1, must_change_password = $2 WHERE login = $3`, [
			input.passwordHash,
			input.mustChangePassword,
			input.login
		]);
		// Only that it changed, and whether it must change again: never a hash.
		await ctx.logAction(
			q,
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
	});
}

export async function setStaffRoles(
	ctx: PgContext,
	input: { login: string; roles: StaffRole[]; now: string; actor: string }
): Promise<StaffRecord | undefined> {
	return ctx.tx(async (q) => {
		const before = await staffQ(q, input.login, true);
		if (!before) return undefined;
		await q.query(`UPDATE staff SET roles = $1 WHERE login = $2`, [JSON.stringify(input.roles), input.login]);
		await ctx.logAction(q, 'staff.roles', `staff:${input.login}`, undefined, input.now, {
			actor: input.actor,
			before: { roles: before.roles },
			after: { roles: input.roles }
		});
		return staffQ(q, input.login);
	});
}

export async function createStaffSession(
	ctx: PgContext,
	input: { tokenHash: string; login: string; now: string; expiresAt: string }
): Promise<void> {
	await ctx.tx(async (q) => {
		// Ended sessions go as new ones start: the table holds live ones and a few idle ones, not history.
		await q.query(`DELETE FROM staff_sessions WHERE login = $1 AND expires_at <= $2`, [input.login, input.now]);
		await q.query(
			`INSERT INTO staff_sessions (token_hash, login, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
			[input.tokenHash, input.login, input.now, input.expiresAt]
		);
		await q.query(`UPDATE staff SET last_sign_in_at = $1 WHERE login = $2`, [input.now, input.login]);
	});
}

export async function touchStaffSession(
	ctx: PgContext,
	input: { tokenHash: string; now: string; idleSince: string }
): Promise<{ login: string } | undefined> {
	const { rows } = await ctx.pool.query(
		`UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2 AND expires_at > $1 AND last_seen_at >= $3 RETURNING login`,
		[input.now, input.tokenHash, input.idleSince]
	);
	return rows[0] && { login: str(rows[0].login) };
}

export async function deleteStaffSession(ctx: PgContext, tokenHash: string): Promise<void> {
	await ctx.pool.query(`DELETE FROM staff_sessions WHERE token_hash = $1`, [tokenHash]);
}

export async function revokeStaffSessions(
	ctx: PgContext,
	input: { login: string; exceptTokenHash?: string }
): Promise<number> {
	const r = await ctx.pool.query(`DELETE FROM staff_sessions WHERE login = $1 AND token_hash IS DISTINCT FROM $2`, [
		input.login,
		input.exceptTokenHash ?? null
	]);
	return r.rowCount ?? 0;
}

export async function countStaffSessions(
	ctx: PgContext,
	input: { login: string; now: string; idleSince: string }
): Promise<number> {
	const { rows } = await ctx.pool.query(
		`SELECT count(*)::int AS n FROM staff_sessions WHERE login = $1 AND expires_at > $2 AND last_seen_at >= $3`,
		[input.login, input.now, input.idleSince]
	);
	return Number(rows[0].n);
}

// --- customer accounts ---------------------------------------------------------------------------

export async function createAccount(
	ctx: PgContext,
	input: { id: string; accountName: string; codeHash: string; now: string; actor: string }
): Promise<Account> {
	return ctx.tx(async (q) => {
		const identity: Identity = { status: 'unverified', accountId: input.id, accountName: input.accountName };
		await ctx.logAction(q, 'account.create', input.id, undefined, input.now, {
			actor: input.actor,
			before: null,
			after: { accountName: input.accountName, codeIssuedAt: input.now }
		});
		const seq = await ctx.nextSeq(q);
		const { rows } = await q.query(
			`INSERT INTO accounts (id, code_hash, identity, seq, code_issued_at) VALUES ($1, $2, $3, $4, $5) RETURNING id, identity, seq`,
			[input.id, input.codeHash, JSON.stringify(identity), seq, input.now]
		);
		return toAccount(rows[0]);
	});
}

export async function setAccessCode(
	ctx: PgContext,
	input: { accountId: string; codeHash: string; revokeSessions: boolean; now: string; actor: string }
): Promise<{ kind: 'set'; revokedSessions: number } | { kind: 'notFound' }> {
	return ctx.tx(async (q) => {
		const { rows } = await q.query(`SELECT code_issued_at FROM accounts WHERE id = $1 FOR NO KEY UPDATE`, [
			input.accountId
		]);
		if (!rows[0]) return { kind: 'notFound' as const };
		await q.query(`UPDATE accounts SET code_hash = $1, code_issued_at = $2 WHERE id = $3`, [
			input.codeHash,
			input.now,
			input.accountId
		]);
		const revokedSessions = input.revokeSessions
			? ((await q.query(`DELETE FROM sessions WHERE account_id = $1`, [input.accountId])).rowCount ?? 0)
			: 0;
		// The code itself is never logged, only when one was issued.
		await ctx.logAction(q, 'account.accessCode', input.accountId, undefined, input.now, {
			actor: input.actor,
			before: { codeIssuedAt: nullableStr(rows[0].code_issued_at) },
			after: { codeIssuedAt: input.now, revokedSessions }
		});
		return { kind: 'set' as const, revokedSessions };
	});
}

export async function listOfficeAccounts(ctx: PgContext): Promise<OfficeAccountRow[]> {
	const { rows } = await ctx.pool.query(
		`SELECT a.id, a.identity, a.seq, a.code_issued_at,
			(SELECT count(*)::int FROM contracts c WHERE c.account_id = a.id) AS contracts
		FROM accounts a ORDER BY a.id`
	);
	return rows.map((r) => ({
		account: toAccount(r),
		codeIssuedAt: nullableStr(r.code_issued_at),
		contracts: Number(r.contracts)
	}));
}

export async function listAccountContracts(ctx: PgContext, accountId: string): Promise<AccountContractRow[]> {
	const { rows } = await ctx.pool.query(
		`SELECT id, number, registered_at, record::jsonb ->> 'kind' AS kind, record::jsonb -> 'partyA' AS party_a
		FROM contracts WHERE account_id = $1 ORDER BY seq`,
		[accountId]
	);
	return rows.map((r) => ({
		id: str(r.id),
		number: str(r.number),
		kind: str(r.kind) as AccountContractRow['kind'],
		registeredAt: nullableStr(r.registered_at),
		partyA: r.party_a as AccountContractRow['partyA']
	}));
}

// --- paper copies and refusals -------------------------------------------------------------------

export async function listPaperCopies(ctx: PgContext): Promise<PaperCopyRow[]> {
	return ctx.tx(
		async (q) => {
			const requests = (
				await q.query(
					`SELECT s.contract_id, s.account_id, s.submission, s.created_at, c.number,
						c.record::jsonb ->> 'kind' AS kind, c.record::jsonb #>> '{partyA,name}' AS company
					FROM stamping_requests s JOIN contracts c ON c.id = s.contract_id
					ORDER BY s.created_at, s.contract_id`
				)
			).rows;
			const events = new Map<string, PaperCopyRow['events']>();
			for (const row of (await q.query(`SELECT * FROM stamping_events ORDER BY seq`)).rows) {
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
		},
		{ isolation: 'repeatable read', readOnly: true }
	);
}

export async function recordRefusal(ctx: PgContext, r: RefusalRow): Promise<void> {
	await ctx.pool.query(
		`INSERT INTO registration_refusals (account_id, contract_id, number, kind, template_version, reason, fields, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		[r.accountId, r.contractId, r.number, r.kind, r.templateVersion, r.reason, JSON.stringify(r.fields), r.at]
	);
}

export async function listRefusals(ctx: PgContext, since: string): Promise<RefusalRow[]> {
	const { rows } = await ctx.pool.query(`SELECT * FROM registration_refusals WHERE at >= $1 ORDER BY id DESC`, [since]);
	return rows.map(toRefusal);
}
