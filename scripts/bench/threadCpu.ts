// CPU time of every Chromium thread on this machine, grouped by what it does, from /proc (Linux): who used the CPU during a span.
import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU per thread group, since each thread started. */
export type ThreadCpu = Map<string, number>;

/** A thread's group: its process type (the --type switch) and, inside a renderer, its job. */
function group(type: string, thread: string): string {
	if (type === 'browser') return 'browser process';
	if (type === 'gpu-process') return 'GPU process';
	if (type === 'utility') return 'utility processes (network, storage)';
	if (type !== 'renderer') return `${type} process`;
	if (thread === 'DedicatedWorker') return 'renderer: the render worker';
	if (thread === 'ServiceWorker') return 'renderer: service worker';
	if (thread.startsWith('ThreadPool')) return 'renderer: thread pool (V8 compilation, GC)';
	// The main thread carries the process's own name.
	if (/^(chromium|chrome|CrRendererMain)$/.test(thread)) return 'renderer: page main thread';
	return 'renderer: other threads (compositor, IO)';
}

function read(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		// The process or thread ended between listing and reading.
		return null;
	}
}

/** A snapshot of every Chromium thread's CPU time (schedstat: nanoseconds on the CPU), summed per group. */
export function chromiumThreadCpu(): ThreadCpu {
	const out: ThreadCpu = new Map();
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		if (!/^(chromium|chrome)/.test(read(`/proc/${pid}/comm`)?.trim() ?? '')) continue;
		const cmdline = read(`/proc/${pid}/cmdline`) ?? '';
		const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
		let tids: string[];
		try {
			tids = readdirSync(`/proc/${pid}/task`);
		} catch {
			continue;
		}
		for (const tid of tids) {
			const name = read(`/proc/${pid}/task/${tid}/comm`)?.trim();
			const ns = Number(read(`/proc/${pid}/task/${tid}/schedstat`)?.split(' ')[0]);
			if (!name || !Number.isFinite(ns)) continue;
			const key = group(type, name.replace(/\d+$/, ''));
			out.set(key, (out.get(key) ?? 0) + ns / 1e6);
		}
	}
	return out;
}

/** CPU per group between two snapshots (threads that ended in between are lost), and the total under 'all'. */
export function cpuBetween(before: ThreadCpu, after: ThreadCpu): ThreadCpu {
	const out: ThreadCpu = new Map([['all', 0]]);
	for (const [key, ms] of after) {
		const d = Math.max(0, ms - (before.get(key) ?? 0));
		out.set(key, d);
		out.set('all', out.get('all')! + d);
	}
	return out;
}
