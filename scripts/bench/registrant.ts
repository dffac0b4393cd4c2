// One account's side of the registry benches: sign in and read its data, make a genuine record, register it, time registrations.
import { contractNumber, type ContractRecord } from '../../src/lib/domain/contract';
import { sha256Hex } from '../../src/lib/domain/canonical';
import { partyAOf } from '../../src/lib/domain/contractRules';
import type { VerifiedIdentity } from '../../src/lib/domain/identity';
import type { Order } from '../../src/lib/domain/order';
import { CURRENT_TEMPLATE_VERSION } from '../../src/lib/domain/templateVersions';
import type { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { median } from './stats';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));

export type Account = {
	token: string;
	identity: VerifiedIdentity;
	provider: { name: string; creditCode: string; registeredAddress: string; verifyOrigin: string };
	orders: Order[];
};

export async function signIn(base: string, code: string): Promise<Account> {
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

export function record(a: Account, orders?: Order[]): ContractRecord {
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

export function put(base: string, token: string, r: ContractRecord, pdfSha256: string): Promise<Response> {
	return fetch(`${base}/api/v1/contracts/${r.id}`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': r.id },
		body: JSON.stringify({ record: r, pdfSha256 })
	});
}

/** Median latency of `RUNS` genuine registrations of one account, one after another; each must be 201. */
export async function timedRegistrations(
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
