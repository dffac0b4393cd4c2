// Worker module for server/render/worker-pool.test.ts: echoes, throws, hangs or dies on request.
import { threadId } from 'node:worker_threads';
import { serveJobs } from '../../../server/render/worker-pool';

export type FixtureJob = { echo?: string; throw?: string; exit?: number; hang?: boolean; busyMs?: number };

serveJobs(async (job: FixtureJob) => {
	if (job.exit !== undefined) process.exit(job.exit);
	if (job.throw !== undefined) throw new RangeError(job.throw);
	if (job.hang) await new Promise(() => {});
	if (job.busyMs) {
		const end = Date.now() + job.busyMs;
		while (Date.now() < end); // blocks this worker's thread only, like a render
	}
	return { echo: job.echo, threadId };
});
