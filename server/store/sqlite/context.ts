// What every SQLite entity module shares: the connection, the change sequence, the admin log and idempotency finishing.
import type Database from 'better-sqlite3';
import type { Commit, StoredResponse } from '../types';

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

	logAction(action: string, target: string, detail: unknown, at: string): void {
		this.db
			.prepare(`INSERT INTO admin_actions (action, target, detail, at) VALUES (?, ?, ?, ?)`)
			.run(action, target, detail === undefined ? null : JSON.stringify(detail), at);
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
