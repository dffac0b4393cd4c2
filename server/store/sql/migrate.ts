// What both stores' migration runners share: which numbered steps a database still needs, and the refusal of a schema newer than the server.
/** The versions to apply, in order, to a database at `current` (each step i takes it to version i + 1). */
export function pendingVersions(current: number, migrations: readonly string[]): number[] {
	if (current > migrations.length) {
		throw new Error(`database schema ${current} is newer than this server (${migrations.length})`);
	}
	return Array.from({ length: migrations.length - current }, (_, i) => current + i);
}

/** Issue 21's audit-trail columns and indexes: the same SQL on both databases (each step adds its own triggers). */
export const AUDIT_TRAIL_COLUMNS = `ALTER TABLE admin_actions ADD COLUMN actor text NOT NULL DEFAULT 'token';
	ALTER TABLE admin_actions ADD COLUMN before_state text;
	ALTER TABLE admin_actions ADD COLUMN after_state text;
	UPDATE admin_actions SET after_state = detail;
	CREATE INDEX admin_actions_target ON admin_actions(target, id);
	CREATE INDEX admin_actions_actor ON admin_actions(actor, id);`;
