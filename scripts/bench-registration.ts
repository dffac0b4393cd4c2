// Registration latency of one account, idle and while another account floods the registry with heavy registrations (real server, real renders).
import { pathToFileURL } from 'node:url';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { DEFAULT_VERIFICATION } from '../server/seed';
import { startServerProcess } from './server-process';
import { put, record, signIn, timedRegistrations } from './bench/registrant';
import type { BenchRow } from './bench/stats';

const FLOOD = 20;
const ADMIN = 'bench-admin-token';

/** One configuration: idle latency, then the same while the other account floods with heavy registrations. */
async function scenario(
	env: Record<string, string>
): Promise<{ idle: number; flooded: number; answers: Record<number, number> }> {
	const server = await startServerProcess({ STATIC_DIR: '/nonexistent', ADMIN_TOKEN: ADMIN, ...env });
	try {
		const verified = await fetch(`${server.base}/api/v1/admin/accounts/acct-100002/verify`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
			body: JSON.stringify(DEFAULT_VERIFICATION)
		});
		if (!verified.ok) throw new Error(`verify answered ${verified.status}`);
		const flooder = await signIn(server.base, 'demo');
		const victim = await signIn(server.base, 'demo-unverified');
		const fonts = await loadContractFontsNode();
		// Warm the render workers (fonts loaded, code compiled) before timing anything.
		await timedRegistrations(server.base, victim, fonts);
		const idle = await timedRegistrations(server.base, victim, fonts);

		// Heavy: every paid order in one contract, a fingerprint that passes every cheap check and fails only after a render.
		const paid = flooder.orders.filter((o) => o.status === 'paid');
		const answers: Record<number, number> = {};
		let flooding = true;
		const flood = (async () => {
			while (flooding) {
				const batch = await Promise.all(
					Array.from({ length: FLOOD }, () => put(server.base, flooder.token, record(flooder, paid), 'b'.repeat(64)))
				);
				// No back-off: the flooder ignores Retry-After and sends the next 20 at once.
				for (const res of batch) {
					answers[res.status] = (answers[res.status] ?? 0) + 1;
					await res.arrayBuffer();
				}
			}
		})();
		await new Promise((r) => setTimeout(r, 300));
		const flooded = await timedRegistrations(server.base, victim, fonts);
		flooding = false;
		await flood;
		return { idle, flooded, answers };
	} finally {
		await server.stop();
	}
}

export async function runRegistrationBench(): Promise<BenchRow[]> {
	const gated = await scenario({});
	const open = await scenario({ RENDERS_PER_ACCOUNT: '1000', RENDER_QUEUE: '1000' });
	const fmt = (a: Record<number, number>) =>
		Object.entries(a)
			.map(([s, n]) => `${n}×${s}`)
			.join(' ');
	console.log(`registration flood answers — gated: ${fmt(gated.answers)}; without admission: ${fmt(open.answers)}`);
	return [
		{ name: 'registration: another account, idle (median)', value: gated.idle, unit: 'ms' },
		{
			name: `registration: another account, during a ${FLOOD}-request heavy flood`,
			value: gated.flooded,
			unit: 'ms',
			target: `≤ 2× idle (${(2 * gated.idle).toFixed(0)} ms)`
		},
		{ name: 'registration: flood / idle ratio', value: gated.flooded / gated.idle, unit: '×', target: '≤ 2' },
		{ name: 'registration without admission (baseline): idle', value: open.idle, unit: 'ms' },
		{ name: 'registration without admission (baseline): during the flood', value: open.flooded, unit: 'ms' },
		{
			name: 'registration without admission (baseline): flood / idle ratio',
			value: open.flooded / open.idle,
			unit: '×'
		}
	];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const rows = await runRegistrationBench();
	const width = Math.max(...rows.map((r) => r.name.length));
	for (const r of rows)
		console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(8)} ${r.unit}  ${r.target ?? ''}`);
}
