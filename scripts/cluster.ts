// npm run cluster: N server processes (default 2) on one PostgreSQL (DATABASE_URL) behind a small round-robin proxy on one port; a process that dies is started again.
//
// A local stand-in for "N API processes behind a load balancer" (docs/deployment.md): every process is
// stateless, so any may serve any request; kill one (kill -9 <pid>) and the others go on serving.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readOrCreateAdminToken } from '../server/auth/admin-token';
import { loadServerTimeouts } from '../server/config';
import { httpServerOptions } from '../server/http/server-options';

const ROOT = join(import.meta.dirname, '..');

export interface Backend {
	index: number;
	child: ChildProcess;
	port: number;
	/** Not sent new requests until this time (it refused a connection). */
	downUntil: number;
	restarts: number;
}

export interface ClusterOptions {
	databaseUrl: string;
	/** The proxy's port (0: any free one). */
	port?: number;
	host?: string;
	processes?: number;
	/** The server entry and the line it prints once it listens (group 1: its port). */
	entry?: string;
	ready?: RegExp;
	env?: Record<string, string>;
	/** Start a process again when it dies (default true). */
	respawn?: boolean;
	log?: (message: string) => void;
}

export interface Cluster {
	url: string;
	backends: Backend[];
	/** Requests the proxy sent to each backend, by index. */
	served: number[];
	/** Kills one process the hard way (a crash); resolves once it is gone. */
	kill(index: number, signal?: NodeJS.Signals): Promise<void>;
	/** Resolves once backend `index` listens again (after a respawn). */
	waitUp(index: number): Promise<void>;
	close(): Promise<void>;
}

const BODY_LIMIT = 3 * 1024 * 1024;

