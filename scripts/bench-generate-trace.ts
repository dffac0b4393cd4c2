// Takes a Chromium trace of one generation apart: each long task of the page's main thread, its wall and CPU time (the phone cgroup's throttling is the difference), what ran in it, and the hottest functions the CPU profiler sampled there.

/** Enough for tasks, their contents, the CPU profile and the app's User Timing spans. */
export const TRACE_CATEGORIES = [
	'toplevel',
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8.execute',
	'v8',
	'blink',
	'blink.user_timing',
	'loading',
	'disabled-by-default-v8.cpu_profiler'
];

/**
 * `--jit`: V8's compile and deoptimization events instead of the CPU profile, whose start makes V8 log and compile
 * code again and so hides the very tiering these are for.
 */
export const JIT_TRACE_CATEGORIES = [
	...TRACE_CATEGORIES.filter((c) => !c.includes('cpu_profiler')),
	'disabled-by-default-v8.compile'
];

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; parent?: number };
export type TraceEvent = {
	name: string;
	cat?: string;
	ph: string;
	pid: number;
	tid: number;
	ts: number;
	dur?: number;
	tdur?: number;
	id?: string;
	args?: {
		name?: string;
		data?: {
			functionName?: string;
			url?: string;
			startTime?: number;
			cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
			timeDeltas?: number[];
		};
	};
};
export type Trace = { traceEvents: TraceEvent[] } | TraceEvent[];

