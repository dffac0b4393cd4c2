// A throwaway PostgreSQL cluster for tests, benchmarks and the cluster demo: initdb into a temp folder, a unix socket there, gone at stop.
//
// PostgreSQL refuses to run as root: as root the server binaries run through `runuser -u postgres` (Debian's
// package makes that user) in a folder handed to it; as anyone else they run as that user. PG_TEST_URL names a
// running server to use instead (nothing is started or stopped then; only the databases we create are dropped).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ThrowawayCluster {
	/** URL of the maintenance database (postgres), for CREATE/DROP DATABASE. */
	adminUrl: string;
	/** URL of a database on this cluster. */
	url(database: string): string;
	stop(): void;
}

/** The newest installed server's binaries: PG_BIN, else Debian's /usr/lib/postgresql/<major>/bin. */
export function findPgBin(): string | null {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const majors = readdirSync(root)
		.filter((d) => /^\d+$/.test(d) && existsSync(join(root, d, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0]!, 'bin') : null;
}

function postgresUser(): { uid: number; gid: number } | null {
	const r = spawnSync('id', ['-u', 'postgres']);
	const g = spawnSync('id', ['-g', 'postgres']);
	return r.status === 0 && g.status === 0
		? { uid: Number(String(r.stdout).trim()), gid: Number(String(g.stdout).trim()) }
		: null;
}

function withUrl(base: string, database: string): string {
	const u = new URL(base);
	u.pathname = `/${encodeURIComponent(database)}`;
	return u.toString();
}

/**
 * Starts a cluster (or adopts PG_TEST_URL). `fsync: false` suits tests (the data is thrown away; commits stay
 * synchronous_commit=on, so the code path is production's); benchmarks keep fsync on.
 */
export function startThrowawayCluster(opts: { fsync?: boolean } = {}): ThrowawayCluster {
	if (process.env.PG_TEST_URL) {
		const base = process.env.PG_TEST_URL;
		return { adminUrl: withUrl(base, 'postgres'), url: (db) => withUrl(base, db), stop: () => {} };
	}
	const bin = findPgBin();
	if (!bin)
		throw new Error(
			'PostgreSQL server binaries not found (Debian: apt-get install postgresql; or set PG_BIN or PG_TEST_URL)'
		);
	const dir = mkdtempSync(join(tmpdir(), 'contract-desk-pg-'));
	const root = process.getuid?.() === 0;
	if (root) {
		const user = postgresUser();
		if (!user)
			throw new Error("running as root needs the postgres user to start PostgreSQL (Debian's package creates it)");
		chownSync(dir, user.uid, user.gid);
	}
	const run = (cmd: string, args: string[]) => {
		const full = join(bin, cmd);
		execFileSync(root ? 'runuser' : full, root ? ['-u', 'postgres', '--', full, ...args] : args, {
			stdio: ['ignore', 'ignore', 'pipe']
		});
	};
	const data = join(dir, 'data');
	try {
		run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
		const settings = [
			`-k ${dir}`,
			"-c listen_addresses=''",
			`-c fsync=${opts.fsync === false ? 'off' : 'on'}`,
			'-c max_connections=200'
		];
		run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
	} catch (err) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(
			`could not start a throwaway PostgreSQL in ${dir}: ${(err as { stderr?: Buffer }).stderr?.toString() ?? err}`,
			{
				cause: err
			}
		);
	}
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		try {
			run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
	// A run that ends without its teardown (an exception, Ctrl-C) must not leave a server behind.
	process.once('exit', stop);
	const base = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`;
	return { adminUrl: base, url: (db) => withUrl(base, db), stop };
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name: ${name}`);
	const c = new pg.Client({ connectionString: adminUrl });
	await c.connect();
	try {
		await c.query(`CREATE DATABASE ${name}`);
	} finally {
		await c.end();
	}
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name: ${name}`);
	const c = new pg.Client({ connectionString: adminUrl });
	await c.connect();
	try {
		await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	} finally {
		await c.end();
	}
}
