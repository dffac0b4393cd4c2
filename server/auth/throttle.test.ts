// Throttled sign-in: a sliding window with a doubling wait per client address and per code, 429 + Retry-After, trusted proxies only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey, parseTrustedProxies } from '../http/client-address';
import { delayAfter, SharedThrottle, Throttle, type FailureLog } from './throttle';
import { createApp } from '../app';
import { SIGN_IN_RULES } from '../routes/session';
import { makeEnv, type TestEnv } from '../../tests/support/server/app';

describe('Throttle', () => {
	it('lets exactly the allowance through, then doubles the wait; failures leave the window after it passes', () => {
		const clock = { now: 0 };
		const t = new Throttle({ windowMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 8_000 }, () => clock.now);
		const k = [{ key: 'a', rule: { free: 3 } }];
		for (let i = 0; i < 3; i++) {
			expect(t.check(k)).toEqual({ allowed: true });
			t.fail(k);
		}
		// The 4th waits 1 s after the 3rd failure.
		expect(t.check(k)).toEqual({ allowed: false, retryAfterMs: 1_000 });
		clock.now += 1_000;
		t.fail(k); // 4th: 2 s
		expect(t.check(k)).toEqual({ allowed: false, retryAfterMs: 2_000 });
		expect([2, 3, 4, 5, 6, 20].map((n) => delayAfter(n, 3, { baseDelayMs: 1_000, maxDelayMs: 8_000 }))).toEqual([
			0, 1_000, 2_000, 4_000, 8_000, 8_000
		]);
		clock.now += 60_001;
		expect(t.check(k)).toEqual({ allowed: true });
		expect(t.size).toBe(0);
	});

	it('attempt: checks and counts in one step; a success takes its count back', () => {
		const clock = { now: 0 };
		const t = new Throttle({ windowMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 8_000 }, () => clock.now);
		const k = [{ key: 'a', rule: { free: 3 } }];
		// Three admitted before any outcome is known: the fourth is refused at once.
		const admitted = [t.attempt(k), t.attempt(k), t.attempt(k)];
		expect(admitted.every((a) => a.allowed)).toBe(true);
		expect(t.attempt(k)).toEqual({ allowed: false, retryAfterMs: 1_000 });
		// One of them succeeded: it no longer counts, so one more may try.
		const first = admitted[0]!;
		if (first.allowed) void first.succeeded();
		expect(t.attempt(k).allowed).toBe(true);
		expect(t.attempt(k).allowed).toBe(false);
	});

	it('forgets the least recently failed key beyond maxKeys', () => {
		const t = new Throttle({ maxKeys: 100 });
		for (let i = 0; i < 1_000; i++) t.fail([{ key: `k${i}` }]);
		expect(t.size).toBe(100);
	});
});

describe('SharedThrottle (the rules over a failure log every process shares)', () => {
	it('decides exactly as the in-memory throttle for the same failures', async () => {
		const clock = { now: 0 };
		const rows: { key: string; at: number }[] = [];
		const log: FailureLog = {
			recent: async (keys, since) => {
				const out = new Map<string, { count: number; last: number }>();
				for (const r of rows) {
					if (!keys.includes(r.key) || r.at <= since) continue;
					const e = out.get(r.key) ?? { count: 0, last: 0 };
					out.set(r.key, { count: e.count + 1, last: Math.max(e.last, r.at) });
				}
				return out;
			},
			record: async (keys, at) => void rows.push(...keys.map((key) => ({ key, at }))),
			attempt: async () => 0,
			forget: async () => {}
		};
		const opts = { windowMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 8_000 };
		const shared = new SharedThrottle(log, opts, () => clock.now);
		const memory = new Throttle(opts, () => clock.now);
		const k = [
			{ key: 'a', rule: { free: 3 } },
			{ key: 'b', rule: { free: 5 } }
		];
		for (let i = 0; i < 9; i++) {
			expect(await shared.check(k)).toEqual(memory.check(k));
			await shared.fail(k);
			memory.fail(k);
			clock.now += 700;
		}
		expect(await shared.check(k)).toEqual({ allowed: false, retryAfterMs: 8_000 - 700 });
		clock.now += 60_001;
		expect(await shared.check(k)).toEqual({ allowed: true });
	});
});

