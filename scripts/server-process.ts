// The production server (server/main.ts) as a child process for benchmarks, tests and tools: on a port the OS picks, in a
// data folder of its own, stopped for certain — the child is node itself (not npx/tsx, which fork), so a signal reaches it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export interface ServerProcess {
	base: string;
	child: ChildProcess;
	dataDir: string;
	/** SIGTERM (SIGKILL after 10 s), waits for the exit, removes the data folder. */
	stop(): Promise<void>;
}

const running = new Set<ServerProcess>();
let guarded = false;

/**
 * A caller that throws or is interrupted must not leave a server behind. Installed with the first server, not at
 * import: a module that only imports this one (a test worker) keeps its own signal handling.
 */
function guardExit(): void {
	if (guarded) return;
	guarded = true;
	const killAll = () => {
		for (const s of running) s.child.kill('SIGKILL');
	};
	process.once('exit', killAll);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			killAll();
			process.exit(130);
		});
	}
}

/** Starts server/main.ts with `env` on top of the caller's and resolves once it prints its URL. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
	guardExit();
	const dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-server-'));
	const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
		cwd: ROOT,
		// NODE_ENV is set, not inherited: a caller that ran a Vite build has 'production' in its environment, which would
		// make the server demand a production admin token and leave out the demo accounts.
		env: { ...process.env, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const base = await new Promise<string>((ok, fail) => {
		let out = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			fail(new Error('server did not start within 60 s'));
		}, 60_000);
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /server on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				ok(m[1]!);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`server exited with ${code}`));
		});
	});
	// Keep draining stdout so a chatty server never blocks on a full pipe.
	child.stdout!.resume();
	const server: ServerProcess = {
		base,
		child,
		dataDir,
		stop: () =>
			new Promise<void>((done) => {
				running.delete(server);
				const finish = () => {
					rmSync(dataDir, { recursive: true, force: true });
					done();
				};
				if (child.exitCode !== null || child.signalCode !== null) return finish();
				const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
				child.once('exit', () => {
					clearTimeout(force);
					finish();
				});
				child.kill('SIGTERM');
			})
	};
	running.add(server);
	return server;
}
