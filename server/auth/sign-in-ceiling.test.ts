// The global ceiling on failed sign-ins: a per-minute count, a delay growing with the excess up to a bound, one log line a minute.
import { describe, expect, it } from 'vitest';
import { ceilingDelay, MemoryFailureRate, SignInCeiling } from './sign-in-ceiling';

describe('SignInCeiling', () => {
	it('counts the last minute only, delays by the excess up to the bound, and logs once a minute', async () => {
		const clock = { now: 1_000_000 };
		const logged: string[] = [];
		const ceiling = new SignInCeiling({
			options: { perMinute: 3, stepMs: 50, maxDelayMs: 120 },
			now: () => clock.now,
			log: (m) => logged.push(m)
		});
		const delays: number[] = [];
		for (let i = 0; i < 6; i++) {
			delays.push(await ceiling.failed());
			clock.now += 1_000;
		}
		expect(delays).toEqual([0, 0, 0, 50, 100, 120]);
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatch(/ceiling crossed: 4 failed sign-ins in the last minute/);
		// 61 s later the earlier failures have left the minute.
		clock.now += 61_000;
		expect(await ceiling.failed()).toBe(0);
		for (let i = 0; i < 3; i++) await ceiling.failed();
		// Over again, more than a minute after the last line: one more line.
		expect(logged).toHaveLength(2);
	});

	it('a count that cannot be taken answers at once (no 500), and says so', async () => {
		const logged: string[] = [];
		const ceiling = new SignInCeiling({
			rate: { record: () => Promise.reject(new Error('connection lost')) },
			options: { perMinute: 1 },
			log: (m) => logged.push(m)
		});
		expect(await ceiling.failed()).toBe(0);
		expect(logged[0]).toMatch(/could not count/);
	});

	it('the in-memory rate forgets seconds older than a minute', () => {
		const rate = new MemoryFailureRate();
		expect(rate.record(0)).toBe(1);
		expect(rate.record(59_999)).toBe(2);
		expect(rate.record(60_000)).toBe(2);
		expect(ceilingDelay(10, { perMinute: 10, stepMs: 100, maxDelayMs: 1_000 })).toBe(0);
		expect(ceilingDelay(11, { perMinute: 10, stepMs: 100, maxDelayMs: 1_000 })).toBe(100);
	});
});
