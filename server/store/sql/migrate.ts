// What both stores' migration runners share: which numbered steps a database still needs, and the refusal of a schema newer than the server.
/** The versions to apply, in order, to a database at `current` (each step i takes it to version i + 1). */
export function pendingVersions(current: number, migrations: readonly string[]): number[] {
	if (current > migrations.length) {
		throw new Error(`database schema ${current} is newer than this server (${migrations.length})`);
	}
	return Array.from({ length: migrations.length - current }, (_, i) => current + i);
}
