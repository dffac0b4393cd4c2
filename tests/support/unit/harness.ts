// Test harness: start/kill/restart the server process, and a fault-injecting HTTP proxy in front of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

export type ServerProcess = {
	child: ChildProcess;
	port: number;
	/** Idempotency claims the start-up released (left `running` by a killed predecessor). */
	releasedClaims: number;
};

/** Starts server-process.ts with DATA_DIR; resolves once it listens. */
export function startServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
	return new Promise((resolve, reject) => {
		// node --import tsx (not the tsx CLI, which forks): the pid we kill is the server itself.
		const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/unit/server-process.ts')], {
			cwd: ROOT,
			env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: 'test-admin', NODE_ENV: 'test', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = out.match(/LISTENING (\d+) RELEASED (\d+)\n/);
			if (m) {
				clearTimeout(timer);
				resolve({ child, port: Number(m[1]), releasedClaims: Number(m[2]) });
			}
		});
		child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
		child.on('exit', (code) => {
			clearTimeout(timer);
			if (!/LISTENING/.test(out)) reject(new Error(`server exited ${code}: ${err}`));
		});
	});
}

/**
 * Starts the production entry (server/main.ts: API, the built PWA, the fingerprint re-render) on a free
 * port; resolves once it listens. For browser tests through the proxy.
 */
export function startAppServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
			cwd: ROOT,
			env: {
				...process.env,
				PORT: '0',
				HOST: '127.0.0.1',
				DATA_DIR: dataDir,
				ADMIN_TOKEN: 'test-admin',
				NODE_ENV: 'test',
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = out.match(/server on http:\/\/127\.0\.0\.1:(\d+)\n/);
			if (m) {
				clearTimeout(timer);
				resolve({ child, port: Number(m[1]), releasedClaims: 0 });
			}
		});
		child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
		child.on('exit', (code) => {
			clearTimeout(timer);
			if (!/server on/.test(out)) reject(new Error(`server exited ${code}: ${err}`));
		});
	});
}

/** Kills the process the hard way (a crash, not a shutdown) and waits for it to be gone. */
export function killServer(p: ServerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
	return new Promise((resolve) => {
		if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
		p.child.once('exit', () => resolve());
		p.child.kill(signal);
	});
}

export type FaultRates = {
	/** Request dropped before it reaches the server. */
	dropRequest: number;
	/** Forwarded, the server answers (and commits), the answer is dropped. */
	dropResponse: number;
	/** 503 from the "load balancer", server never sees it. */
	unavailable: number;
	/** 429 with Retry-After: 1. */
	rateLimited: number;
	/** Forwarded after a random delay up to maxDelayMs. */
	delay: number;
	maxDelayMs: number;
};

export type FaultCounts = {
	requests: number;
	forwarded: number;
	droppedRequests: number;
	droppedResponses: number;
	unavailable: number;
	rateLimited: number;
	delayed: number;
	upstreamDown: number;
	replayed: number;
	/** Every request the proxy saw (reads included), and the pulls among them. */
	all: number;
	/** Requests to the API (the rest are the app's own files). */
	api: number;
	pulls: number;
	/** Requests answered by the simulated outage (see `setOutage`). */
	outage: number;
};

/** A whole-provider outage: every request, reads included, is refused (connection reset) or answered 503. */
export type Outage = 'none' | 'reset' | '503';

export type Proxy = {
	url: string;
	counts: FaultCounts;
	setTarget(port: number): void;
	setRates(rates: FaultRates): void;
	setOutage(outage: Outage): void;
	/** Writes this predicate matches are refused with 422 (as the provider refuses a contract); null: none. */
	setRefusal(refuse: ((method: string, path: string) => boolean) | null): void;
	close(): Promise<void>;
};

const NO_FAULTS: FaultRates = {
	dropRequest: 0,
	dropResponse: 0,
	unavailable: 0,
	rateLimited: 0,
	delay: 0,
	maxDelayMs: 0
};

/** A proxy that injects faults into writes (PUT); reads pass through untouched. */
export async function startProxy(
	targetPort: number,
	rates: FaultRates = NO_FAULTS,
	random = Math.random
): Promise<Proxy> {
	let target = targetPort;
	let r = rates;
	const counts: FaultCounts = {
		requests: 0,
		forwarded: 0,
		droppedRequests: 0,
		droppedResponses: 0,
		unavailable: 0,
		rateLimited: 0,
		delayed: 0,
		upstreamDown: 0,
		replayed: 0,
		all: 0,
		api: 0,
		pulls: 0,
		outage: 0
	};
	let outage: Outage = 'none';
	let refusal: ((method: string, path: string) => boolean) | null = null;
	const hangUp = (res: ServerResponse) => res.socket?.destroy();

	const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, dropAnswer: boolean) => {
		const up = request(
			{ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
			(upRes) => {
				const chunks: Buffer[] = [];
				upRes.on('data', (c: Buffer) => chunks.push(c));
				upRes.on('end', () => {
					counts.forwarded++;
					if (upRes.headers['idempotent-replayed']) counts.replayed++;
					if (dropAnswer) {
						counts.droppedResponses++;
						return hangUp(res);
					}
					res.writeHead(upRes.statusCode ?? 502, upRes.headers);
					res.end(Buffer.concat(chunks));
				});
				upRes.on('error', () => hangUp(res));
			}
		);
		up.on('error', () => {
			// The server is down (restarting): to the client this is a connection failure.
			counts.upstreamDown++;
			hangUp(res);
		});
		up.end(body);
	};

	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			counts.all++;
			if (req.url?.startsWith('/api/')) counts.api++;
			else if (process.env.PROXY_LOG) console.log('proxy', req.method, req.url);
			if (req.method === 'GET' && req.url?.startsWith('/api/v1/changes')) counts.pulls++;
			if (outage !== 'none') {
				counts.outage++;
				if (outage === 'reset') return hangUp(res);
				res.writeHead(503, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ error: 'unavailable' }));
			}
			if (refusal?.(req.method ?? 'GET', req.url ?? '')) {
				res.writeHead(422, { 'content-type': 'application/json' });
				return res.end(
					JSON.stringify({
						error: 'partyAMismatch',
						message: 'Party A differs from the verified entity (refused by the fault proxy)'
					})
				);
			}
			if (req.method !== 'PUT') return forward(req, body, res, false);
			counts.requests++;
			let x = random();
			if ((x -= r.dropRequest) < 0) {
				counts.droppedRequests++;
				return hangUp(res);
			}
			if ((x -= r.unavailable) < 0) {
				counts.unavailable++;
				res.writeHead(503, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ error: 'unavailable' }));
			}
			if ((x -= r.rateLimited) < 0) {
				counts.rateLimited++;
				res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
				return res.end(JSON.stringify({ error: 'rateLimited' }));
			}
			const dropAnswer = (x -= r.dropResponse) < 0;
			if (!dropAnswer && x - r.delay < 0) {
				counts.delayed++;
				setTimeout(() => forward(req, body, res, false), random() * r.maxDelayMs);
				return;
			}
			forward(req, body, res, dropAnswer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		counts,
		setTarget: (p) => (target = p),
		setRates: (rates) => (r = rates),
		setOutage: (o) => (outage = o),
		setRefusal: (f) => (refusal = f),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