function startProcess(
	opts: Required<Pick<ClusterOptions, 'databaseUrl' | 'entry' | 'ready'>> & { env: Record<string, string> }
): Promise<{ child: ChildProcess; port: number }> {
	return new Promise((resolvePort, reject) => {
		// node --import tsx (not the tsx CLI, which forks): the pid is the server itself, so kill -9 kills it.
		const child = spawn(process.execPath, ['--import', 'tsx', opts.entry], {
			cwd: ROOT,
			env: { ...process.env, HOST: '127.0.0.1', ...opts.env, PORT: '0', DATABASE_URL: opts.databaseUrl },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = opts.ready.exec(out);
			if (m) {
				clearTimeout(timer);
				out = '';
				resolvePort({ child, port: Number(m[1]) });
			}
		});
		child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code ?? signal}) before listening: ${err}`));
		});
	});
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
	const count = options.processes ?? 2;
	const entry = options.entry ?? join(ROOT, 'server/main.ts');
	const ready = options.ready ?? /server on http:\/\/127\.0\.0\.1:(\d+)\n/;
	const env = options.env ?? {};
	const log = options.log ?? (() => {});
	const respawn = options.respawn ?? true;
	let closing = false;
	const backends: Backend[] = [];
	const served = Array.from({ length: count }, () => 0);
	const waiters = new Map<number, (() => void)[]>();

	const watch = (b: Backend) => {
		b.child.once('exit', (code, signal) => {
			if (closing) return;
			log(`process ${b.index} (pid ${b.child.pid}) exited (${signal ?? code})${respawn ? '; starting it again' : ''}`);
			b.downUntil = Infinity;
			if (!respawn) return;
			const again = () =>
				void startProcess({ databaseUrl: options.databaseUrl, entry, ready, env })
					.then(({ child, port }) => {
						if (closing) return void child.kill('SIGTERM');
						Object.assign(b, { child, port, downUntil: 0, restarts: b.restarts + 1 });
						log(`process ${b.index} up again on port ${port} (pid ${child.pid})`);
						watch(b);
						for (const w of waiters.get(b.index) ?? []) w();
						waiters.delete(b.index);
					})
					.catch((err: Error) => {
						log(`process ${b.index} failed to start: ${err.message}`);
						setTimeout(again, 1_000);
					});
			setTimeout(again, 200);
		});
	};

	// One at a time: the first applies the migrations (the others would only queue on the lock) and seeds.
	for (let i = 0; i < count; i++) {
		const { child, port } = await startProcess({ databaseUrl: options.databaseUrl, entry, ready, env });
		const b: Backend = { index: i, child, port, downUntil: 0, restarts: 0 };
		backends.push(b);
		watch(b);
		log(`process ${i} on port ${port} (pid ${child.pid})`);
	}

	let next = 0;
	/** Round robin over the processes that are up; null when none is. */
	const pick = (skip: Set<number>): Backend | null => {
		const now = Date.now();
		for (let k = 0; k < backends.length; k++) {
			const b = backends[(next + k) % backends.length]!;
			if (b.downUntil <= now && !skip.has(b.index)) {
				next = (b.index + 1) % backends.length;
				return b;
			}
		}
		return null;
	};

	const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, tried: Set<number>) => {
		const b = pick(tried);
		if (!b) {
			res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
			return res.end(JSON.stringify({ error: 'unavailable', message: 'No server process is up' }));
		}
		tried.add(b.index);
		const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
		const up = request({ host: '127.0.0.1', port: b.port, method: req.method, path: req.url, headers }, (upRes) => {
			served[b.index]!++;
			res.writeHead(upRes.statusCode ?? 502, upRes.headers);
			upRes.pipe(res);
			upRes.on('error', () => res.destroy());
		});
		up.on('error', (err: NodeJS.ErrnoException) => {
			if (res.headersSent) return void res.destroy();
			// Refused: the request never reached that process, so any request may go to the next one.
			if (err.code === 'ECONNREFUSED') {
				b.downUntil = Date.now() + 1_000;
				return forward(req, body, res, tried);
			}
			// The process died with the request in flight: it may or may not have committed. The client's retry
			// (same Idempotency-Key) finds out; the proxy does not guess.
			res.writeHead(502, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: 'badGateway', message: 'The server process went away mid-request' }));
		});
		up.end(body);
	};

	// The proxy is the front door here: the same connection timeouts as a server process (HEADERS_TIMEOUT_SECONDS, …).
	const server: Server = createServer(httpServerOptions(loadServerTimeouts(process.env)), (req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > BODY_LIMIT) {
				res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
				res.end(JSON.stringify({ error: 'tooLarge' }));
				req.destroy();
			} else chunks.push(c);
		});
		req.on('end', () => {
			if (size <= BODY_LIMIT) forward(req, Buffer.concat(chunks), res, new Set());
		});
	});
	await new Promise<void>((r) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		backends,
		served,
		kill: (index, signal = 'SIGKILL') =>
			new Promise<void>((r) => {
				const { child } = backends[index]!;
				if (child.exitCode !== null || child.signalCode !== null) return r();
				child.once('exit', () => r());
				child.kill(signal);
			}),
		waitUp: (index) =>
			new Promise<void>((r) => {
				const b = backends[index]!;
				if (b.downUntil !== Infinity && b.child.exitCode === null && b.child.signalCode === null) return r();
				waiters.set(index, [...(waiters.get(index) ?? []), r]);
			}),
		close: async () => {
			closing = true;
			server.closeAllConnections();
			await new Promise<void>((r) => server.close(() => r()));
			await Promise.all(
				backends.map(
					(b) =>
						new Promise<void>((r) => {
							if (b.child.exitCode !== null || b.child.signalCode !== null) return r();
							b.child.once('exit', () => r());
							b.child.kill('SIGTERM');
							setTimeout(() => b.child.kill('SIGKILL'), 8_000).unref();
						})
				)
			);
		}
	};
}

async function main(): Promise<void> {
	const databaseUrl = process.env.DATABASE_URL?.trim();
	if (!databaseUrl) {
		console.error(
			'npm run cluster needs DATABASE_URL (postgres://user:password@host/database): the processes share one PostgreSQL'
		);
		process.exit(1);
	}
	const processes = Number(process.env.CLUSTER_PROCESSES || 2);
	if (!Number.isInteger(processes) || processes < 1 || processes > 32)
		throw new Error(`CLUSTER_PROCESSES must be 1–32`);
	const dataDir = resolve(process.env.DATA_DIR || './data');
	// Every process needs the same admin token: made once here unless ADMIN_TOKEN is set.
	const env: Record<string, string> = { DATA_DIR: dataDir };
	if (!process.env.ADMIN_TOKEN) env.ADMIN_TOKEN = readOrCreateAdminToken(dataDir);
	const port = process.env.PORT === undefined ? 8787 : Number(process.env.PORT);
	const host = process.env.HOST || '0.0.0.0';
	const cluster = await startCluster({
		databaseUrl,
		port,
		host,
		processes,
		// The processes see the proxy as the client's address: trust its X-Forwarded-For (sign-in throttling).
		env: {
			...env,
			TRUST_PROXY: process.env.TRUST_PROXY || '127.0.0.1,::1',
			PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${port}`
		},
		log: (m) => console.log(`[cluster] ${m}`)
	});
	console.log(
		`Contract Desk cluster: ${processes} server processes on one PostgreSQL behind ${cluster.url.replace('127.0.0.1', host === '0.0.0.0' ? '127.0.0.1' : host)}`
	);
	console.log(
		`  processes: ${cluster.backends.map((b) => `pid ${b.child.pid} :${b.port}`).join(', ')} (kill -9 one: the others go on, it is started again)`
	);
	const stop = () => void cluster.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((err: unknown) => {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	});
}
