// Admission before work over real sockets: sizes refused before the body is read, chunked bodies cut off, and per-account / per-address budgets answering 429 while others go on.
import { serve, type ServerType } from '@hono/node-server';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteRate, Comebacks, InFlight } from './admission';
import { loadAdmissionBudgets } from '../config';
import {
	auth,
	frameworkRecord,
	makeEnv,
	PDF_SHA,
	signIn as signInApp,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let server: ServerType;
let port: number;
let tokenA: string;
let tokenB: string;

const BIG = 1_900_000;

beforeAll(async () => {
	env = await makeEnv({
		env: {
			// 3 MiB per account: one 1.9 MB body at a time. Two unauthenticated requests per address.
			ACCOUNT_KIB_IN_FLIGHT: '3072',
			ACCOUNT_REQUESTS_IN_FLIGHT: '4',
			ADDRESS_REQUESTS_IN_FLIGHT: '2',
			TRUST_PROXY: '127.0.0.1'
		}
	});
	server = await new Promise<ServerType>((resolve) => {
		const s = serve({ fetch: env.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
	});
	port = (server.address() as AddressInfo).port;
	tokenA = await signIn('demo-unverified');
	tokenB = await signIn('demo');
});
afterAll(async () => {
	const closed = new Promise<void>((resolve) => server.close(() => resolve()));
	(server as Server).closeAllConnections();
	await closed;
	await env.cleanup();
});

async function signIn(code: string): Promise<string> {
	const res = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ code })
	});
	expect(res.status).toBe(200);
	return ((await res.json()) as { token: string }).token;
}

type Answer = { status: number; head: string; body: string };

/** A request written by hand on its own socket: what was answered (if anything), and when the socket closed. */
function raw(head: string[], to = port): { socket: Socket; answer: Promise<Answer>; closed: Promise<void> } {
	const socket = connect(to, '127.0.0.1');
	socket.write(`${head.join('\r\n')}\r\n\r\n`);
	let data = '';
	const answer = new Promise<Answer>((resolve) => {
		socket.on('data', (d: Buffer) => {
			data += d.toString('latin1');
			const end = data.indexOf('\r\n\r\n');
			if (end < 0) return;
			const headText = data.slice(0, end);
			const length = Number(/\r\ncontent-length: (\d+)/i.exec(headText)?.[1] ?? 0);
			if (data.length - end - 4 < length) return;
			resolve({
				status: Number(headText.split(' ')[1]),
				head: headText,
				body: data.slice(end + 4, end + 4 + length)
			});
		});
	});
	const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
	socket.on('error', () => {});
	return { socket, answer, closed };
}

const put = (path: string, token: string, length: number | 'chunked') => [
	`PUT ${path} HTTP/1.1`,
	'Host: 127.0.0.1',
	`Authorization: Bearer ${token}`,
	'Content-Type: application/json',
	`Idempotency-Key: ${crypto.randomUUID()}`,
	length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`
];

const post = (path: string, length: number, extra: string[] = []) => [
	`POST ${path} HTTP/1.1`,
	'Host: 127.0.0.1',
	'Content-Type: application/json',
	`Content-Length: ${length}`,
	...extra
];

/** Nothing answered within `ms`: the request is admitted and waiting for its body. */
async function unanswered(answer: Promise<Answer>, ms = 300): Promise<boolean> {
	return Promise.race([answer.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]);
}

function registerB(): Promise<Response> {
	const record = frameworkRecord(env.config);
	return fetch(`http://127.0.0.1:${port}/api/v1/contracts/${record.id}`, {
		method: 'PUT',
		headers: {
			Authorization: `Bearer ${tokenB}`,
			'Content-Type': 'application/json',
			'Idempotency-Key': crypto.randomUUID()
		},
		body: JSON.stringify({ record, pdfSha256: PDF_SHA })
	});
}

