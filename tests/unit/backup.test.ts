// Backup round trip and merge rules against fake-indexeddb: export → wipe → import restores byte-identical PDFs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb, forgetDb } from '../../src/lib/db/database';
import { saveGeneratedContract } from '../../src/lib/db/contracts';
import { META, setMeta, getMeta } from '../../src/lib/db/meta';
import { submitStamping } from '../../src/lib/db/stamping';
import { confirmReceipt } from '../../src/lib/db/stampingReceipt';
import { exampleFrameworkRecord, exampleOrder } from '../support/lib/db/records';
import { sha256Hex } from '../../src/lib/domain/canonical';
import {
	BackupError,
	exportBackup,
	backupFileName,
	exportBackupFile,
	importBackup,
	total
} from '../../src/lib/pwa/backup';
import { base64ToBytes, bytesToBase64 } from '../../src/lib/bytes/base64';
import { backupFileSchema, type BackupFile } from '../../src/lib/pwa/backup-schema';
import { DEMO_IDENTITY, demoFilings } from '../../server/seed';
import { DEFAULT_PROVIDER } from '../../server/config';

const ACCOUNT = DEMO_IDENTITY.accountId;

async function wipe() {
	await getDb().delete();
	forgetDb();
}

function pdfBytes(seed: number, length = 70_000): Uint8Array {
	// Every byte value, including ones that break naive string conversions.
	const out = new Uint8Array(length);
	let x = seed;
	for (let i = 0; i < length; i++) out[i] = x = (x * 1103515245 + 12345) & 0xff;
	out.set([37, 80, 68, 70], 0);
	return out;
}

async function seedDevice() {
	const db = getDb();
	await setMeta(META.session, { token: 't', accountId: ACCOUNT });
	await db.identity.add(DEMO_IDENTITY);
	await db.provider.add({ ...DEFAULT_PROVIDER, key: 'provider' });
	await db.filings.bulkAdd(demoFilings().slice(0, 2));
	await db.orders.bulkAdd([
		exampleOrder('100000000001', '2026-01-05T10:00:00+08:00'),
		exampleOrder('100000000002', '2026-02-05T10:00:00+08:00')
	]);
	const pdfs: Uint8Array[] = [];
	for (let i = 0; i < 2; i++) {
		const pdf = pdfBytes(i + 1);
		pdfs.push(pdf);
		await saveGeneratedContract({
			record: exampleFrameworkRecord(`2026-11-2${i}T10:00:00+08:00`),
			contentHash: 'c'.repeat(64),
			pdf,
			pdfSha256: await sha256Hex(pdf)
		});
	}
	await db.drafts.put({ key: 'contract.framework.contact', value: { person: '王珺', phone: '138' }, updatedAt: 1 });
	return pdfs;
}

async function documentBytes(): Promise<Map<string, Uint8Array>> {
	const map = new Map<string, Uint8Array>();
	for (const d of await getDb().documents.toArray()) map.set(d.contractId, new Uint8Array(await d.blob.arrayBuffer()));
	return map;
}

beforeEach(wipe);
afterEach(() => getDb().close());