describe('client address', () => {
	it('IPv6 clients are keyed by their /64', () => {
		expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
	});

	it('TRUST_PROXY refuses what is not an address or range', () => {
		expect(() => parseTrustedProxies('10.0.0.0/8, ::1, 192.168.1.1')).not.toThrow();
		expect(() => parseTrustedProxies('proxy.local')).toThrow(/TRUST_PROXY/);
		expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
	});
});

describe('POST /session under attack', () => {
	let env: TestEnv;
	let proxied: TestEnv;
	beforeAll(async () => {
		env = await makeEnv();
		proxied = await makeEnv({ env: { TRUST_PROXY: '10.0.0.1' } });
	});
	afterAll(async () => {
		await env.cleanup();
		await proxied.cleanup();
	});

	/** As @hono/node-server passes it: the Node request, whose socket has the peer's address. */
	const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
	const attempt = (e: TestEnv, code: string, peer: string, headers: Record<string, string> = {}) =>
		e.app.request(
			'/api/v1/session',
			{ method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ code }) },
			from(peer)
		);

	it('three mistypes then the right code: signed in, never slowed', async () => {
		for (const typo of ['dmeo', 'demo1', 'deom']) expect((await attempt(env, typo, '198.51.100.7')).status).toBe(401);
		expect((await attempt(env, 'demo', '198.51.100.7')).status).toBe(200);
	});

	it('60 wrong codes in a row from one client → 429 with Retry-After; the right code from another client still works', async () => {
		const statuses: number[] = [];
		let last: Response | undefined;
		for (let i = 0; i < 60; i++) {
			last = await attempt(env, `guess-${i}`, '203.0.113.5');
			statuses.push(last.status);
		}
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(49);
		expect(last!.status).toBe(429);
		const retryAfter = Number(last!.headers.get('Retry-After'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(await last!.json()).toMatchObject({ error: 'tooManyAttempts', retryAfter });
		// Even the right code waits at that address: the attacker may have found it.
		expect((await attempt(env, 'demo', '203.0.113.5')).status).toBe(429);
		expect((await attempt(env, 'demo', '192.0.2.44')).status).toBe(200);

		// The wait grows with every failure after it expires, and ends.
		env.clock.now += retryAfter * 1000;
		expect((await attempt(env, 'guess-again', '203.0.113.5')).status).toBe(401);
		const next = await attempt(env, 'guess-more', '203.0.113.5');
		expect(next.status).toBe(429);
		expect(Number(next.headers.get('Retry-After'))).toBe(retryAfter * 2);
		env.clock.now += 16 * 60_000;
		expect((await attempt(env, 'demo', '203.0.113.5')).status).toBe(200);
	});

	it('one wrong code tried from many addresses is throttled per code', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 8; i++) statuses.push((await attempt(env, 'leaked-guess', `198.18.0.${i + 1}`)).status);
		expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
		expect(statuses.at(-1)).toBe(429);
	});

	it('X-Forwarded-For counts only from the trusted proxy; a client cannot spoof it', async () => {
		// Through the proxy: each real client has its own budget.
		for (let i = 0; i < 12; i++) await attempt(proxied, `p-${i}`, '10.0.0.1', { 'X-Forwarded-For': '203.0.113.77' });
		expect((await attempt(proxied, 'demo', '10.0.0.1', { 'X-Forwarded-For': '203.0.113.77' })).status).toBe(429);
		expect((await attempt(proxied, 'demo', '10.0.0.1', { 'X-Forwarded-For': '203.0.113.78' })).status).toBe(200);
		// A spoofed left-most entry is ignored: the proxy appended the real peer on the right.
		expect((await attempt(proxied, 'demo', '10.0.0.1', { 'X-Forwarded-For': '1.2.3.4, 203.0.113.77' })).status).toBe(
			429
		);
		// Directly from an untrusted peer the header means nothing: rotating it does not reset the budget.
		for (let i = 0; i < 12; i++)
			await attempt(proxied, `d-${i}`, '198.51.100.99', { 'X-Forwarded-For': `192.0.2.${i}` });
		expect((await attempt(proxied, 'demo', '198.51.100.99', { 'X-Forwarded-For': '192.0.2.200' })).status).toBe(429);
	});
});