const LONG_US = 50_000;
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/** Samples (µs timestamps and their leaf node) per profiled thread. */
function samplesOf(
	events: TraceEvent[]
): Map<string, { ts: number; node: ProfileNode; nodes: Map<number, ProfileNode> }[]> {
	const profiles = new Map<string, { thread: string; time: number; nodes: Map<number, ProfileNode> }>();
	const out = new Map<string, { ts: number; node: ProfileNode; nodes: Map<number, ProfileNode> }[]>();
	for (const e of events) {
		if (e.ph !== 'P' || !e.id) continue;
		const key = `${e.pid}:${e.id}`;
		if (e.name === 'Profile') {
			profiles.set(key, { thread: `${e.pid}:${e.tid}`, time: e.args?.data?.startTime ?? e.ts, nodes: new Map() });
		} else if (e.name === 'ProfileChunk') {
			const p = profiles.get(key);
			if (!p) continue;
			for (const n of e.args?.data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
			const samples = e.args?.data?.cpuProfile?.samples ?? [];
			const deltas = e.args?.data?.timeDeltas ?? [];
			const list = out.get(p.thread) ?? [];
			out.set(p.thread, list);
			samples.forEach((id, i) => {
				p.time += deltas[i] ?? 0;
				const node = p.nodes.get(id);
				if (node) list.push({ ts: p.time, node, nodes: p.nodes });
			});
		}
	}
	return out;
}

function frameName(f: CallFrame): string {
	const file = (f.url ?? '').split('/').at(-1) ?? '';
	return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
}

function outermost(tasks: TraceEvent[]): TraceEvent[] {
	const sorted = [...tasks].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
	const out: TraceEvent[] = [];
	let end = -Infinity;
	for (const t of sorted) {
		if (t.ts < end) continue;
		out.push(t);
		end = t.ts + (t.dur ?? 0);
	}
	return out;
}

/**
 * The longest main-thread task of the trace by its CPU time (thread time): on the phone cgroup a task's wall time also
 * counts the stalls of the group's CPU quota (up to the rest of a 100 ms period), which a phone's core does not have.
 */
export function longestTaskCpu(trace: Trace): { cpuMs: number; wallMs: number } {
	const events = Array.isArray(trace) ? trace : trace.traceEvents;
	const mains = new Set(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	// From the click's task on (it holds the generation's first span), leaving out the profiler's own start-up.
	const from = Math.min(...events.filter((e) => e.name === 'cd:generate:prepare').map((e) => e.ts));
	const profilerStarts = events.filter((e) => e.name === 'CpuProfiler::StartProfiling');
	const tasks = events.filter(
		(e) =>
			e.ph === 'X' &&
			TASK_NAMES.has(e.name) &&
			mains.has(`${e.pid}:${e.tid}`) &&
			e.ts + (e.dur ?? 0) >= from &&
			!profilerStarts.some((p) => p.pid === e.pid && p.tid === e.tid && p.ts >= e.ts && p.ts < e.ts + (e.dur ?? 0))
	);
	let best = { cpuMs: 0, wallMs: 0 };
	for (const t of tasks)
		if ((t.tdur ?? 0) / 1000 > best.cpuMs) best = { cpuMs: (t.tdur ?? 0) / 1000, wallMs: (t.dur ?? 0) / 1000 };
	return best;
}

/** One line per long main-thread task (and its contents, indented), in time order. */
export function describeLongTasks(trace: Trace): string[] {
	const events = Array.isArray(trace) ? trace : trace.traceEvents;
	const mains = new Set(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	const byThread = new Map<string, TraceEvent[]>();
	for (const e of events) {
		if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
		const key = `${e.pid}:${e.tid}`;
		const list = byThread.get(key) ?? [];
		byThread.set(key, list);
		list.push(e);
	}
	const samples = samplesOf(events);
	const t0 = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
	const lines: string[] = [];
	for (const [thread, list] of byThread) {
		// The outermost task only (a RunTask inside ThreadControllerImpl::RunTask is the same task).
		const tasks = outermost(list.filter((e) => TASK_NAMES.has(e.name))).filter((e) => (e.dur ?? 0) >= LONG_US);
		for (const task of tasks) {
			const end = task.ts + (task.dur ?? 0);
			const cpu = task.tdur === undefined ? '?' : (task.tdur / 1000).toFixed(0);
			lines.push(
				`long task at +${((task.ts - t0) / 1000).toFixed(0)} ms: ${((task.dur ?? 0) / 1000).toFixed(0)} ms wall, ${cpu} ms CPU`
			);
			// What ran inside, by name (a function call by its function), inclusive times, the biggest first.
			const inside = new Map<string, number>();
			for (const e of list) {
				if (e === task || e.ts < task.ts || e.ts >= end || TASK_NAMES.has(e.name)) continue;
				const d = e.args?.data;
				const name =
					d?.functionName || d?.url ? `${e.name}(${d.functionName ?? ''} ${(d.url ?? '').split('/').at(-1)})` : e.name;
				inside.set(name, (inside.get(name) ?? 0) + (e.dur ?? 0));
			}
			for (const [name, us] of [...inside].sort((a, b) => b[1] - a[1]).slice(0, 8))
				if (us >= 1000) lines.push(`    ${(us / 1000).toFixed(1).padStart(6)} ms  ${name}`);
			// The profiler's view: self time by function, and the app's deepest frame under each sample.
			const within = (samples.get(thread) ?? []).filter((s) => s.ts >= task.ts && s.ts < end);
			const self = new Map<string, number>();
			const app = new Map<string, number>();
			for (const s of within) {
				self.set(frameName(s.node.callFrame), (self.get(frameName(s.node.callFrame)) ?? 0) + 1);
				let n: ProfileNode | undefined = s.node;
				const stack: string[] = [];
				while (n) {
					if ((n.callFrame.url ?? '').includes('/_app/')) stack.push(frameName(n.callFrame));
					n = n.parent === undefined ? undefined : s.nodes.get(n.parent);
				}
				const key = stack.slice(0, 3).join(' < ') || '(no app frame)';
				app.set(key, (app.get(key) ?? 0) + 1);
			}
			if (within.length) {
				lines.push(`    ${within.length} samples; self:`);
				for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 8))
					lines.push(`      ${String(n).padStart(4)}  ${name}`);
				lines.push('    app stacks (deepest first):');
				for (const [name, n] of [...app].sort((a, b) => b[1] - a[1]).slice(0, 8))
					lines.push(`      ${String(n).padStart(4)}  ${name}`);
			}
		}
	}
	return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { readFileSync } = await import('node:fs');
	for (const file of process.argv.slice(2)) {
		console.log(file);
		const trace = JSON.parse(readFileSync(file, 'utf8')) as Trace;
		for (const line of describeLongTasks(trace)) console.log(`  ${line}`);
		console.log(`  longest page task by CPU from the click: ${JSON.stringify(longestTaskCpu(trace))}`);
	}
}

const JIT_EVENTS: Record<string, string> = {
	'V8.MaglevConcurrentPrepare': 'Maglev jobs',
	'V8.OptimizeConcurrentPrepare': 'TurboFan jobs',
	'V8.DeoptimizeCode': 'deoptimizations'
};

/**
 * What V8's tiering did during the trace: optimizing jobs and deoptimizations per thread (the page, the render worker),
 * and the background threads' compile time, which shares the phone's CPU with everything else. Needs JIT_TRACE_CATEGORIES.
 */
export function describeJit(trace: Trace): string[] {
	const events = Array.isArray(trace) ? trace : trace.traceEvents;
	const threads = new Map(
		events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? ''])
	);
	const counts = new Map<string, number>();
	let backgroundMs = 0;
	for (const e of events) {
		const thread = threads.get(`${e.pid}:${e.tid}`) ?? '';
		const what = JIT_EVENTS[e.name];
		if (what && (thread === 'CrRendererMain' || thread === 'DedicatedWorker thread')) {
			const key = `${thread === 'CrRendererMain' ? 'page' : 'render worker'}: ${what}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		if (thread.startsWith('ThreadPool') && (e.name === 'V8.MaglevTask' || e.name === 'V8.TurbofanTask'))
			backgroundMs += (e.dur ?? 0) / 1000;
	}
	return [
		...[...counts].sort().map(([k, n]) => `${k} ${n}`),
		`background compilation ${backgroundMs.toFixed(0)} ms wall`
	];
}
