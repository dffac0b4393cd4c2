// A fresh device restores the account from the server (in-process app + SQLite): paged, resumable, merged, documents byte for byte.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetDb, getDb, ContractDeskDB, DB_NAME } from '../../src/lib/db/database';
import { openAtVersion } from '../support/lib/db/migration-harness';
import { getMeta, META, setMeta, type PullProgress, type Session, type StorageFull } from '../../src/lib/db/meta';
import { LATEST_VERSION } from '../../src/lib/db/schema';
import { attachedOrders, saveGeneratedContract } from '../../src/lib/db/contracts';
import { canonicalJson } from '../../src/lib/domain/canonical';
import type { ContractRecord } from '../../src/lib/domain/contract';
import { signIn as deviceSignIn, signOut } from '../../src/lib/features/account/session';
import { downloadDocuments, retryDocument } from '../../src/lib/sync/documents';
import { pull } from '../../src/lib/sync/pull';
import { DEMO_ACCOUNT_ID, demoOrders } from '../../server/seed';
import {
	auth,
	FIXED_NOW,
	frameworkRecord,
	makeEnv,
	orderRecord,
	put,
	RETURN_ADDRESS,
	signIn,
	type TestEnv
} from '../support/server/app';
import { clearSessionExpiry } from '../../src/lib/sync/session-expiry';

let env: TestEnv;
let serial = 0;
/** Requests the device made, for the assertions on paging and downloads. */
let requests: string[] = [];
/** Lets a test break or alter the server's answers. */
let intercept: ((path: string, init?: RequestInit) => Promise<Response | undefined> | Response | undefined) | undefined;

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const pdfOf = (id: string) => new TextEncoder().encode(`%PDF-1.7 document of ${id} ${'x'.repeat(200)}`);

function uniqueRecord(): ContractRecord {
	const hex = (serial++).toString(16).padStart(8, '0');
	return frameworkRecord(env.config, { id: `${hex}${randomUUID().slice(8)}` });
}

async function registerOnServer(record: ContractRecord, opts: { pdf?: Uint8Array | null } = {}): Promise<Uint8Array> {
	const pdf = opts.pdf === undefined ? pdfOf(record.id) : opts.pdf;
	const bytes = pdf ?? pdfOf(record.id);
	const r = await env.store.registerContract({
		accountId: DEMO_ACCOUNT_ID,
		record,
		pdfSha256: sha(bytes),
		pdf: pdf ?? undefined,
		now: new Date(FIXED_NOW).toISOString()
	});
	expect(r.kind).toBe('created');
	return bytes;
}

async function freshDevice(token: string): Promise<void> {
	await getDb().delete();
	forgetDb();
	clearSessionExpiry();
	await setMeta(META.session, { token, accountId: DEMO_ACCOUNT_ID } satisfies Session);
}

let token: string;

beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
});
afterAll(() => env.cleanup());

beforeEach(async () => {
	requests = [];
	intercept = undefined;
	vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
		const path = String(input);
		requests.push(`${init?.method ?? 'GET'} ${path}`);
		const replaced = await intercept?.(path, init);
		return replaced ?? env.app.request(path, init);
	});
	await freshDevice(token);
});
afterEach(() => {
	vi.unstubAllGlobals();
	getDb().close();
});

