// Connection timeouts on a real socket: a half-sent request is closed within the header timeout, a stalled body within the request timeout, an idle keep-alive connection after its timeout.
import { serve, type ServerType } from '@hono/node-server';
import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerTimeouts } from '../config';
import { httpServerOptions } from './server-options';
import { makeEnv, type TestEnv } from '../../tests/support/server/app';

let env: TestEnv;
let server: ServerType;
let port: number;

const HEADERS_MS = 1000;
const REQUEST_MS = 2000;
const KEEP_ALIVE_MS = 500;
/** What a loaded machine may add to a deadline before the test calls it missed. */
const SLACK_MS = 1500;

beforeAll(async () => {
	env = await makeEnv({
		env: { HEADERS_TIMEOUT_SECONDS: '1', REQUEST_TIMEOUT_SECONDS: '2', KEEP_ALIVE_TIMEOUT_SECONDS: '0.5' }
	});
	const serverOptions = httpServerOptions(env.config.timeouts);
	server = await new Promise<ServerType>((resolve) => {
		const s = serve({ fetch: env.app.fetch, port: 0, hostname: '127.0.0.1', serverOptions }, () => resolve(s));
	});
	port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
	const closed = new Promise<void>((resolve) => server.close(() => resolve()));
	(server as Server).closeAllConnections();
	await closed;
	await env.cleanup();
});

/** Writes `text` on a new connection; resolves with what came back and how long until the server closed it. */
function closedAfter(text: string, more?: (write: (s: string) => void) => void): Promise<{ ms: number; data: string }> {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const socket = connect(port, '127.0.0.1', () => {
			socket.write(text);
			more?.((s) => socket.write(s));
		});
		let data = '';
		socket.on('data', (d: Buffer) => (data += d.toString()));
		socket.on('error', () => {});
		socket.on('close', () => resolve({ ms: performance.now() - t0, data }));
		setTimeout(() => {
			socket.destroy();
			reject(new Error(`still open after 15 s; received: ${data.slice(0, 200)}`));
		}, 15_000).unref();
	});
}

describe('connection timeouts', () => {
	it('a request whose headers never finish is answered 408 and closed within the header timeout', async () => {
		const { ms, data } = await closedAfter('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl');
		expect(data).toMatch(/^HTTP\/1\.1 408/);
		expect(ms).toBeGreaterThanOrEqual(HEADERS_MS - 50);
		expect(ms).toBeLessThan(HEADERS_MS + SLACK_MS);
	});

	it('50 half-sent requests at once are all closed within the header timeout', async () => {
		const all = await Promise.all(
			Array.from({ length: 50 }, () => closedAfter('PUT /api/v1/contracts/x HTTP/1.1\r\nHost: 127.0.0.1\r\n'))
		);
		expect(Math.max(...all.map((r) => r.ms))).toBeLessThan(HEADERS_MS + SLACK_MS);
	});

	it('a connection that sends nothing is closed within the header timeout', async () => {
		const { ms } = await closedAfter('');
		expect(ms).toBeLessThan(HEADERS_MS + SLACK_MS);
	});

	it('headers trickled a line at a time do not reset the header timeout', async () => {
		const { ms } = await closedAfter('GET /api/v1/health HTTP/1.1\r\n', (write) => {
			const timer = setInterval(() => write('X-Slow: 1\r\n'), 200);
			setTimeout(() => clearInterval(timer), 6000).unref();
		});
		expect(ms).toBeLessThan(HEADERS_MS + SLACK_MS);
	});

	it('a body that stalls is closed within the request timeout', async () => {
		const head = 'POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';
		const { ms, data } = await closedAfter(`${head}Content-Length: 100\r\n\r\n{"code":`);
		expect(data).toMatch(/^HTTP\/1\.1 408/);
		expect(ms).toBeGreaterThanOrEqual(REQUEST_MS - 50);
		expect(ms).toBeLessThan(REQUEST_MS + SLACK_MS);
	});

	it('an idle keep-alive connection is closed after its timeout', async () => {
		const { ms, data } = await closedAfter('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
		expect(data).toMatch(/^HTTP\/1\.1 200/);
		expect(ms).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 50);
		expect(ms).toBeLessThan(KEEP_ALIVE_MS + SLACK_MS);
	});
});

describe('loadServerTimeouts', () => {
	it('10 s for headers, 60 s for a request, 5 s idle, checked every second by default; env overrides', () => {
		expect(loadServerTimeouts({})).toEqual({
			headersMs: 10_000,
			requestMs: 60_000,
			keepAliveMs: 5_000,
			checkIntervalMs: 1000
		});
		expect(env.config.timeouts).toEqual({ headersMs: 1000, requestMs: 2000, keepAliveMs: 500, checkIntervalMs: 100 });
		expect(() => loadServerTimeouts({ HEADERS_TIMEOUT_SECONDS: '90' })).toThrow(/REQUEST_TIMEOUT_SECONDS/);
		expect(() => loadServerTimeouts({ REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/REQUEST_TIMEOUT_SECONDS/);
	});
});
