// Data made by an earlier app version (schema v1: contracts, documents, outbox) survives the upgrade and backs up.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ContractDeskDB, DB_NAME, getDb, forgetDb } from '../../src/lib/db/database';
import { openAtVersion } from '../support/lib/db/migration-harness';
import { LATEST_VERSION, VERSIONS } from '../../src/lib/db/schema';
import { searchKeysOf } from '../../src/lib/db/contracts';
import { exampleFrameworkRecord } from '../support/lib/db/records';
import { sha256Hex } from '../../src/lib/domain/canonical';
import { META, setMeta } from '../../src/lib/db/meta';
import { exportBackup, importBackup } from '../../src/lib/pwa/backup';
import { DEMO_IDENTITY } from '../../server/seed';

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => getDb().close());

it.each(VERSIONS.slice(0, -1).map((v) => v.version))(
	'keeps contracts and PDFs written by version %i, and they back up',
	async (previous) => {
		const pdf = new Uint8Array([37, 80, 68, 70, 0, 255, 128, 7]);
		const record = exampleFrameworkRecord();
		const old = openAtVersion(DB_NAME, previous);
		await old.open();
		await old.table('meta').put({ key: META.session, value: { token: 't', accountId: DEMO_IDENTITY.accountId } });
		await old.table('identity').add(DEMO_IDENTITY);
		await old.table('contracts').add({
			...record,
			status: 'pending',
			contentHash: 'c'.repeat(64),
			pdfSha256: await sha256Hex(pdf),
			registeredAt: null,
			searchKeys: searchKeysOf(record)
		});
		await old
			.table('documents')
			.add({ contractId: record.id, blob: new Blob([pdf]), sha256: await sha256Hex(pdf), size: pdf.length });
		old.close();

		const db = new ContractDeskDB();
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		expect((await db.contracts.get(record.id))?.number).toBe(record.number);
		expect(new Uint8Array(await (await db.documents.get(record.id))!.blob.arrayBuffer())).toEqual(pdf);
		db.close();

		const file = await exportBackup();
		expect(file.records.contracts).toHaveLength(1);
		await getDb().delete();
		forgetDb();
		await setMeta(META.session, { token: 'n', accountId: DEMO_IDENTITY.accountId });
		const report = await importBackup(JSON.stringify(file));
		expect(report.refused).toEqual([]);
		expect(new Uint8Array(await (await getDb().documents.get(record.id))!.blob.arrayBuffer())).toEqual(pdf);
	}
);