describe('sizes, before the body is read', () => {
	it('a Content-Length over the route limit → 413 on the headers alone, and the connection is closed', async () => {
		const big = raw(put('/api/v1/contracts/x', tokenA, 2 * 1024 * 1024 + 1));
		const a = await big.answer;
		expect(a.status).toBe(413);
		expect(JSON.parse(a.body)).toMatchObject({ error: 'tooLarge' });
		expect(a.head).toMatch(/\r\nconnection: close/i);
		await big.closed;

		// The small routes' limit, without a token too.
		const small = raw(post('/api/v1/session', 65 * 1024));
		expect((await small.answer).status).toBe(413);
		// The contract route's 2 MiB is the contract's only: its stamping takes 64 KiB.
		const stamping = raw(put('/api/v1/contracts/x/stamping', tokenA, 65 * 1024));
		expect((await stamping.answer).status).toBe(413);
		for (const r of [small, stamping]) r.socket.destroy();
	});

	it('a chunked body is cut off with 413 once it passes the limit; one within it goes through', async () => {
		const over = raw(put('/api/v1/contracts/x/stamping', tokenA, 'chunked'));
		const chunk = 'x'.repeat(16 * 1024);
		for (let i = 0; i < 5; i++) over.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
		// No terminating chunk: the 413 comes from the count, not from the end of the body.
		const a = await over.answer;
		expect(a.status).toBe(413);
		expect(JSON.parse(a.body)).toMatchObject({ error: 'tooLarge' });
		over.socket.destroy();

		const body = JSON.stringify({ code: 'demo' });
		const within = raw([
			'POST /api/v1/session HTTP/1.1',
			'Host: 127.0.0.1',
			'Content-Type: application/json',
			'Transfer-Encoding: chunked'
		]);
		within.socket.write(`${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
		const ok = await within.answer;
		expect(ok.status).toBe(200);
		expect(JSON.parse(ok.body)).toHaveProperty('token');
		within.socket.destroy();
	});
});

describe('budgets in flight', () => {
	it("one account's big bodies past its bytes budget → 429 + Retry-After while another account registers", async () => {
		const first = raw(put('/api/v1/contracts/x', tokenA, BIG));
		first.socket.write('{"record":');
		expect(await unanswered(first.answer)).toBe(true);

		const second = raw(put('/api/v1/contracts/y', tokenA, BIG));
		const refused = await second.answer;
		expect(refused.status).toBe(429);
		expect(refused.head).toMatch(/\r\nretry-after: 1\r\n/i);
		expect(JSON.parse(refused.body)).toMatchObject({ error: 'tooManyRequests', retryAfter: 1 });
		// Its 1.9 MB are not read only to be dropped: the connection closes.
		expect(refused.head).toMatch(/\r\nconnection: close/i);
		await second.closed;

		// Small requests of the same account still fit; another account is not affected at all.
		const b = await registerB();
		expect(b.status).toBe(201);

		// Once the first is done (here: abandoned), the budget is free again.
		first.socket.destroy();
		await first.closed;
		await new Promise((r) => setTimeout(r, 50));
		const third = raw(put('/api/v1/contracts/z', tokenA, BIG));
		expect(await unanswered(third.answer)).toBe(true);
		third.socket.destroy();
		await third.closed;
	});

	it("one account's requests past its count budget → 429; its other sessions count as the same account", async () => {
		const tokenA2 = await signIn('demo-unverified');
		await new Promise((r) => setTimeout(r, 50));
		const held = [tokenA, tokenA2, tokenA, tokenA2].map((t) => {
			const r = raw(put('/api/v1/contracts/x/stamping', t, 100));
			r.socket.write('{');
			return r;
		});
		for (const r of held) expect(await unanswered(r.answer, 100)).toBe(true);
		const fifth = raw(put('/api/v1/contracts/x/stamping', tokenA2, 100));
		const refused = await fifth.answer;
		expect(refused.status).toBe(429);
		// A small body is read and dropped: the connection stays for the retry.
		expect(refused.head).toMatch(/\r\nconnection: keep-alive/i);
		fifth.socket.destroy();
		expect((await registerB()).status).toBe(201);
		for (const r of held) r.socket.destroy();
		await Promise.all(held.map((r) => r.closed));
	});

	it('unauthenticated requests are counted per client address (X-Forwarded-For from a trusted proxy)', async () => {
		const from = (address: string) => [`X-Forwarded-For: ${address}`];
		const held = [0, 1].map(() => {
			const r = raw(post('/api/v1/session', 20, from('203.0.113.7')));
			r.socket.write('{"code":');
			return r;
		});
		for (const r of held) expect(await unanswered(r.answer, 100)).toBe(true);
		const third = raw(post('/api/v1/session', 20, from('203.0.113.7')));
		const refused = await third.answer;
		expect(refused.status).toBe(429);
		expect(refused.head).toMatch(/\r\nretry-after: 1\r\n/i);
		third.socket.destroy();

		// Another address signs in; an account's own requests are not counted against its address.
		const other = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.9' },
			body: JSON.stringify({ code: 'demo' })
		});
		expect(other.status).toBe(200);
		const pull = await fetch(`http://127.0.0.1:${port}/api/v1/changes?limit=1`, {
			headers: { Authorization: `Bearer ${tokenB}`, 'X-Forwarded-For': '203.0.113.7' }
		});
		expect(pull.status).toBe(200);
		for (const r of held) r.socket.destroy();
		await Promise.all(held.map((r) => r.closed));
	});
});