describe('backup', () => {
	it('names the file by the Beijing date and time, not the UTC one', () => {
		// 18:50Z on 6 December is 02:50 on 7 December in Beijing.
		expect(backupFileName('2026-12-06T18:50:07.123Z')).toBe('contract-desk-backup-20261207-025007.json');
		expect(backupFileName('2026-12-06T15:59:59.000Z')).toBe('contract-desk-backup-20261206-235959.json');
	});

	it('base64 survives every byte value', () => {
		const bytes = pdfBytes(7, 100_003);
		expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
	});

	it('export → wipe → import restores every record and byte-identical documents', async () => {
		await seedDevice();
		const before = await documentBytes();
		const contractsBefore = await getDb().contracts.orderBy('id').toArray();
		const { blob, name, file } = await exportBackupFile({ appVersion: 'test' });
		expect(name).toMatch(/^contract-desk-backup-\d{8}-\d{6}\.json$/);
		expect(file).toMatchObject({ format: 'contract-desk-backup', version: 1, accountId: ACCOUNT });
		expect(JSON.stringify(file)).not.toContain('"token"');
		expect(await getMeta(META.lastBackupAt)).toBe(file.exportedAt);
		const text = await blob.text();
		expect(backupFileSchema.safeParse(JSON.parse(text)).success).toBe(true);

		await wipe();
		await setMeta(META.session, { token: 'new', accountId: ACCOUNT });
		const report = await importBackup(text);
		expect(report.refused).toEqual([]);
		expect(report.added).toMatchObject({
			identity: 1,
			provider: 1,
			filings: 2,
			orders: 2,
			contracts: 2,
			documents: 2,
			outbox: 2,
			drafts: 1
		});

		const after = await documentBytes();
		expect(after.size).toBe(2);
		for (const [id, bytes] of before) {
			expect(after.get(id)).toEqual(bytes);
			expect(await sha256Hex(after.get(id)!)).toBe((await getDb().contracts.get(id))!.pdfSha256);
		}
		expect(await getDb().contracts.orderBy('id').toArray()).toEqual(contractsBefore);
		expect((await getDb().drafts.get('contract.framework.contact'))?.value).toEqual({ person: '王珺', phone: '138' });

		// Importing the same file again adds nothing: everything is identical.
		const again = await importBackup(text);
		expect(total(again.added)).toBe(0);
		expect(again.refused).toEqual([]);
		expect(again.skipped).toMatchObject({ contracts: 2, documents: 2, orders: 2 });
	});

	it('never overwrites an immutable record with different content: it reports the conflict', async () => {
		await seedDevice();
		const file = await exportBackup();
		const [c0, c1] = file.records.contracts;
		// A tampered contract and a document swapped for other bytes with a consistent hash.
		const tampered = structuredClone(file);
		tampered.records.contracts[0] = { ...c0!, contact: { ...c0!.contact, person: '李四' } };
		const other = pdfBytes(99);
		const doc1 = tampered.documents.find((d) => d.contractId === c1!.id)!;
		doc1.base64 = bytesToBase64(other);
		doc1.sha256 = await sha256Hex(other);
		doc1.size = other.byteLength;
		const before = await documentBytes();

		const report = await importBackup(JSON.stringify(tampered));
		expect(report.refused).toEqual(
			expect.arrayContaining([
				{ table: 'contracts', id: c0!.id, reason: 'immutableConflict' },
				{ table: 'documents', id: c1!.id, reason: 'immutableConflict' }
			])
		);
		expect((await getDb().contracts.get(c0!.id))!.contact.person).toBe('王珺');
		expect(await documentBytes()).toEqual(before);
	});

	it('refuses a corrupt document and one that does not match its contract, adding the rest', async () => {
		await seedDevice();
		const file = await exportBackup();
		await wipe();
		const corrupt = structuredClone(file);
		corrupt.documents[0]!.base64 = bytesToBase64(pdfBytes(5));
		const report = await importBackup(corrupt);
		expect(report.refused).toEqual([
			{ table: 'documents', id: file.documents[0]!.contractId, reason: 'corruptDocument' }
		]);
		expect(report.added.documents).toBe(1);
		expect(report.added.contracts).toBe(2);
	});

	it('never takes a contract status from the file; keeps the device copy of provider data', async () => {
		await seedDevice();
		const file = await exportBackup();
		const id = file.records.contracts[0]!.id;
		const next = structuredClone(file);
		next.records.contracts[0] = {
			...next.records.contracts[0]!,
			status: 'effective',
			registeredAt: '2026-11-27T10:00:00+08:00'
		};
		next.records.orders[0] = { ...next.records.orders[0]!, status: 'refunded' };
		const report = await importBackup(next);
		expect(report.updated.contracts).toBe(0);
		expect(report.kept.orders).toBe(1);
		expect((await getDb().contracts.get(id))!.status).toBe('pending');
		expect((await getDb().orders.get(next.records.orders[0]!.id))!.status).toBe('paid');
	});

	it('an imported contract claiming "effective" is pending until the next pull, which starts from scratch', async () => {
		await seedDevice();
		const file = await exportBackup();
		const claimed = structuredClone(file);
		for (const c of claimed.records.contracts)
			Object.assign(c, { status: 'effective', registeredAt: '2026-11-27T10:00:00+08:00' });
		await wipe();
		await setMeta(META.session, { token: 'new', accountId: ACCOUNT });
		await setMeta(META.cursor, '42');
		const report = await importBackup(claimed);
		expect(report.added.contracts).toBe(2);
		for (const c of await getDb().contracts.toArray())
			expect({ status: c.status, registeredAt: c.registeredAt }).toEqual({ status: 'pending', registeredAt: null });
		expect(await getMeta(META.cursor)).toBeUndefined();
	});

	it('carries a queued 确认收到 with its confirmation to the next device, still to be sent', async () => {
		await seedDevice();
		const db = getDb();
		const id = (await db.contracts.toArray())[0]!.id;
		await submitStamping(id, {
			returnAddress: {
				recipient: '张喆',
				phone: '0755-86001234',
				province: '广东省',
				city: '深圳市',
				district: '南山区',
				address: '高新南七道18号',
				postalCode: '518057'
			}
		});
		await db.stampingEvents.bulkPut(
			(['received', 'stamped', 'returned'] as const).map((kind, i) => ({
				id: `${id}:${kind}`,
				contractId: id,
				kind,
				at: `2026-12-0${i + 1}T10:00:00+08:00`,
				...(kind === 'returned' ? { shipment: { courier: '顺丰速运', trackingNumber: 'SF1234567890' } } : {})
			}))
		);
		const event = await confirmReceipt(id);
		const file = await exportBackup();
		await wipe();
		await setMeta(META.session, { token: 'new', accountId: ACCOUNT });
		await importBackup(file);
		expect(await getDb().stampingEvents.get(event.id)).toEqual(event);
		const rows = (await getDb().outbox.toArray()).filter((r) => r.kind === 'confirmReceipt');
		expect(rows.map((r) => [r.resourceId, r.status, r.payload])).toEqual([[id, 'pending', { confirmedAt: event.at }]]);
	});

	describe('a crafted file is refused whole, naming the first bad row', () => {
		async function refusal(edit: (f: BackupFile) => void): Promise<string> {
			await seedDevice();
			const file = structuredClone(await exportBackup());
			await wipe();
			await setMeta(META.session, { token: 'new', accountId: ACCOUNT });
			edit(file);
			const error = await importBackup(JSON.stringify(file)).then(
				() => null,
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(BackupError);
			expect((error as BackupError).code).toBe('invalid');
			// Nothing at all was imported.
			const db = getDb();
			expect([
				await db.contracts.count(),
				await db.outbox.count(),
				await db.documents.count(),
				await db.stampingRequests.count()
			]).toEqual([0, 0, 0, 0]);
			return (error as BackupError).detail;
		}
		const address = {
			recipient: '张喆',
			phone: '0755-86001234',
			province: '广东省',
			city: '深圳市',
			district: '南山区',
			address: '高新南七道18号',
			postalCode: '518057'
		};

		it('a queued return address that is not well-formed', async () => {
			const detail = await refusal((f) => {
				const contractId = f.records.contracts[1]!.id;
				f.records.stampingRequests.push({
					contractId,
					status: 'submitted',
					submission: { returnAddress: { ...address, address: 'a\ud800b' } },
					submittedAt: '2026-11-27T10:00:00+08:00'
				});
				f.records.outbox.push({
					...f.records.outbox[0]!,
					id: crypto.randomUUID(),
					kind: 'submitStamping',
					resourceId: contractId,
					payload: { returnAddress: { ...address, address: 'a\ud800b' } }
				} as never);
			});
			expect(detail).toMatch(
				/^stampingRequests #1 \([0-9a-f-]{36}\): submission\.returnAddress\.address loneSurrogate$/
			);
		});

		it('a queued return address nobody submitted in the app', async () => {
			const detail = await refusal((f) => {
				f.records.outbox.push({
					...f.records.outbox[0]!,
					id: '00000000-0000-4000-8000-000000000001',
					kind: 'submitStamping',
					resourceId: f.records.contracts[0]!.id,
					payload: { returnAddress: address }
				} as never);
			});
			expect(detail).toBe('outbox #3 (00000000-0000-4000-8000-000000000001): payload notSubmitted');
		});

		it('a queued 确认收到 without the confirmation it sends', async () => {
			const detail = await refusal((f) => {
				f.records.outbox.push({
					...f.records.outbox[0]!,
					id: '00000000-0000-4000-8000-000000000002',
					kind: 'confirmReceipt',
					resourceId: f.records.contracts[0]!.id,
					payload: { confirmedAt: '2026-12-12T10:00:00.000+08:00' }
				} as never);
			});
			expect(detail).toBe('outbox #3 (00000000-0000-4000-8000-000000000002): payload notConfirmed');
		});

		it('an outbox payload of the wrong shape, or for a contract that is not in the file', async () => {
			expect(
				await refusal((f) => {
					f.records.outbox[1] = {
						...f.records.outbox[1]!,
						payload: { contractId: f.records.contracts[1]!.id, pdfSha256: 'x' }
					} as never;
				})
			).toMatch(/^outbox #2 \([0-9a-f-]{36}\): payload /);
			expect(
				await refusal((f) => {
					const id = crypto.randomUUID();
					f.records.outbox[0] = { ...f.records.outbox[0]!, resourceId: id, payload: { contractId: id } } as never;
				})
			).toMatch(/^outbox #1 \([0-9a-f-]{36}\): resourceId unknownContract$/);
		});

		it('a contract with a control character, before later bad rows', async () => {
			const detail = await refusal((f) => {
				f.records.contracts[1] = {
					...f.records.contracts[1]!,
					contact: { ...f.records.contracts[1]!.contact, person: '张\u0007喆' }
				};
				f.records.outbox[0] = { ...f.records.outbox[0]!, payload: {} } as never;
			});
			expect(detail).toMatch(/^contracts #2 \([0-9a-f-]{36}\): contact\.person controlChar$/);
		});
	});

	it('turns a row that was being sent into a due row', async () => {
		await seedDevice();
		const file = await exportBackup();
		file.records.outbox[0] = { ...file.records.outbox[0]!, status: 'sending', nextAttemptAt: 9_999_999_999_999 };
		await wipe();
		await importBackup(file);
		const row = await getDb().outbox.get(file.records.outbox[0]!.id);
		expect(row!.status).toBe('pending');
		expect(row!.nextAttemptAt).toBeLessThanOrEqual(Date.now());
	});

	it('explains what is wrong with a file it cannot use', async () => {
		await seedDevice();
		const file = await exportBackup();
		const code = async (input: unknown) =>
			importBackup(input).then(
				() => 'ok',
				(e: unknown) => (e instanceof BackupError ? e.code : String(e))
			);
		expect(await code('{not json')).toBe('notJson');
		expect(await code({ hello: 1 })).toBe('notBackup');
		expect(await code({ ...file, version: 2 })).toBe('newerVersion');
		expect(await code({ ...file, exportedAt: 'yesterday' })).toBe('invalid');
		expect(await code({ ...file, records: { ...file.records, orders: [{ id: 'x' }] } })).toBe('invalid');
		await setMeta(META.session, { token: 't', accountId: 'someone-else' });
		expect(await code(file)).toBe('otherAccount');
	});

	it('has nothing to export on an empty device', async () => {
		await expect(exportBackup()).rejects.toMatchObject({ code: 'nothingToExport' });
	});
});
