// The provider's sealed copy on the device: the pull announces it (to a fresh device restoring and to one that has the contract), the background download keeps it in Dexie checked against its SHA-256, and a wrong copy is not kept.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetDb, getDb } from '../../src/lib/db/database';
import { META, setMeta, type Session } from '../../src/lib/db/meta';
import { downloadDocuments } from '../../src/lib/sync/documents';
import { pull } from '../../src/lib/sync/pull';
import { clearSessionExpiry } from '../../src/lib/sync/session-expiry';
import { DEMO_ACCOUNT_ID } from '../../server/seed';
import { FIXED_NOW, frameworkRecord, makeEnv, signIn, type TestEnv } from '../support/server/app';

let env: TestEnv;
let token: string;
let intercept: ((path: string) => Response | undefined) | undefined;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const enc = (s: string) => new TextEncoder().encode(s);

async function registered(): Promise<{ id: string; pdf: Uint8Array }> {
	const record = frameworkRecord(env.config, { id: randomUUID() });
	const pdf = enc(`%PDF-1.7 ${record.id}`);
	await env.store.registerContract({
		accountId: DEMO_ACCOUNT_ID,
		record,
		pdfSha256: sha(pdf),
		pdf,
		now: new Date(FIXED_NOW).toISOString()
	});
	return { id: record.id, pdf };
}

async function seal(id: string, pdf: Uint8Array): Promise<Uint8Array> {
	const sealed = new Uint8Array([...pdf, ...enc('\n% the seal\n%%EOF\n')]);
	expect(
		await env.store.putSealedCopy({
			contractId: id,
			pdf: sealed,
			pdfSha256: sha(sealed),
			sealedAt: '2026-06-15T04:00:05.000Z'
		})
	).toBe('stored');
	return sealed;
}

async function blobBytes(id: string): Promise<Uint8Array | undefined> {
	const blob = (await getDb().sealedCopies.get(id))?.blob;
	return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
}

beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
});
afterAll(() => env.cleanup());
beforeEach(async () => {
	intercept = undefined;
	vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
		const path = String(input);
		return intercept?.(path) ?? env.app.request(path, init);
	});
	await getDb().delete();
	forgetDb();
	clearSessionExpiry();
	await setMeta(META.session, { token, accountId: DEMO_ACCOUNT_ID } satisfies Session);
});
afterEach(() => {
	vi.unstubAllGlobals();
	getDb().close();
});

describe('the sealed copy on the device', () => {
	it('a fresh device restores the contract and its sealed copy; one that has the contract gets the copy sealed later', async () => {
		const early = await registered();
		const earlySealed = await seal(early.id, early.pdf);
		const late = await registered();

		await pull();
		await downloadDocuments();
		expect(await blobBytes(early.id)).toEqual(earlySealed);
		expect(await getDb().sealedCopies.get(late.id)).toBeUndefined();
		expect((await getDb().sealedCopies.get(early.id))!.sealedAt).toBe('2026-06-15T04:00:05.000Z');

		const lateSealed = await seal(late.id, late.pdf);
		await pull();
		await downloadDocuments();
		expect(await blobBytes(late.id)).toEqual(lateSealed);
		// Offline later: the copy is in Dexie, nothing to fetch.
		intercept = () => {
			throw new TypeError('offline');
		};
		expect(await blobBytes(late.id)).toEqual(lateSealed);
	});

	it('keeps no copy whose bytes are not the announced ones, and fetches it again on the next run', async () => {
		const c = await registered();
		const sealed = await seal(c.id, c.pdf);
		await pull();
		intercept = (path) =>
			path.endsWith(`/contracts/${c.id}/sealed`) ? new Response(enc('%PDF tampered'), { status: 200 }) : undefined;
		await downloadDocuments();
		expect(await getDb().sealedCopies.get(c.id)).toMatchObject({ sha256: sha(sealed) });
		expect(await blobBytes(c.id)).toBeUndefined();
		intercept = undefined;
		await downloadDocuments();
		expect(await blobBytes(c.id)).toEqual(sealed);
	});
});