describe('POST /session: concurrent guesses and the global ceiling', () => {
	const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
	const attempt = async (app: TestEnv['app'], code: string, peer: string, headers: Record<string, string> = {}) =>
		app.request(
			'/api/v1/session',
			{ method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ code }) },
			from(peer)
		);

	it.each([16, 64])(
		'%i wrong codes at once from one address: at most the allowance answered 401, the rest 429',
		async (n) => {
			const env = await makeEnv();
			try {
				const statuses = await Promise.all(
					Array.from({ length: n }, (_, i) => attempt(env.app, `concurrent-${i}`, '203.0.113.20').then((r) => r.status))
				);
				expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_RULES.address.free);
				expect(statuses.filter((s) => s === 429)).toHaveLength(n - SIGN_IN_RULES.address.free);
			} finally {
				await env.cleanup();
			}
		}
	);

	it('a success does not use up the allowance: after a sign-in, the address still has all its free attempts', async () => {
		const env = await makeEnv();
		try {
			expect((await attempt(env.app, 'demo', '198.51.100.30')).status).toBe(200);
			const statuses = await Promise.all(
				Array.from({ length: 11 }, (_, i) => attempt(env.app, `typo-${i}`, '198.51.100.30').then((r) => r.status))
			);
			expect(statuses.filter((s) => s === 401)).toHaveLength(10);
			expect(statuses.filter((s) => s === 429)).toHaveLength(1);
		} finally {
			await env.cleanup();
		}
	});

	it('past the global ceiling, every further failure from a new forwarded address is slowed, more with the excess, bounded', async () => {
		const env = await makeEnv({
			env: {
				TRUST_PROXY: '10.0.0.1',
				SIGN_IN_FAILURES_PER_MINUTE: '20',
				SIGN_IN_SLOWDOWN_STEP_MS: '100',
				SIGN_IN_SLOWDOWN_MAX_MS: '1000'
			}
		});
		const slept: number[] = [];
		const logged: string[] = [];
		const app = createApp({
			store: env.store,
			config: env.config,
			staticDir: null,
			now: () => env.clock.now,
			log: (m) => logged.push(m),
			sleep: async (ms) => void slept.push(ms)
		});
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 40; i++) {
				// A new client address and a new code each time: no per-address or per-code limit ever sees two.
				const res = await attempt(app, `spread-${i}`, '10.0.0.1', { 'X-Forwarded-For': `198.18.${i >> 8}.${i & 255}` });
				statuses.push(res.status);
				env.clock.now += 500; // 40 in 20 s: all within one minute
			}
			expect(statuses).toEqual(Array(40).fill(401));
			// The first 20 at once; then 100 ms per failure beyond, up to 1 s.
			expect(slept).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, ...Array(11).fill(1000)]);
			// The operator is told once (rate-limited), not once per failure.
			expect(logged.filter((m) => m.includes('[sign-in] ceiling crossed'))).toHaveLength(1);
			// A minute later the count is below the ceiling again: answered at once.
			env.clock.now += 61_000;
			slept.length = 0;
			expect((await attempt(app, 'later', '10.0.0.1', { 'X-Forwarded-For': '198.18.9.9' })).status).toBe(401);
			expect(slept).toEqual([]);
			// A right code is never slowed by the ceiling.
			for (let i = 0; i < 25; i++) await attempt(app, `again-${i}`, '10.0.0.1', { 'X-Forwarded-For': `198.19.0.${i}` });
			slept.length = 0;
			expect((await attempt(app, 'demo', '10.0.0.1', { 'X-Forwarded-For': '198.19.1.1' })).status).toBe(200);
			expect(slept).toEqual([]);
		} finally {
			await env.cleanup();
		}
	});

	it('the slowed answer really waits, on a timer', async () => {
		const env = await makeEnv({
			env: { SIGN_IN_FAILURES_PER_MINUTE: '1', SIGN_IN_SLOWDOWN_STEP_MS: '150', SIGN_IN_SLOWDOWN_MAX_MS: '150' }
		});
		try {
			expect((await attempt(env.app, 'first', '198.51.100.1')).status).toBe(401);
			const started = performance.now();
			expect((await attempt(env.app, 'second', '198.51.100.2')).status).toBe(401);
			expect(performance.now() - started).toBeGreaterThanOrEqual(140);
		} finally {
			await env.cleanup();
		}
	});
});
