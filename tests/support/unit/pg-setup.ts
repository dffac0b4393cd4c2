// Vitest global setup: one throwaway PostgreSQL cluster and one database for the whole run, dropped afterwards.
import { statSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, startThrowawayCluster } from '../../../server/store/pg/throwaway-cluster';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The run's PostgreSQL database (each suite works in a schema of its own), or null when not started. */
		pgUrl: string | null;
	}
}

/** PostgreSQL suites: their file names say so. A run filtered to other files does not pay for a cluster start. */
const PG_FILES = /(^|[/\\])(store|pg|cluster|throttle|fault)|postgres/i;

function runNeedsPostgres(): boolean {
	const args = process.argv
		.slice(2)
		.filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch' && !a.endsWith('vitest'));
	// A filter-less run is the whole suite. (An option's value taken for a filter only makes the PG suites start
	// their own cluster: tests/support/server/store/pg-db.ts falls back to that.)
	// A folder may hold PostgreSQL suites: one cluster for the run, not one per suite (a suite's own cluster is stopped
	// only when its worker exits normally, and vitest ends its workers without that).
	return args.length === 0 || args.some((a) => PG_FILES.test(a) || isFolder(a));
}

function isFolder(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
	project.provide('pgUrl', null);
	if (!runNeedsPostgres()) return;
	const started = performance.now();
	const cluster = startThrowawayCluster({ fsync: false });
	const database = `contract_desk_test_${process.pid}_${Date.now().toString(36)}`;
	await createDatabase(cluster.adminUrl, database);
	project.provide('pgUrl', cluster.url(database));
	console.log(
		`PostgreSQL for the tests: database ${database} on a throwaway cluster (${((performance.now() - started) / 1000).toFixed(1)} s)`
	);
	return async () => {
		try {
			await dropDatabase(cluster.adminUrl, database);
		} finally {
			cluster.stop();
		}
	};
}
