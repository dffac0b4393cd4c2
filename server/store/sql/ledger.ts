// What every write shares, written once for both stores: the change sequence, the admin log and idempotency finishing.
import type { AuditEntry, Commit, StoredResponse } from '../types';
import { get, run, type Steps } from './steps';

/**
 * Bumps the global change sequence; call inside the write's transaction so the pull sees both or neither. On
 * PostgreSQL it also takes the counter row's lock until the transaction ends (what makes the cursor
 * commit-ordered, see PgContext), so call it as late as possible in the transaction.
 */
export function* nextSeq(): Steps<number> {
	return Number((yield* get(`UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value`))!.value);
}

export function* currentSeq(): Steps<number> {
	return Number((yield* get(`SELECT value FROM counters WHERE name = 'seq'`))!.value);
}

/** Appends to the audit trail; call inside the action's transaction. `after` defaults to the detail. */
export function* logAction(
	action: string,
	target: string,
	detail: unknown,
	at: string,
	audit: AuditEntry = {}
): Steps<void> {
	const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
	yield* run(
		`INSERT INTO admin_actions (actor, action, target, detail, before_state, after_state, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		audit.actor ?? 'token',
		action,
		target,
		json(detail),
		json(audit.before),
		json(audit.after === undefined ? detail : audit.after),
		at
	);
}

/** Finishes (or releases) the idempotency key inside the effect's own transaction. */
export function* finishInTx<R>(commit: Commit<R> | undefined, result: R): Steps<void> {
	if (!commit) return;
	const response = commit.respond(result);
	if (response) yield* finishKey(commit.scope, commit.key, response);
	else yield* releaseKey(commit.scope, commit.key);
}

export function* finishKey(scope: string, key: string, response: StoredResponse): Steps<void> {
	yield* run(
		`UPDATE idempotency SET status = 'done', response_status = ?, response_body = ? WHERE scope = ? AND key = ?`,
		response.status,
		JSON.stringify(response.body),
		scope,
		key
	);
}

export function* releaseKey(scope: string, key: string): Steps<void> {
	yield* run(`DELETE FROM idempotency WHERE scope = ? AND key = ? AND status = 'running'`, scope, key);
}