describe('a body nobody reads', () => {
	it("costs its address nothing and is not drained: an unknown token's big upload → 401, then the sign-in goes", async () => {
		const from = ['X-Forwarded-For: 192.0.2.44'];
		const upload = raw([...put('/api/v1/contracts/x', 'expired-token', BIG), ...from]);
		upload.socket.write('{"record":');
		const a = await upload.answer;
		expect(a.status).toBe(401);
		expect(a.head).toMatch(/\r\nconnection: close/i);
		await upload.closed;
		// 1.9 MB declared against a 1 MiB burst: charged and kept, the address would now wait.
		for (let i = 0; i < 3; i++) {
			const res = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '192.0.2.44' },
				body: JSON.stringify({ code: 'demo' })
			});
			expect(res.status).toBe(200);
		}
	});

	it('with a valid token and no Idempotency-Key → 400 at once, the big body unread and the connection closed', async () => {
		const head = put('/api/v1/contracts/x', tokenB, BIG).filter((h) => !h.startsWith('Idempotency-Key'));
		const upload = raw(head);
		upload.socket.write('{"record":');
		const a = await upload.answer;
		expect(a.status).toBe(400);
		expect(a.head).toMatch(/\r\nconnection: close/i);
		await upload.closed;
	});
});

describe('a refusal', () => {
	it('is sent as it is, with its length, to a client that accepts gzip: no compression stream per refusal', async () => {
		const first = raw(put('/api/v1/contracts/x', tokenA, BIG));
		first.socket.write('{"record":');
		expect(await unanswered(first.answer)).toBe(true);
		const second = raw([...put('/api/v1/contracts/y', tokenA, BIG), 'Accept-Encoding: gzip, deflate']);
		const refused = await second.answer;
		expect(refused.status).toBe(429);
		expect(refused.head).not.toMatch(/\r\ncontent-encoding:/i);
		expect(refused.head).toMatch(new RegExp(`\\r\\ncontent-length: ${Buffer.byteLength(refused.body)}\\r\\n`, 'i'));
		expect(JSON.parse(refused.body)).toMatchObject({ error: 'tooManyRequests', retryAfter: 1 });
		const tooLarge = raw([...put('/api/v1/contracts/z', tokenA, 3 * 1024 * 1024), 'Accept-Encoding: gzip']);
		const a = await tooLarge.answer;
		expect(a.status).toBe(413);
		expect(a.head).not.toMatch(/\r\ncontent-encoding:/i);
		expect(JSON.parse(a.body)).toMatchObject({ error: 'tooLarge' });
		for (const r of [first, second, tooLarge]) r.socket.destroy();
		await Promise.all([first, second, tooLarge].map((r) => r.closed));
	});
});

