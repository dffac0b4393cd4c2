// Another connection upgrading or deleting the database: the service worker reopens, a page never reloads by itself.
import Dexie from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractDeskDB, DB_NAME, forgetDb, getDb, onDbClosed, type DbClosedReason } from '../../src/lib/db/database';
import { saveDraft } from '../../src/lib/db/drafts';
import { LATEST_VERSION, VERSIONS } from '../../src/lib/db/schema';
import { flushOutbox } from '../../src/lib/sync/flush';
import { queueContract, resetDevice } from '../support/unit/helpers';

/** What a newer app version does in another tab: open the same database with a higher schema version. */
async function openNewerVersion(): Promise<Dexie> {
	const newer = new Dexie(DB_NAME);
	for (const { version, stores } of VERSIONS) newer.version(version).stores(stores);
	newer.version(LATEST_VERSION + 1).stores({});
	await newer.open();
	return newer;
}

beforeEach(() => resetDevice());
afterEach(async () => {
	vi.unstubAllGlobals();
	getDb().close();
	forgetDb();
	// Leave no newer-version database behind for the next test's older schema.
	await Dexie.delete(DB_NAME);
});

describe('in the service worker (no document)', () => {
	it('after a sign-out in a tab deleted the database, the next flush opens a fresh instance instead of throwing', async () => {
		await queueContract();
		const before = getDb();
		expect(before.isOpen()).toBe(true);
		// A tab signs out: it deletes the database; the worker's open connection must not block it.
		await new ContractDeskDB().delete();
		const after = getDb();
		expect(after).not.toBe(before);
		// The Background Sync event's flush works: the device is empty and signed out.
		await expect(flushOutbox({ useLocks: false })).resolves.toMatchObject({ state: 'signedOut', sent: 0 });
		expect(await after.outbox.count()).toBe(0);
	});

	it('after a newer version upgraded the database, the worker reopens it rather than staying closed', async () => {
		const before = getDb();
		await before.open();
		const newer = await openNewerVersion();
		newer.close();
		expect(getDb()).not.toBe(before);
	});
});

describe('in a page (a document exists)', () => {
	let reload: ReturnType<typeof vi.fn>;
	const listeners = new Map<string, (event: unknown) => void>();
	let update: typeof import('../../src/lib/pwa/update.svelte');

	beforeAll(async () => {
		// Imported with `window` present, as in the app, so it wires itself to the database and to unhandled rejections.
		vi.stubGlobal('window', {
			addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn)
		});
		update = await import('../../src/lib/pwa/update.svelte');
		vi.unstubAllGlobals();
	});

	beforeEach(() => {
		reload = vi.fn();
		vi.stubGlobal('document', {});
		vi.stubGlobal('location', { reload });
		update.pwaUpdate.dbClosed = null;
		update.pwaUpdate.activatedElsewhere = false;
	});

	it('a newer version in another tab closes the database without reloading; the update prompt asks instead', async () => {
		const { pwaUpdate } = update;
		const db = getDb();
		const reasons: DbClosedReason[] = [];
		const stop = onDbClosed((r) => reasons.push(r));
		await db.open();

		const newer = await openNewerVersion();
		try {
			expect(reasons).toEqual(['upgraded']);
			expect(reload).not.toHaveBeenCalled();
			expect(db.isOpen()).toBe(false);
			// This page's code may be older than the new schema: it stays closed until the user reloads.
			expect(getDb()).toBe(db);
			expect(pwaUpdate.activatedElsewhere).toBe(true);
			expect(pwaUpdate.dbClosed).toBe('upgraded');

			// A draft saved on the next keystroke fails; unawaited, it reaches `unhandledrejection`,
			// where it is logged and swallowed (not an uncaught error), and the prompt is already up.
			const failure = await saveDraft('contact', { person: '王' }).then(
				() => null,
				(e: unknown) => e
			);
			expect(failure).toMatchObject({ name: 'DatabaseClosedError' });
			const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
			const preventDefault = vi.fn();
			listeners.get('unhandledrejection')!({ reason: failure, preventDefault });
			expect(preventDefault).toHaveBeenCalledOnce();
			expect(warn).toHaveBeenCalledOnce();
			warn.mockRestore();
			// Other rejections are none of its business.
			const other = vi.fn();
			listeners.get('unhandledrejection')!({ reason: new TypeError('x'), preventDefault: other });
			expect(other).not.toHaveBeenCalled();
		} finally {
			stop();
			newer.close();
		}
	});

	it('a sign-out in another tab closes the database without reloading and is told apart from an update', async () => {
		const { pwaUpdate } = update;
		const db = getDb();
		await db.open();
		await new ContractDeskDB().delete();
		expect(reload).not.toHaveBeenCalled();
		expect(db.isOpen()).toBe(false);
		expect(pwaUpdate.dbClosed).toBe('deleted');
		expect(pwaUpdate.activatedElsewhere).toBe(false);
	});

	it('a closed-database error with no versionchange seen still raises the reload prompt', async () => {
		const { pwaUpdate, absorbClosedDatabase } = update;
		getDb().close();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		const failure = await saveDraft('contact', {}).catch((e: unknown) => e);
		expect(absorbClosedDatabase({ reason: failure, preventDefault: () => undefined })).toBe(true);
		expect(pwaUpdate.dbClosed).toBe('closed');
		warn.mockRestore();
	});
});
