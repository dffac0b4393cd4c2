// Retention: expired sessions and idempotency rows past the retention period are deleted by the periodic job (fake clock).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config';
import { startRetention } from './retention';
import { FIXED_NOW, makeEnv, signIn, auth, type TestEnv } from '../tests/support/server/app';

const DAY = 24 * 3600 * 1000;
let env: TestEnv;
beforeEach(async () => {
	env = await makeEnv();
});
afterEach(async () => {
	vi.useRealTimers();
	await env.cleanup();
});

const count = (table: string) => (env.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('retention job', () => {
	it('deletes expired sessions and idempotency rows older than the period, on its interval, and keeps the rest', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
		vi.setSystemTime(FIXED_NOW);
		const clock = () => env.clock.now;
		// Sessions of 30 days (the app's clock): one old, one new.
		const old = await signIn(env.app);
		env.clock.now += 20 * DAY;
		const fresh = await signIn(env.app);
		// Idempotency rows: one finished 31 days before the job's first pass, one 29 days before, one just now.
		const claim = async (key: string, at: number) => {
			await env.store.claimIdempotency('acct-100001', key, 'h', at);
			await env.store.finishIdempotency('acct-100001', key, { status: 200, body: {} });
		};
		await claim('old', FIXED_NOW - 11 * DAY);
		await claim('recent', FIXED_NOW - 9 * DAY);
		await claim('now', env.clock.now);
		expect([count('sessions'), count('idempotency')]).toEqual([2, 3]);

		const logs: string[] = [];
		const stop = startRetention({
			store: env.store,
			retentionMs: 30 * DAY,
			intervalMs: 3600_000,
			now: clock,
			log: (m) => logs.push(m)
		});
		await vi.advanceTimersByTimeAsync(0);
		// First pass at day 20: nothing has expired, 'old' is 31 days old.
		expect([count('sessions'), count('idempotency')]).toEqual([2, 2]);

		// Day 30 + 1 h: the first session has expired; the next tick deletes it, the other still works.
		env.clock.now = FIXED_NOW + 30 * DAY + 3600_000;
		await vi.advanceTimersByTimeAsync(3600_000);
		expect(count('sessions')).toBe(1);
		expect((await env.app.request('/api/v1/changes', { headers: auth(old) })).status).toBe(401);
		expect((await env.app.request('/api/v1/changes', { headers: auth(fresh) })).status).toBe(200);
		expect(env.store.db.prepare(`SELECT key FROM idempotency ORDER BY key`).all()).toEqual([{ key: 'now' }]);
		expect(logs.some((l) => /deleted 1 expired session/.test(l))).toBe(true);

		stop();
		env.clock.now += 365 * DAY;
		await vi.advanceTimersByTimeAsync(10 * 3600_000);
		expect(count('sessions')).toBe(1);
	});

	it('RETENTION_DAYS and RETENTION_INTERVAL_MINUTES configure it; 30 days and hourly by default', () => {
		expect(loadConfig({ DATA_DIR: env.dir, ADMIN_TOKEN: 'x'.repeat(16) })).toMatchObject({
			retentionMs: 30 * DAY,
			retentionIntervalMs: 3600_000
		});
		expect(
			loadConfig({
				DATA_DIR: env.dir,
				ADMIN_TOKEN: 'x'.repeat(16),
				RETENTION_DAYS: '7',
				RETENTION_INTERVAL_MINUTES: '5'
			})
		).toMatchObject({
			retentionMs: 7 * DAY,
			retentionIntervalMs: 300_000
		});
		expect(() => loadConfig({ DATA_DIR: env.dir, ADMIN_TOKEN: 'x'.repeat(16), RETENTION_DAYS: '0' })).toThrow(
			/RETENTION_DAYS/
		);
	});
});
