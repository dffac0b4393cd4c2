// Registration latency of one account, idle and while another account floods the registry with heavy registrations (real server, real renders).
import { pathToFileURL } from 'node:url';
import { contractNumber, type ContractRecord } from '../src/lib/domain/contract';
import { sha256Hex } from '../src/lib/domain/canonical';
import { partyAOf } from '../src/lib/domain/contractRules';
import type { VerifiedIdentity } from '../src/lib/domain/identity';
import type { Order } from '../src/lib/domain/order';
import { CURRENT_TEMPLATE_VERSION } from '../src/lib/domain/templateVersions';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import { DEFAULT_VERIFICATION } from '../server/seed';
import { startServerProcess } from './server-process';
import { median, type BenchRow } from './bench/stats';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const FLOOD = 20;
const ADMIN = 'bench-admin-token';
type Account = {
	token: string;
	identity: VerifiedIdentity;
	provider: { name: string; creditCode: string; registeredAddress: string; verifyOrigin: string };
	orders: Order[];
};

async function signIn(base: string, code: string): Promise<Account> {
	const { token } = (await (
		await fetch(`${base}/api/v1/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code })
		})
	).json()) as { token: string };
	const changes = (await (
		await fetch(`${base}/api/v1/changes`, { headers: { authorization: `Bearer ${token}` } })
	).json()) as Omit<Account, 'token'>;
	return { token, ...changes };
}

function record(a: Account, orders?: Order[]): ContractRecord {
	const id = globalThis.crypto.randomUUID();
	const createdAt = new Date().toISOString();
	const kind = orders ? 'order' : 'framework';
	const templateVersion = CURRENT_TEMPLATE_VERSION[kind];
	const base = {
		id,
		number: contractNumber(id, createdAt, templateVersion),
		templateVersion,
		createdAt,
		partyA: partyAOf(a.identity),
		partyB: {
			name: a.provider.name,
			creditCode: a.provider.creditCode,
			registeredAddress: a.provider.registeredAddress,
			verifyOrigin: a.provider.verifyOrigin
		},
		contact: { person: '王珺', phone: '13800138000', email: 'bench@example.com', mailingAddress: '深圳市南山区' }
	};
	if (!orders) return { kind: 'framework', ...base };
	const lines = orders.map(({ id: oid, product, spec, billingMode, amountFen, paidAt }) => ({
		id: oid,
		product,
		spec,
		billingMode,
		amountFen,
		paidAt
	}));
	return { kind: 'order', ...base, orders: lines, totalFen: lines.reduce((s, o) => s + o.amountFen, 0) };
}

function put(base: string, token: string, r: ContractRecord, pdfSha256: string): Promise<Response> {
	return fetch(`${base}/api/v1/contracts/${r.id}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': r.id },
		body: JSON.stringify({ record: r, pdfSha256 })
	});
}

/** Median latency of `RUNS` genuine registrations of one account, one after another; each must be 201. */
async function timedRegistrations(
	base: string,
	a: Account,
	fonts: Awaited<ReturnType<typeof loadContractFontsNode>>
): Promise<number> {
	const ms: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const r = record(a);
		const sha = await sha256Hex(await renderContractPdf(r, fonts));
		const t0 = performance.now();
		const res = await put(base, a.token, r, sha);
		ms.push(performance.now() - t0);
		if (res.status !== 201) throw new Error(`genuine registration answered ${res.status}: ${await res.text()}`);
	}
	return median(ms);
}

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
