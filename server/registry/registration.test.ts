// The registry registers only the truth: each forgery → its 4xx code and field path before any render; races decided by constraints; renders admitted per account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { contractNumber, type ContractRecord } from '../../src/lib/domain/contract';
import { DEMO_UNVERIFIED_ACCOUNT_ID, DEFAULT_VERIFICATION, demoFilings, demoOrders } from '../seed';
import {
	filingRecord,
	FIXED_NOW,
	frameworkRecord,
	makeEnv,
	orderRecord,
	PDF_SHA,
	SERVER_PDF,
	put,
	signIn,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let token: string;
let renders = 0;
/** While set, every render waits for it: lets a test hold renders in flight. */
let hold: Promise<void> | null = null;

beforeAll(async () => {
	env = await makeEnv({
		verifyDocument: async () => {
			renders++;
			if (hold) await hold;
			return SERVER_PDF;
		}
	});
	token = await signIn(env.app);
});
afterAll(async () => env.cleanup());

const register = (record: ContractRecord, tok = token, key?: string) =>
	put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: PDF_SHA }, { token: tok, key });
const stored = (id: string) =>
	(env.store.db.prepare('SELECT COUNT(*) AS n FROM contracts WHERE id = ?').get(id) as { n: number }).n;

/** A copy with one field set by dotted path; an order total follows its amounts so only the field under test is wrong. */
function forge(record: ContractRecord, path: string, value: unknown): ContractRecord {
	const copy = structuredClone(record) as unknown as Record<string, unknown>;
	const keys = path.split('.');
	let target = copy;
	for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
	target[keys.at(-1)!] = value;
	if (copy.kind === 'order')
		copy.totalFen = (copy.orders as { amountFen: number }[]).reduce((s, o) => s + o.amountFen, 0);
	if (path === 'createdAt') copy.number = contractNumber(String(copy.id), String(value), String(copy.templateVersion));
	return copy as unknown as ContractRecord;
}

const fresh = (record: ContractRecord): ContractRecord => {
	const id = randomUUID();
	return { ...record, id, number: contractNumber(id, record.createdAt, record.templateVersion) };
};