describe('restoring a fresh device', () => {
	it('pages every registered contract in, one transaction per page, then downloads each document with its SHA-256 checked', async () => {
		const records = Array.from({ length: 45 }, uniqueRecord);
		const pdfs = new Map<string, Uint8Array>();
		for (const r of records) pdfs.set(r.id, await registerOnServer(r));
		// A paper copy with provider events, made on "another device".
		const stamped = records[0]!.id;
		expect(
			(await put(env.app, `/api/v1/contracts/${stamped}/stamping`, { returnAddress: RETURN_ADDRESS }, { token })).status
		).toBe(201);
		await env.store.addStampingEvent({ contractId: stamped, kind: 'received', now: '2026-06-16T02:00:00.000Z' });

		await pull({ limit: 10 });
		const db = getDb();
		const changeCalls = requests.filter((r) => r.includes('/changes'));
		expect(changeCalls.length).toBeGreaterThanOrEqual(5);
		expect(changeCalls.slice(1).every((r) => r.includes('page='))).toBe(true);
		expect(await db.contracts.count()).toBeGreaterThanOrEqual(45);
		for (const r of records) {
			const row = await db.contracts.get(r.id);
			expect(row).toMatchObject({
				number: r.number,
				status: 'effective',
				pdfSha256: sha(pdfs.get(r.id)!),
				contentHash: sha(canonicalJson(r))
			});
		}
		expect(await getMeta(META.pullPage)).toBeUndefined();
		expect(await getMeta<string>(META.cursor)).toMatch(/^\d+$/);
		expect(await db.stampingRequests.get(stamped)).toMatchObject({
			status: 'submitted',
			submission: { returnAddress: RETURN_ADDRESS }
		});
		expect((await db.stampingEvents.where('contractId').equals(stamped).toArray()).map((e) => e.kind)).toEqual([
			'received'
		]);

		const report = await downloadDocuments();
		expect(report.stopped).toBeNull();
		expect(await db.documentDownloads.count()).toBe(0);
		for (const r of records) {
			const doc = await db.documents.get(r.id);
			expect(doc?.sha256).toBe(sha(pdfs.get(r.id)!));
			expect(new Uint8Array(await doc!.blob.arrayBuffer())).toEqual(pdfs.get(r.id));
		}
		// Nothing new: the next pull is one request and restores nothing.
		requests = [];
		await pull();
		expect(requests.filter((r) => r.includes('/changes'))).toHaveLength(1);
	});

	it('resumes a pull cut off between pages at the next page, never from the start', async () => {
		for (let i = 0; i < 30; i++) await registerOnServer(uniqueRecord());
		let calls = 0;
		intercept = (path) => {
			if (!path.includes('/changes')) return undefined;
			calls++;
			if (calls === 3) throw new TypeError('Failed to fetch');
			return undefined;
		};
		await expect(pull({ limit: 10 })).rejects.toThrow();
		const progress = await getMeta<PullProgress>(META.pullPage);
		expect(progress?.page).toMatch(/^v1\./);
		const partial = await getDb().contracts.count();
		expect(partial).toBe(20);
		expect(await getMeta(META.cursor)).toBeUndefined();

		requests = [];
		intercept = undefined;
		await pull({ limit: 10 });
		const first = requests.find((r) => r.includes('/changes'))!;
		expect(first).toContain(`page=${encodeURIComponent(progress!.page)}`);
		const total = await getDb().contracts.count();
		const server = (
			env.store.db.prepare('SELECT COUNT(*) AS n FROM contracts WHERE account_id = ?').get(DEMO_ACCOUNT_ID) as {
				n: number;
			}
		).n;
		expect(total).toBe(server);
	});

	it('never clobbers a contract made on this device, nor its document or outbox row; attachment marks work from restored contracts', async () => {
		// Generated here, still in the outbox: the server holds another version under the same id.
		const local = uniqueRecord();
		const localPdf = new TextEncoder().encode('%PDF local bytes');
		await saveGeneratedContract({
			record: local,
			contentHash: sha(canonicalJson(local)),
			pdf: localPdf,
			pdfSha256: sha(localPdf)
		});
		const outboxBefore = await getDb().outbox.toArray();
		await registerOnServer({ ...local, contact: { ...local.contact, person: '别人' } });
		// An order contract from another device: its orders must show as attached here.
		const orders = demoOrders(FIXED_NOW)
			.filter((o) => o.status === 'paid')
			.slice(0, 2);
		const orderContract = {
			...orderRecord(env.config, orders),
			id: `ffff${String(serial++).padStart(4, '0')}${randomUUID().slice(8)}`
		};
		orderContract.number = `HT-20260615-${orderContract.id.slice(0, 8).toUpperCase()}`;
		await registerOnServer(orderContract);

		await pull();
		const db = getDb();
		const kept = await db.contracts.get(local.id);
		expect(kept?.contact.person).toBe(local.contact.person);
		expect(kept?.pdfSha256).toBe(sha(localPdf));
		expect(await db.documentDownloads.get(local.id)).toBeUndefined();
		expect(new Uint8Array(await (await db.documents.get(local.id))!.blob.arrayBuffer())).toEqual(localPdf);
		expect(await db.outbox.toArray()).toEqual(outboxBefore);

		const marks = await attachedOrders(orders.map((o) => o.id));
		expect([...marks.values()].map((m) => m.number)).toEqual([orderContract.number, orderContract.number]);
	});

	it('a stamping event for a contract the device does not have yet is kept, not dropped', async () => {
		const { applyChanges } = await import('../../src/lib/db/merge');
		const body = (await (await env.app.request('/api/v1/changes?limit=1', { headers: auth(token) })).json()) as Record<
			string,
			unknown
		>;
		const orphan = randomUUID();
		const { changesResponse } = await import('../../src/lib/domain/changes');
		await applyChanges(
			changesResponse.parse({
				...body,
				contracts: [],
				next: null,
				stampingEvents: [
					{ id: `${orphan}:received`, contractId: orphan, kind: 'received', at: '2026-06-16T10:00:00+08:00' }
				]
			})
		);
		expect(await getDb().stampingEvents.get(`${orphan}:received`)).toMatchObject({ contractId: orphan });
	});
});

