// Test fixtures for the server tests: a temp SQLite store per suite, an app with a controllable clock, sample records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { contractNumber, type ContractRecord } from '../../../src/lib/domain/contract';
import { CURRENT_TEMPLATE_VERSION } from '../../../src/lib/domain/templateVersions';
import type { Filing } from '../../../src/lib/domain/filing';
import type { VerifiedIdentity } from '../../../src/lib/domain/identity';
import type { Order } from '../../../src/lib/domain/order';
import type { StampingSubmission } from '../../../src/lib/domain/stamping';
import { createApp, type AppDeps } from '../../../server/app';
import type { VerifyDocument } from '../../../server/registry/registration';
import { loadConfig, type Config } from '../../../server/config';
import type { RenderDocument } from '../../../server/render/contract-document';
import { DEMO_IDENTITY, seedIfEmpty } from '../../../server/seed';
import { openSqliteStore, type SqliteStore } from '../../../server/store/index';

export const ADMIN_TOKEN = 'test-admin-token';
export const FIXED_NOW = Date.parse('2026-06-15T04:00:00Z');
export const PDF_SHA = 'a'.repeat(64);
/** What a fake renderer "renders": the bytes a registration stores when the check passes. */
export const SERVER_PDF = new TextEncoder().encode('%PDF-1.3 the server rendering');

export interface TestEnv {
	dir: string;
	store: SqliteStore;
	config: Config;
	app: ReturnType<typeof createApp>;
	clock: { now: number };
	cleanup: () => Promise<void>;
}

export async function makeEnv(
	opts: {
		verifyDocument?: VerifyDocument;
		renderDocument?: RenderDocument;
		staticDir?: string | null;
		env?: NodeJS.ProcessEnv;
	} = {}
): Promise<TestEnv> {
	const dir = mkdtempSync(join(tmpdir(), 'contract-desk-test-'));
	const store = openSqliteStore(dir);
	await seedIfEmpty(store, FIXED_NOW);
	const config = loadConfig({ DATA_DIR: dir, ADMIN_TOKEN, ...opts.env });
	const clock = { now: FIXED_NOW };
	const deps: AppDeps = {
		store,
		config,
		verifyDocument: opts.verifyDocument,
		renderDocument: opts.renderDocument,
		staticDir: opts.staticDir ?? null,
		now: () => clock.now,
		log: () => {}
	};
	const app = createApp(deps);
	return {
		dir,
		store,
		config,
		app,
		clock,
		cleanup: async () => {
			await store.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export async function signIn(app: TestEnv['app'], code = 'demo'): Promise<string> {
	const res = await app.request('/api/v1/session', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ code })
	});
	if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
	return ((await res.json()) as { token: string }).token;
}

export function auth(token: string, extra: Record<string, string> = {}): Record<string, string> {
	return { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra };
}

export async function put(
	app: TestEnv['app'],
	path: string,
	body: unknown,
	opts: { token: string; key?: string | null }
): Promise<Response> {
	const key = opts.key === undefined ? randomUUID() : opts.key;
	return app.request(path, {
		method: 'PUT',
		headers: auth(opts.token, key === null ? {} : { 'Idempotency-Key': key }),
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

export function frameworkRecord(
	config: Config,
	opts: { id?: string; identity?: Omit<VerifiedIdentity, 'status' | 'accountId' | 'verifiedAt'>; person?: string } = {}
): ContractRecord {
	const id = opts.id ?? randomUUID();
	const createdAt = '2026-06-15T12:00:00+08:00';
	const who = opts.identity ?? DEMO_IDENTITY;
	return {
		kind: 'framework',
		id,
		number: contractNumber(id, createdAt, CURRENT_TEMPLATE_VERSION.framework),
		templateVersion: CURRENT_TEMPLATE_VERSION.framework,
		createdAt,
		partyA: {
			name: who.legalName,
			creditCode: who.creditCode,
			legalRepresentative: who.legalRepresentative,
			registeredAddress: who.registeredAddress
		},
		partyB: {
			name: config.provider.name,
			creditCode: config.provider.creditCode,
			registeredAddress: config.provider.registeredAddress,
			verifyOrigin: config.provider.verifyOrigin
		},
		contact: {
			person: opts.person ?? '张喆',
			phone: '13800138000',
			email: 'contracts@zhekun.cn',
			mailingAddress: '广东省深圳市南山区高新南七道18号'
		}
	};
}

export function orderRecord(config: Config, orders: Order[]): ContractRecord {
	const base = frameworkRecord(config);
	const lines = orders.map(({ id, product, spec, billingMode, amountFen, paidAt }) => ({
		id,
		product,
		spec,
		billingMode,
		amountFen,
		paidAt
	}));
	const { kind: _kind, ...rest } = base;
	// Each kind has its own template version since 2026.2, and the version sets the number's length.
	const templateVersion = CURRENT_TEMPLATE_VERSION.order;
	const number = contractNumber(rest.id, rest.createdAt, templateVersion);
	return {
		...rest,
		number,
		templateVersion,
		kind: 'order',
		orders: lines,
		totalFen: lines.reduce((s, o) => s + o.amountFen, 0)
	};
}

export function filingRecord(config: Config, filing: Filing): ContractRecord {
	const { kind: _kind, ...rest } = frameworkRecord(config);
	const { status: _status, updatedAt: _updated, ...snapshot } = filing;
	const templateVersion = CURRENT_TEMPLATE_VERSION.filing;
	const number = contractNumber(rest.id, rest.createdAt, templateVersion);
	return { ...rest, number, templateVersion, kind: 'filing', filing: structuredClone(snapshot) };
}

export const RETURN_ADDRESS: StampingSubmission['returnAddress'] = {
	recipient: '张喆',
	phone: '0755-86001234',
	province: '广东省',
	city: '深圳市',
	district: '南山区',
	address: '高新南七道18号喆堃大厦12层',
	postalCode: '518057'
};