describe('registration checks every printed field against the provider records', () => {
	const orders = () => demoOrders(FIXED_NOW).filter((o) => o.status === 'paid');
	const genuine = {
		framework: () => fresh(frameworkRecord(env.config)),
		filing: () => fresh(filingRecord(env.config, demoFilings()[0]!)),
		// Each order contract takes its own orders: one order, one contract.
		order: (n: number) => fresh(orderRecord(env.config, orders().slice(n * 2, n * 2 + 2)))
	};

	it.each(['framework', 'filing', 'order'] as const)('a genuine %s contract → 201 effective', async (kind) => {
		const record = kind === 'order' ? genuine.order(0) : genuine[kind]();
		const res = await register(record);
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ contract: { id: record.id, status: 'effective' } });
	});

	const forgeries: [string, 'framework' | 'filing' | 'order' | 'oneOrder', string, unknown, number, string][] = [
		['order amount ¥0.01', 'order', 'orders.0.amountFen', 1, 422, 'orderMismatch'],
		['order amount 2^53−1 fen', 'oneOrder', 'orders.0.amountFen', Number.MAX_SAFE_INTEGER, 422, 'orderMismatch'],
		['made-up product', 'order', 'orders.1.product', '不存在的产品', 422, 'orderMismatch'],
		['made-up spec', 'order', 'orders.0.spec', '1024核', 422, 'orderMismatch'],
		['made-up billing mode', 'order', 'orders.0.billingMode', 'postpaid', 422, 'orderMismatch'],
		['made-up payment date', 'order', 'orders.0.paidAt', '2020-01-01T00:00:00+08:00', 422, 'orderMismatch'],
		['an order of nobody', 'order', 'orders.1.id', '99999999999999999999', 422, 'orderUnknown'],
		['a filing that is not the account’s', 'filing', 'filing.id', 'filing-of-someone-else', 422, 'filingUnknown'],
		[
			'the account’s filing with another number',
			'filing',
			'filing.filingNumber',
			'京ICP备99999999号',
			422,
			'filingMismatch'
		],
		[
			'the account’s filing with made-up domains',
			'filing',
			'filing.sites.0.domains',
			['evil.example.com'],
			422,
			'filingMismatch'
		],
		['a made-up site name', 'filing', 'filing.sites.0.name', '假网站', 422, 'filingMismatch'],
		['a made-up 备案单号', 'filing', 'filing.orderNumber', '999999999999', 422, 'filingMismatch'],
		['a made-up filing date', 'filing', 'filing.filedOn', '2001-01-01', 422, 'filingMismatch'],
		['a made-up legal representative', 'framework', 'partyA.legalRepresentative', '李四', 422, 'partyAMismatch'],
		['a made-up registered address', 'framework', 'partyA.registeredAddress', '北京市朝阳区', 422, 'partyAMismatch'],
		[
			'Party B with a made-up address',
			'framework',
			'partyB.registeredAddress',
			'上海市浦东新区',
			422,
			'partyBMismatch'
		],
		['createdAt in 2001', 'framework', 'createdAt', '2001-06-15T12:00:00+08:00', 422, 'createdBeforeVerification'],
		['createdAt in 2099', 'framework', 'createdAt', '2099-06-15T12:00:00+08:00', 422, 'createdInFuture'],
		[
			'a template version that does not exist',
			'framework',
			'templateVersion',
			'CD-FA-1999.9',
			422,
			'templateVersionUnknown'
		],
		['a number not derived from id and date', 'framework', 'number', 'HT-20260615-00000000', 422, 'numberMismatch']
	];

	it.each(forgeries)(
		'%s → refused at its field before any render; nothing stored',
		async (_name, kind, path, value, status, code) => {
			const base =
				kind === 'oneOrder'
					? fresh(orderRecord(env.config, orders().slice(30, 31)))
					: kind === 'order'
						? genuine.order(10)
						: genuine[kind]();
			const record = forge(base, path, value);
			const before = renders;
			const res = await register(record);
			expect(res.status).toBe(status);
			const body = (await res.json()) as { error: string; fields: Record<string, string[]> };
			expect(body.error).toBe(code);
			expect(body.fields[`record.${path}`]).toEqual([code]);
			expect(renders).toBe(before);
			expect(stored(record.id)).toBe(0);
		}
	);

	it('a replay of a registered contract is answered from the stored version, even after the identity changed', async () => {
		const record = genuine.framework();
		const key = randomUUID();
		expect((await register(record, token, key)).status).toBe(201);
		const demo = (await env.store.getAccount('acct-100001'))!;
		await env.store.verifyAccount({
			accountId: demo.id,
			details: { ...DEFAULT_VERIFICATION },
			now: new Date(FIXED_NOW).toISOString()
		});
		try {
			const replay = await register(record, token, key);
			expect(replay.status).toBe(201);
			expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
			// Another key, same content: the stored contract answers, no re-check against today's identity.
			expect((await register(record)).status).toBe(200);
			// A new contract with the old identity is refused now.
			const refusedNow = await register(genuine.framework());
			expect(await refusedNow.json()).toMatchObject({ error: 'partyAMismatch' });
		} finally {
			const {
				status: _s,
				accountId: _a,
				verifiedAt: _v,
				...details
			} = (demo.identity.status === 'verified' ? demo.identity : null)!;
			await env.store.verifyAccount({ accountId: demo.id, details, now: '2023-03-15T10:20:00+08:00' });
		}
	});
});

describe('races are decided by the registry’s constraints', () => {
	it('two contracts racing for the same order: exactly one effective, the other 409 orderAlreadyAttached naming it', async () => {
		// Two renders of one account at once, both past the cheap checks (nothing attached yet) and held in
		// the renderer: only the store's constraint can decide between them.
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const race = await makeEnv({
			env: { RENDERS_PER_ACCOUNT: '2' },
			verifyDocument: async () => (await gate, SERVER_PDF)
		});
		try {
			const raceToken = await signIn(race.app);
			const shared = demoOrders(FIXED_NOW)
				.filter((o) => o.status === 'paid')
				.slice(100, 102);
			const a = fresh(orderRecord(race.config, shared));
			const b = fresh(orderRecord(race.config, [shared[1]!]));
			const send = (r: ContractRecord) =>
				put(race.app, `/api/v1/contracts/${r.id}`, { record: r, pdfSha256: PDF_SHA }, { token: raceToken });
			const racing = [send(a), send(b)];
			await new Promise((r) => setTimeout(r, 50));
			release();
			const answers = await Promise.all(racing);
			expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
			const loser = answers.find((r) => r.status === 409)!;
			const winner = answers[0]!.status === 201 ? a : b;
			const body = (await loser.json()) as { error: string; message: string };
			expect(body.error).toBe('orderAlreadyAttached');
			expect(body.message).toContain(winner.number);
			const n = race.store.db
				.prepare(`SELECT COUNT(*) AS n FROM contract_orders WHERE order_id = ?`)
				.get(shared[1]!.id) as { n: number };
			expect(n.n).toBe(1);
		} finally {
			await race.cleanup();
		}
	});

	it('an order already in an effective contract → 409 orderAlreadyAttached with the contract number, before rendering', async () => {
		const [o] = demoOrders(FIXED_NOW)
			.filter((x) => x.status === 'paid')
			.slice(120, 121);
		const first = fresh(orderRecord(env.config, [o!]));
		expect((await register(first)).status).toBe(201);
		const before = renders;
		const second = fresh(orderRecord(env.config, [o!]));
		const res = await register(second);
		expect(res.status).toBe(409);
		const body = (await res.json()) as { error: string; message: string; fields: object };
		expect(body).toMatchObject({
			error: 'orderAlreadyAttached',
			fields: { 'record.orders.0.id': ['orderAlreadyAttached'] }
		});
		expect(body.message).toContain(first.number);
		expect(renders).toBe(before);
	});

	it('two ids whose printed numbers collide: one 201, one 409 numberTaken', async () => {
		const base = frameworkRecord(env.config);
		const digits = base.number.length - 'HT-20260615-'.length;
		const id1 = randomUUID();
		// Same leading hex digits as id1 (as many as the number prints), the rest differs.
		const hex1 = id1.replaceAll('-', '');
		const hex2 =
			hex1.slice(0, digits) + [...hex1.slice(digits)].map((c, i) => (i === 0 ? (c === 'a' ? 'b' : 'a') : c)).join('');
		const id2 = `${hex2.slice(0, 8)}-${hex2.slice(8, 12)}-${hex2.slice(12, 16)}-${hex2.slice(16, 20)}-${hex2.slice(20)}`;
		const r1 = { ...base, id: id1, number: contractNumber(id1, base.createdAt, base.templateVersion) };
		const r2 = { ...base, id: id2, number: contractNumber(id2, base.createdAt, base.templateVersion) };
		expect(r1.number).toBe(r2.number);
		expect((await register(r1)).status).toBe(201);
		const res = await register(r2);
		expect(res.status).toBe(409);
		expect(await res.json()).toMatchObject({ error: 'numberTaken', fields: { 'record.number': ['numberTaken'] } });
		expect(stored(id2)).toBe(0);
	});
});