describe('a client that comes back before its Retry-After', () => {
	let held: TestEnv;
	let heldServer: ServerType;
	let heldPort: number;
	beforeAll(async () => {
		held = await makeEnv({ env: { ACCOUNT_KIB_IN_FLIGHT: '3072' } });
		heldServer = await new Promise<ServerType>((resolve) => {
			const s = serve({ fetch: held.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
		});
		heldPort = (heldServer.address() as AddressInfo).port;
	});
	afterAll(async () => {
		const closed = new Promise<void>((resolve) => heldServer.close(() => resolve()));
		(heldServer as Server).closeAllConnections();
		await closed;
		await held.cleanup();
	});

	it('gets its next refusal only when that time is up, while another account goes on', async () => {
		const a = await signInApp(held.app, 'demo-unverified');
		const b = await signInApp(held.app);
		const first = raw(put('/api/v1/contracts/x', a, BIG), heldPort);
		first.socket.write('{"record":');
		expect(await unanswered(first.answer)).toBe(true);
		// Refused at once the first time, told to come back in a second.
		const second = raw(put('/api/v1/contracts/y', a, BIG), heldPort);
		expect((await second.answer).status).toBe(429);
		const toldAt = performance.now();
		// Back at once, ignoring that: held, unanswered, the server reading none of its body.
		const early = raw(put('/api/v1/contracts/z', a, BIG), heldPort);
		early.socket.write('x'.repeat(64 * 1024));
		expect(await unanswered(early.answer, 500)).toBe(true);
		// Meanwhile the other account is not held.
		const record = frameworkRecord(held.config);
		const registered = await fetch(`http://127.0.0.1:${heldPort}/api/v1/contracts/${record.id}`, {
			method: 'PUT',
			headers: { ...auth(b, { 'Idempotency-Key': crypto.randomUUID() }), 'Content-Type': 'application/json' },
			body: JSON.stringify({ record, pdfSha256: PDF_SHA })
		});
		expect(registered.status).toBe(201);
		const answer = await early.answer;
		expect(performance.now() - toldAt).toBeGreaterThanOrEqual(700);
		expect(answer.status).toBe(429);
		expect(answer.head).toMatch(/\r\nretry-after: 1\r\n/i);
		expect(answer.head).toMatch(/\r\nconnection: close/i);
		await early.closed;
		for (const r of [first, second]) r.socket.destroy();
		await Promise.all([first, second].map((r) => r.closed));
	});

	it('ADMISSION_HOLD_SECONDS: 10 s at most by default, 0 answers every refusal at once', () => {
		expect(loadAdmissionBudgets({}).holdMs).toBe(10_000);
		expect(loadAdmissionBudgets({ ADMISSION_HOLD_SECONDS: '0' }).holdMs).toBe(0);
		expect(loadAdmissionBudgets({ ADMISSION_HOLD_SECONDS: '2.5' }).holdMs).toBe(2500);
		expect(() => loadAdmissionBudgets({ ADMISSION_HOLD_SECONDS: '-1' })).toThrow(/ADMISSION_HOLD_SECONDS/);
	});
});

describe('Comebacks', () => {
	it('holds a key back early until its time, at most holdMs; never one that waited, nor past its caps', () => {
		let now = 0;
		const comebacks = new Comebacks({ holdMs: 5000, perKey: 2, total: 3 }, () => now);
		// The first refusal goes at once, and tells the key to wait a second.
		expect(comebacks.refused('a', 1000).holdMs).toBe(0);
		now = 400;
		const early = comebacks.refused('a', 1000);
		expect(early.holdMs).toBe(600);
		// Sent at 1,000 ms with another second to wait: the next one back early is held until 2,000 ms.
		expect(comebacks.refused('a', 1000).holdMs).toBe(1600);
		expect(comebacks.held('a')).toBe(2);
		// Two held for the key already: a third is answered at once.
		expect(comebacks.refused('a', 1000).holdMs).toBe(0);
		// Another key is not held for a's sake; its own early return is, until the total of 3 held is reached.
		expect(comebacks.refused('b', 1000).holdMs).toBe(0);
		const b = comebacks.refused('b', 1000);
		expect(b.holdMs).toBe(1000);
		expect(comebacks.refused('c', 1000).holdMs).toBe(0);
		expect(comebacks.refused('c', 1000).holdMs).toBe(0);
		early.release();
		early.release();
		expect(comebacks.held('a')).toBe(1);
		const c = comebacks.refused('c', 1000);
		expect(c.holdMs).toBeGreaterThan(0);
		b.release();
		c.release();
		// A key that waited as told is answered at once; a long Retry-After holds at most holdMs.
		now = 100_000;
		expect(comebacks.refused('d', 30_000).holdMs).toBe(0);
		expect(comebacks.refused('a', 30_000).holdMs).toBe(0);
		now = 100_001;
		expect(comebacks.refused('a', 30_000).holdMs).toBe(5000);
	});
});

describe('InFlight', () => {
	it('admits within both budgets, always admits an idle key, and frees what a release gives back once', () => {
		const ledger = new InFlight({ requests: 2, bytes: 100 });
		const big = ledger.admit('a', 500);
		expect(big).not.toBeNull();
		expect(ledger.admit('a', 1)).toBeNull();
		expect(ledger.admit('b', 60)).not.toBeNull();
		big!.release();
		big!.release();
		expect(ledger.usage('a')).toEqual({ requests: 0, bytes: 0 });
		const one = ledger.admit('a', 60)!;
		expect(ledger.admit('a', 50)).toBeNull();
		const two = ledger.admit('a', 40)!;
		expect(ledger.admit('a', 0)).toBeNull();
		one.release();
		two.release();
		expect(ledger.usage('a')).toEqual({ requests: 0, bytes: 0 });
	});

	it('a streamed body holds the bytes that have arrived, until it is released', () => {
		const ledger = new InFlight({ requests: 5, bytes: 100 });
		const streamed = ledger.admit('a', 0)!;
		streamed.add(70);
		expect(ledger.usage('a')).toEqual({ requests: 1, bytes: 70 });
		expect(ledger.admit('a', 40)).toBeNull();
		streamed.add(50);
		expect(ledger.admit('a', 0)).toBeNull();
		streamed.release();
		streamed.add(10);
		expect(ledger.usage('a')).toEqual({ requests: 0, bytes: 0 });
	});
});

describe('ByteRate', () => {
	it('gives a burst, then refills at its rate; a body larger than the burst goes only from a full bucket', () => {
		let now = 0;
		const rate = new ByteRate({ burstBytes: 1000, bytesPerMinute: 60_000 }, () => now);
		expect(rate.take('a', 600).ok).toBe(true);
		expect(rate.take('a', 600)).toEqual({ ok: false, retryAfterMs: 200 });
		expect(rate.take('b', 600).ok).toBe(true);
		now = 200;
		expect(rate.take('a', 600).ok).toBe(true);
		now = 10_000;
		// Full again: a 5,000-byte body goes alone, and leaves the key 5 s in debt.
		expect(rate.take('a', 5000).ok).toBe(true);
		expect(rate.take('a', 1)).toEqual({ ok: false, retryAfterMs: 4001 });
		rate.charge('a', 1000);
		now = 14_999;
		expect(rate.take('a', 1).ok).toBe(false);
		now = 16_001;
		expect(rate.take('a', 1).ok).toBe(true);
	});
});

describe('bytes per minute', () => {
	it("an account past its burst → 429 with the Retry-After of its refill; another account's bodies go on", async () => {
		const slow = await makeEnv({ env: { ACCOUNT_KIB_BURST: '64', ACCOUNT_KIB_PER_MINUTE: '60' } });
		try {
			const a = await signInApp(slow.app, 'demo-unverified');
			const b = await signInApp(slow.app);
			const body = JSON.stringify({ pad: 'x'.repeat(40 * 1024 - 10) });
			const send = (token: string) =>
				slow.app.request('/api/v1/contracts/x/stamping', {
					method: 'PUT',
					headers: auth(token, { 'Idempotency-Key': crypto.randomUUID(), 'Content-Length': String(body.length) }),
					body
				});
			expect((await send(a)).status).toBe(400);
			const refused = await send(a);
			expect(refused.status).toBe(429);
			// 16 KiB missing at 1 KiB/s.
			expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(15);
			expect(Number(refused.headers.get('Retry-After'))).toBeLessThanOrEqual(16);
			expect(await refused.json()).toMatchObject({ error: 'tooManyRequests' });
			expect((await send(b)).status).toBe(400);
			// Requests without a body are not metered: the account still pulls.
			const pull = await slow.app.request('/api/v1/changes?limit=1', { headers: auth(a) });
			expect(pull.status).toBe(200);
		} finally {
			await slow.cleanup();
		}
	});
});