describe('document downloads', () => {
	it('refuses a wrong SHA-256, a 404 and a cut-off file; a retry stores the right bytes', async () => {
		const [wrong, missing, cut] = [uniqueRecord(), uniqueRecord(), uniqueRecord()];
		const pdfs = new Map<string, Uint8Array>();
		for (const r of [wrong, cut]) pdfs.set(r.id, await registerOnServer(r));
		pdfs.set(missing.id, await registerOnServer(missing, { pdf: null }));
		let broken = true;
		intercept = (path) => {
			if (!broken) return undefined;
			if (path.endsWith(`${wrong.id}/pdf`))
				return new Response(new TextEncoder().encode('%PDF-1.7 tampered'.padEnd(pdfs.get(wrong.id)!.byteLength, ' ')), {
					status: 200
				});
			if (path.endsWith(`${cut.id}/pdf`)) return new Response(pdfs.get(cut.id)!.slice(0, 20), { status: 200 });
			return undefined;
		};
		await pull();
		await downloadDocuments();
		const db = getDb();
		expect(await db.documentDownloads.get(wrong.id)).toMatchObject({ state: 'failed', problem: 'mismatch' });
		expect(await db.documentDownloads.get(missing.id)).toMatchObject({ state: 'failed', problem: 'notFound' });
		// A broken transfer is tried again by itself, up to the limit, then waits for the user.
		expect(await db.documentDownloads.get(cut.id)).toMatchObject({
			state: 'queued',
			problem: 'incomplete',
			attempts: 1
		});
		await downloadDocuments();
		await downloadDocuments();
		expect(await db.documentDownloads.get(cut.id)).toMatchObject({
			state: 'failed',
			problem: 'incomplete',
			attempts: 3
		});
		for (const r of [wrong, missing, cut]) expect(await db.documents.get(r.id)).toBeUndefined();

		broken = false;
		await retryDocument(wrong.id);
		await downloadDocuments();
		expect((await db.documents.get(wrong.id))?.sha256).toBe(sha(pdfs.get(wrong.id)!));
		expect(await db.documentDownloads.get(wrong.id)).toBeUndefined();
	});

	it('a document the server keeps no bytes of is rendered on the device, and stored only if it has the registered SHA-256', async () => {
		const [good, bad] = [uniqueRecord(), uniqueRecord()];
		const pdfs = new Map<string, Uint8Array>();
		for (const r of [good, bad]) pdfs.set(r.id, await registerOnServer(r, { pdf: null }));
		await pull();
		await downloadDocuments();
		const db = getDb();
		await db.documentDownloads.toCollection().modify({ state: 'queued', attempts: 0 });
		const rendered: string[] = [];
		const report = await downloadDocuments({
			render: async (record) => {
				rendered.push(record.id);
				return record.id === good.id ? pdfs.get(good.id)! : new TextEncoder().encode('%PDF-1.7 another rendering');
			}
		});
		// (Contracts without bytes from earlier tests of this server are rendered, and refused, too.)
		expect(rendered).toEqual(expect.arrayContaining([good.id, bad.id]));
		expect(report).toMatchObject({ stored: 1, failed: rendered.length - 1 });
		expect((await db.documents.get(good.id))?.sha256).toBe(sha(pdfs.get(good.id)!));
		expect(await db.documents.get(bad.id)).toBeUndefined();
		expect(await db.documentDownloads.get(bad.id)).toMatchObject({ state: 'failed', problem: 'notFound' });
	});

	it('offline: nothing is marked failed, the queue waits for the next connection', async () => {
		const r = uniqueRecord();
		await registerOnServer(r);
		intercept = (path) => {
			if (path.endsWith('/pdf')) throw new TypeError('Failed to fetch');
			return undefined;
		};
		await pull();
		const report = await downloadDocuments();
		expect(report.stopped).toBe('offline');
		expect(await getDb().documents.get(r.id)).toBeUndefined();
		expect(await getDb().documentDownloads.get(r.id)).toMatchObject({ state: 'queued', attempts: 0 });

		intercept = undefined;
		expect((await downloadDocuments()).stopped).toBeNull();
		expect((await getDb().documents.get(r.id))?.sha256).toBe(sha(pdfOf(r.id)));
	});

	it('storage full: stops, keeps what was stored, and records the numbers for the storage page', async () => {
		for (let i = 0; i < 6; i++) await registerOnServer(uniqueRecord());
		// The pull's own download run is held back until the quota hook is in place.
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		intercept = async (path) => {
			if (path.endsWith('/pdf')) await gate;
			return undefined;
		};
		await pull();
		const db = getDb();
		let stored = 0;
		db.documents.hook('creating', () => {
			if (++stored > 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		release();
		const report = await downloadDocuments({ concurrency: 1 });
		expect(report.stopped).toBe('storageFull');
		const docs = await db.documents.count();
		expect(docs).toBe(2);
		const full = await getMeta<StorageFull>(META.storageFull);
		expect(full).toMatchObject({ stored: 2, waiting: (await db.contracts.count()) - 2 });
		expect(full!.storedBytes).toBeGreaterThan(0);
		expect(full!.waitingBytes).toBeGreaterThan(0);
	});
});

describe('signing out', () => {
	it('revokes the token on the server before wiping: the old token gets 401', async () => {
		const own = await signIn(env.app);
		await setMeta(META.session, { token: own, accountId: DEMO_ACCOUNT_ID });
		expect((await env.app.request('/api/v1/changes', { headers: auth(own) })).status).toBe(200);
		const result = await signOut();
		expect(result.revoked).toBe(true);
		expect(requests).toContain('DELETE /api/v1/session');
		expect((await env.app.request('/api/v1/changes', { headers: auth(own) })).status).toBe(401);
		expect(await getDb().contracts.count()).toBe(0);
	});

	it('offline: wipes anyway, and revokes the token at the next sign-in from this device', async () => {
		const own = await signIn(env.app);
		await setMeta(META.session, { token: own, accountId: DEMO_ACCOUNT_ID });
		intercept = () => {
			throw new TypeError('Failed to fetch');
		};
		expect((await signOut()).revoked).toBe(false);
		expect(await getMeta(META.session)).toBeUndefined();
		expect(await getMeta<string[]>(META.revokeTokens)).toEqual([own]);
		expect((await env.app.request('/api/v1/changes', { headers: auth(own) })).status).toBe(200);

		intercept = undefined;
		const result = await deviceSignIn('demo');
		expect(result.kind).toBe('signedIn');
		expect((await env.app.request('/api/v1/changes', { headers: auth(own) })).status).toBe(401);
		expect(await getMeta(META.revokeTokens)).toBeUndefined();
	});
});

describe('Dexie version 4', () => {
	it('upgrades a version 2 database: data kept, the download queue table usable', async () => {
		await getDb().delete();
		forgetDb();
		const old = openAtVersion(DB_NAME, 2);
		await old.open();
		await old.table('drafts').put({ key: 'stamping:x', value: { a: 1 }, updatedAt: 1 });
		old.close();
		const db = new ContractDeskDB();
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect(await db.drafts.get('stamping:x')).toMatchObject({ value: { a: 1 } });
		await db.documentDownloads.put({ contractId: 'c1', state: 'queued', size: 10, attempts: 0, updatedAt: 1 });
		expect(await db.documentDownloads.where('state').equals('queued').count()).toBe(1);
		db.close();
	});
});

describe('sign-in', () => {
	it('waits for the first page only; the next pull goes on from there', async () => {
		for (let i = 0; i < 5; i++) await registerOnServer(uniqueRecord());
		await pull({ limit: 2, maxPages: 1 });
		expect(await getDb().contracts.count()).toBe(2);
		const progress = await getMeta<PullProgress>(META.pullPage);
		expect(progress).toMatchObject({ restored: 2 });
		expect(progress!.totalContracts).toBeGreaterThanOrEqual(5);
		await pull({ limit: 2 });
		expect(await getDb().contracts.count()).toBe(progress!.totalContracts);
		expect(await getMeta(META.pullPage)).toBeUndefined();
	});
});

describe('a pull the server cannot continue', () => {
	it('starts again from the cursor when the stored page is refused (the server database was reset)', async () => {
		await registerOnServer(uniqueRecord());
		await setMeta(META.pullPage, {
			since: null,
			page: 'v1.0.999999999.0.0.',
			totalContracts: 10,
			restored: 5
		} satisfies PullProgress);
		await pull();
		expect(await getMeta(META.pullPage)).toBeUndefined();
		const server = (
			env.store.db.prepare('SELECT COUNT(*) AS n FROM contracts WHERE account_id = ?').get(DEMO_ACCOUNT_ID) as {
				n: number;
			}
		).n;
		expect(await getDb().contracts.count()).toBe(server);
	});
});

describe('a contract this app cannot read', () => {
	it('is skipped; the rest of the page is restored', async () => {
		const good = uniqueRecord();
		await registerOnServer(good);
		intercept = async (path, init) => {
			if (!path.includes('/changes')) return undefined;
			const res = await env.app.request(path, init);
			const body = (await res.json()) as { contracts: { record: { number: string } }[] };
			body.contracts[0]!.record.number = 'NOT-A-NUMBER';
			return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
		};
		await pull({ limit: 1000 });
		expect(await getDb().contracts.get(good.id)).toMatchObject({ number: good.number });
		expect(await getMeta(META.cursor)).toMatch(/^\d+$/);
	});
});

describe('a stamping event of a kind this app does not know', () => {
	it('is skipped; the pull completes (an older app meeting a newer event kind must not stop syncing)', async () => {
		const record = uniqueRecord();
		await registerOnServer(record);
		const id = `${record.id}:archived`;
		intercept = async (path, init) => {
			if (!path.includes('/changes')) return undefined;
			const res = await env.app.request(path, init);
			const body = (await res.json()) as { stampingEvents: unknown[] };
			body.stampingEvents.push({ id, contractId: record.id, kind: 'archivedLater', at: '2026-12-07T08:00:00+08:00' });
			return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
		};
		await pull({ limit: 1000 });
		expect(await getMeta(META.cursor)).toMatch(/^\d+$/);
		expect(await getDb().contracts.get(record.id)).toMatchObject({ number: record.number });
		expect(await getDb().stampingEvents.get(id)).toBeUndefined();
	});
});