describe('re-rendering is admitted per account and bounded in total', () => {
	it('a second concurrent render of one account → 429 Retry-After; another account still renders', async () => {
		const other = (await env.store.getAccount(DEMO_UNVERIFIED_ACCOUNT_ID))!;
		await env.store.verifyAccount({
			accountId: other.id,
			details: { ...DEFAULT_VERIFICATION },
			now: '2026-01-01T00:00:00+08:00'
		});
		const otherToken = await signIn(env.app, 'demo-unverified');
		let release!: () => void;
		hold = new Promise((r) => (release = r));
		try {
			const first = register(fresh(frameworkRecord(env.config)));
			await new Promise((r) => setTimeout(r, 20));
			const second = await register(fresh(frameworkRecord(env.config)));
			expect(second.status).toBe(429);
			expect(second.headers.get('Retry-After')).toBe('1');
			expect(await second.json()).toMatchObject({ error: 'tooManyRenders' });
			const theirs = register(fresh(frameworkRecord(env.config, { identity: DEFAULT_VERIFICATION })), otherToken);
			release();
			expect((await first).status).toBe(201);
			expect((await theirs).status).toBe(201);
		} finally {
			hold = null;
		}
	});

	it('a full render queue → 503 renderUnavailable with Retry-After', async () => {
		const tight = await makeEnv({
			env: { RENDER_QUEUE: '1' },
			verifyDocument: async () => {
				if (hold) await hold;
				return SERVER_PDF;
			}
		});
		try {
			const other = (await tight.store.getAccount(DEMO_UNVERIFIED_ACCOUNT_ID))!;
			await tight.store.verifyAccount({
				accountId: other.id,
				details: { ...DEFAULT_VERIFICATION },
				now: '2026-01-01T00:00:00+08:00'
			});
			let release!: () => void;
			hold = new Promise((r) => (release = r));
			const first = put(tight.app, `/api/v1/contracts/x`, {}, { token: 'none' }); // warm-up no-op (401)
			expect((await first).status).toBe(401);
			const a = fresh(frameworkRecord(tight.config));
			const pending = put(
				tight.app,
				`/api/v1/contracts/${a.id}`,
				{ record: a, pdfSha256: PDF_SHA },
				{ token: await signIn(tight.app) }
			);
			await new Promise((r) => setTimeout(r, 20));
			const b = fresh(frameworkRecord(tight.config, { identity: DEFAULT_VERIFICATION }));
			const res = await put(
				tight.app,
				`/api/v1/contracts/${b.id}`,
				{ record: b, pdfSha256: PDF_SHA },
				{ token: await signIn(tight.app, 'demo-unverified') }
			);
			expect(res.status).toBe(503);
			expect(res.headers.get('Retry-After')).toBe('2');
			release();
			expect((await pending).status).toBe(201);
		} finally {
			hold = null;
			await tight.cleanup();
		}
	});
});
