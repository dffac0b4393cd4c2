// The worker pool: results and errors cross threads, a dead or stuck worker fails only its job and is replaced.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, WorkerUnavailableError } from './worker-pool';
import type { FixtureJob } from '../../tests/support/processes/worker-pool-echo';

const FIXTURE = new URL('../../tests/support/processes/worker-pool-echo.ts', import.meta.url);
type Out = { echo?: string; threadId: number };

let pool: WorkerPool<FixtureJob, Out> | undefined;
const makePool = (size: number, timeoutMs?: number) =>
	(pool = new WorkerPool<FixtureJob, Out>({ module: FIXTURE, size, timeoutMs, log: () => {} }));
afterEach(async () => {
	await pool?.close();
	pool = undefined;
});

describe('WorkerPool', () => {
	it('runs queued jobs on all its workers and answers each with its own result', async () => {
		const p = makePool(2);
		const results = await Promise.all(Array.from({ length: 6 }, (_, i) => p.run({ echo: `job ${i}`, busyMs: 30 })));
		expect(results.map((r) => r.echo)).toEqual(Array.from({ length: 6 }, (_, i) => `job ${i}`));
		expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
	});

	it('an error thrown by the job rejects with its name and message, and the worker lives on', async () => {
		const p = makePool(1);
		const first = (await p.run({ echo: 'a' })).threadId;
		const err = await p.run({ throw: 'no glyph' }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(Error);
		expect(err).not.toBeInstanceOf(WorkerUnavailableError);
		expect(err).toMatchObject({ name: 'RangeError', message: 'no glyph' });
		expect((await p.run({ echo: 'b' })).threadId).toBe(first);
	});

	it('a crashed worker rejects its job as unavailable and a new worker takes the next', async () => {
		const p = makePool(1);
		const first = (await p.run({ echo: 'a' })).threadId;
		// Queued behind the crash: must run on the replacement, not be lost with the dead worker.
		const [crashed, next] = await Promise.allSettled([p.run({ exit: 3 }), p.run({ echo: 'after' })]);
		expect(crashed.status === 'rejected' && crashed.reason).toBeInstanceOf(WorkerUnavailableError);
		expect(next).toMatchObject({ status: 'fulfilled', value: { echo: 'after' } });
		expect(next.status === 'fulfilled' && next.value.threadId).not.toBe(first);
	});

	it('a job that does not answer in time fails as unavailable; its worker is replaced', async () => {
		const p = makePool(1, 300);
		const err = await p.run({ hang: true }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(WorkerUnavailableError);
		expect(await p.run({ echo: 'ok' })).toMatchObject({ echo: 'ok' });
	});

	it('close rejects running and queued jobs, and later runs', async () => {
		const p = makePool(1);
		const running = p.run({ busyMs: 200 }).catch((e: unknown) => e);
		const queued = p.run({ echo: 'never' }).catch((e: unknown) => e);
		await p.close();
		expect(await running).toBeInstanceOf(WorkerUnavailableError);
		expect(await queued).toBeInstanceOf(WorkerUnavailableError);
		expect(await p.run({ echo: 'late' }).catch((e: unknown) => e)).toBeInstanceOf(WorkerUnavailableError);
	});

	it('idle workers do not keep the process alive', async () => {
		// A script that uses a pool and never closes it must still exit on its own once the job is answered.
		const script = `
			import { WorkerPool } from ${JSON.stringify(new URL('./worker-pool.ts', import.meta.url).href)};
			const pool = new WorkerPool({ module: new URL(${JSON.stringify(FIXTURE.href)}), size: 2 });
			console.log(JSON.stringify(await pool.run({ echo: 'done', busyMs: 50 })));`;
		const { stdout } = await promisify(execFile)(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', script],
			{
				timeout: 20_000
			}
		);
		expect(JSON.parse(stdout)).toMatchObject({ echo: 'done' });
	});
});
