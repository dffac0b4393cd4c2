// What every SQLite entity module shares: the connection, the change sequence, the admin log and idempotency finishing.
import type Database from 'better-sqlite3';
import type { AuditEntry, Commit, StoredResponse } from '../types';

export { nullableStr, parse, str, type Row } from '../rows';

export class SqliteContext {
	constructor(readonly db: Database.Database) {}

	/** Bumps the global change sequence; call inside the write's transaction so the pull sees both or neither. */
	nextSeq(): number {
		const row = this.db.prepare(`UPDATE counters SET value = value + 1 WHERE name = 'seq' RETURNING value`).get() as {
			value: number;
		};
		return row.value;
	}

	currentSeq(): number {
		return (this.db.prepare(`SELECT value FROM counters WHERE name = 'seq'`).get() as { value: number }).value;
	}

	/** Appends to the audit trail; call inside the action's transaction. `after` defaults to the detail. */
	logAction(action: string, target: string, detail: unknown, at: string, audit: AuditEntry = {}): void {
		const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
		this.db
			.prepare(
				`INSERT INTO admin_actions (actor, action, target, detail, before_state, after_state, at) VALUES (?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
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
	finishInTx<R>(commit: Commit<R> | undefined, result: R): void {
		if (!commit) return;
		const response = commit.respond(result);
		if (response) this.finishKey(commit.scope, commit.key, response);
		else this.releaseKey(commit.scope, commit.key);
	}

	finishKey(scope: string, key: string, response: StoredResponse): void {
		this.db
			.prepare(
				`UPDATE idempotency SET status = 'done', response_status = ?, response_body = ? WHERE scope = ? AND key = ?`
			)
			.run(response.status, JSON.stringify(response.body), scope, key);
	}

	releaseKey(scope: string, key: string): void {
		this.db.prepare(`DELETE FROM idempotency WHERE scope = ? AND key = ? AND status = 'running'`).run(scope, key);
	}
}
