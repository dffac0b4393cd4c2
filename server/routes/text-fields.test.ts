// Every string a client sends is checked on the server too: a lone surrogate, a C0/C1 control or a noncharacter in any field → 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFilings, demoOrders } from '../seed';
import {
	frameworkRecord,
	makeEnv,
	orderRecord,
	put,
	RETURN_ADDRESS,
	signIn,
	PDF_SHA,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let token: string;
beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
});
afterAll(async () => env.cleanup());

/** Dotted paths of every string leaf of a JSON value. */
function stringPaths(value: unknown, prefix: string[] = []): string[][] {
	if (typeof value === 'string') return [prefix];
	if (Array.isArray(value)) return value.slice(0, 2).flatMap((v, i) => stringPaths(v, [...prefix, String(i)]));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
	return [];
}

function withBad(value: unknown, path: string[], bad: string): unknown {
	const copy = structuredClone(value) as Record<string, unknown>;
	let node = copy as Record<string, unknown>;
	for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
	const last = path.at(-1)!;
	const s = node[last] as string;
	// In the middle, so trimming cannot remove it.
	node[last] = s.slice(0, 1) + bad + s.slice(1);
	return copy;
}

const BAD = { loneSurrogate: '\ud800', control: '\u0007', c1: '\u009b', nonCharacter: '\uffff' };

describe('malformed text in each field → 400 with the field path', () => {
	const bodies = () => {
		const framework = frameworkRecord(env.config);
		const { kind: _k, ...rest } = frameworkRecord(env.config);
		const { status: _s, updatedAt: _u, ...filing } = demoFilings()[0]!;
		const filingRecord = { ...rest, kind: 'filing', filing };
		const order = orderRecord(env.config, demoOrders(Date.parse('2026-06-15T04:00:00Z')).slice(0, 2));
		return [framework, filingRecord, order].map((record) => ({ record, pdfSha256: PDF_SHA }));
	};

	it('PUT /contracts/:id: every string of every contract kind', async () => {
		let checked = 0;
		for (const body of bodies()) {
			const id = (body.record as { id: string }).id;
			for (const path of stringPaths(body)) {
				if (path[0] === 'pdfSha256' || path.join('.') === 'record.kind') continue;
				for (const [name, bad] of Object.entries(BAD)) {
					const res = await put(env.app, `/api/v1/contracts/${id}`, withBad(body, path, bad), { token });
					const json = (await res.json()) as { fields?: Record<string, string[]> };
					expect(res.status, `${path.join('.')} ${name}`).toBe(400);
					expect(Object.keys(json.fields ?? {}), `${path.join('.')} ${name}`).toContain(path.join('.'));
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(150);
	});

	it('PUT /contracts/:id/stamping: every field of the return address and the parcel, named with its reason', async () => {
		const body = { returnAddress: RETURN_ADDRESS, outbound: { courier: '顺丰速运', trackingNumber: 'SF1234567890' } };
		for (const path of stringPaths(body)) {
			for (const [name, bad] of Object.entries(BAD)) {
				const res = await put(env.app, `/api/v1/contracts/${crypto.randomUUID()}/stamping`, withBad(body, path, bad), {
					token
				});
				const json = (await res.json()) as { fields?: Record<string, string[]> };
				expect(res.status, `${path.join('.')} ${name}`).toBe(400);
				expect(Object.keys(json.fields ?? {})).toContain(path.join('.'));
			}
		}
		const res = await put(
			env.app,
			`/api/v1/contracts/${crypto.randomUUID()}/stamping`,
			withBad(body, ['returnAddress', 'address'], '\ud800'),
			{ token }
		);
		expect(((await res.json()) as { fields: Record<string, string[]> }).fields['returnAddress.address']).toContain(
			'loneSurrogate'
		);
	});

	it('the reported case: "a\\ud800b" as a return address is refused, nothing is stored', async () => {
		const res = await put(
			env.app,
			`/api/v1/contracts/${crypto.randomUUID()}/stamping`,
			{ returnAddress: { ...RETURN_ADDRESS, address: 'a\ud800b' } },
			{ token }
		);
		expect(res.status).toBe(400);
		expect((env.store.db.prepare(`SELECT COUNT(*) AS n FROM stamping_requests`).get() as { n: number }).n).toBe(0);
	});

	it('POST /session refuses it as well', async () => {
		const res = await env.app.request('/api/v1/session', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ code: 'de\ud800mo' })
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ fields: { code: ['loneSurrogate'] } });
	});
});
