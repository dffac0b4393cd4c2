// Verification on the device: the three answers online (server stubbed) and offline (Dexie only), and the number in a PDF.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveGeneratedContract } from '../../db/contracts';
import { forgetDb, getDb } from '../../db/database';
import { exampleFrameworkRecord } from '../../../../tests/support/lib/db/records';
import type { PublicVerifyAnswer } from '../../domain/verification';
import { checkOnServer, contractNumberOf, ServerUnavailableError, verifyContract, type VerifyInput } from './verify';

const CONTENT = 'c'.repeat(64);
const PDF = 'a'.repeat(64);
const OTHER = 'e'.repeat(64);
const record = exampleFrameworkRecord();

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
	await saveGeneratedContract({ record, contentHash: CONTENT, pdf: new Uint8Array([37, 80, 68, 70]), pdfSha256: PDF });
});
afterEach(() => getDb().close());

const offline = { online: () => false };
const server = (answer: PublicVerifyAnswer | Error) => ({
	online: () => true,
	server: async () => {
		if (answer instanceof Error) throw answer;
		return answer;
	}
});
const registered = (match: boolean): Extract<PublicVerifyAnswer, { registered: true }> => ({
	number: record.number,
	registered: true,
	match,
	kind: 'framework',
	registeredAt: '2026-11-26T02:01:00.000Z',
	partyA: '深圳市喆**网络科技有限公司',
	partyB: '云栈科技（深圳）有限公司'
});

describe('offline: against the contracts on the device', () => {
	it('a pending contract with the same content: content matches, not registered yet', async () => {
		const outcome = await verifyContract({ number: record.number, fingerprint: CONTENT }, offline);
		expect(outcome).toMatchObject({ verdict: 'unregisteredMatch', source: 'device', serverUnreachable: true });
		expect(outcome.details?.partyA).toContain('**');
		// The provider's own name is public: only the customer's is masked.
		expect(outcome.details?.partyB).toBe(record.partyB.name);
	});

	it('a registered contract: 已登记，内容一致 by fingerprint and by the PDF hash', async () => {
		await getDb().contracts.update(record.id, { status: 'effective', registeredAt: '2026-11-26T02:01:00.000Z' });
		expect((await verifyContract({ number: record.number, fingerprint: CONTENT }, offline)).verdict).toBe('match');
		expect((await verifyContract({ number: record.number, pdfSha256: PDF }, offline)).verdict).toBe('match');
		// A file without a number in it is found by its hash alone.
		const byHash = await verifyContract({ number: null, pdfSha256: PDF }, offline);
		expect(byHash).toMatchObject({ verdict: 'match', number: record.number, serverUnreachable: false });
	});

	it("a registered contract's registered copy: rendered on the device and matched, saying which file it is", async () => {
		await getDb().contracts.update(record.id, { status: 'effective', registeredAt: '2026-11-26T02:01:00.000Z' });
		const rendered: string[] = [];
		const registeredCopySha = async (row: { id: string }) => (rendered.push(row.id), OTHER);
		const file: VerifyInput = { number: record.number, pdfSha256: OTHER };
		expect(await verifyContract(file, { ...offline, registeredCopySha })).toMatchObject({
			verdict: 'match',
			source: 'device',
			rendition: 'registeredCopy'
		});
		expect(rendered).toEqual([record.id]);
		// Another file is still another file; a render that cannot run (fonts offline) changes nothing.
		const changed = { number: record.number, pdfSha256: 'f'.repeat(64) };
		expect((await verifyContract(changed, { ...offline, registeredCopySha })).verdict).toBe('mismatch');
		const noFonts = async () => Promise.reject(new Error('font fetch failed'));
		expect((await verifyContract(file, { ...offline, registeredCopySha: noFonts })).verdict).toBe('mismatch');
		// The original is found without rendering anything; online the server answers and nothing renders either.
		rendered.length = 0;
		const original = await verifyContract({ number: record.number, pdfSha256: PDF }, { ...offline, registeredCopySha });
		expect(original).toMatchObject({ verdict: 'match', rendition: 'original' });
		await verifyContract(file, { ...server(registered(false)), registeredCopySha });
		expect(rendered).toEqual([]);
	});

	it('a pending contract has no registered copy: nothing is rendered', async () => {
		const rendered: string[] = [];
		const registeredCopySha = async (row: { id: string }) => (rendered.push(row.id), OTHER);
		const outcome = await verifyContract(
			{ number: record.number, pdfSha256: OTHER },
			{ ...offline, registeredCopySha }
		);
		expect(outcome.verdict).toBe('mismatch');
		expect(rendered).toEqual([]);
	});

	it('another fingerprint for a stored number: 与登记版本不一致', async () => {
		expect((await verifyContract({ number: record.number, fingerprint: OTHER }, offline)).verdict).toBe('mismatch');
	});

	it('a void contract (its registration refused) is not found, and says why', async () => {
		await getDb().contracts.update(record.id, { status: 'void' });
		const outcome = await verifyContract({ number: record.number, fingerprint: CONTENT }, offline);
		expect(outcome).toMatchObject({ verdict: 'notFound', refused: true });
	});

	it('an unknown number: 未找到该合同, saying the server could not be asked', async () => {
		const outcome = await verifyContract({ number: 'HT-20260101-00000000', fingerprint: CONTENT }, offline);
		expect(outcome).toMatchObject({ verdict: 'notFound', serverUnreachable: true });
	});
});

describe('online: the server is the authority', () => {
	const input: VerifyInput = { number: record.number, fingerprint: CONTENT };

	it('registered and matching', async () => {
		const outcome = await verifyContract(input, server(registered(true)));
		expect(outcome).toMatchObject({ verdict: 'match', source: 'server', serverUnreachable: false });
		expect(outcome.details?.registeredAt).toBe('2026-11-26T02:01:00.000Z');
	});

	it("says which of the provider's files a checked file is", async () => {
		const file: VerifyInput = { number: record.number, pdfSha256: OTHER };
		const copy = await verifyContract(file, server({ ...registered(true), rendition: 'registeredCopy' }));
		expect(copy).toMatchObject({ verdict: 'match', rendition: 'registeredCopy' });
		const original = await verifyContract(file, server({ ...registered(true), rendition: 'original' }));
		expect(original.rendition).toBe('original');
		expect((await verifyContract(file, server(registered(false)))).rendition).toBeUndefined();
	});

	it('registered but another version, even when the device holds the same content', async () => {
		expect((await verifyContract(input, server(registered(false)))).verdict).toBe('mismatch');
	});

	it('not registered: the device copy is reported as not registered yet; otherwise not found', async () => {
		const none = { number: record.number, registered: false } as const;
		expect((await verifyContract(input, server(none))).verdict).toBe('unregisteredMatch');
		const unknown = await verifyContract(
			{ number: 'HT-20260101-00000000', fingerprint: CONTENT },
			server({ ...none, number: 'HT-20260101-00000000' })
		);
		expect(unknown).toMatchObject({ verdict: 'notFound', source: 'server', serverUnreachable: false });
	});

	it('a failing server falls back to the device and says so', async () => {
		const outcome = await verifyContract(input, server(new ServerUnavailableError('HTTP 503')));
		expect(outcome).toMatchObject({ verdict: 'unregisteredMatch', source: 'device', serverUnreachable: true });
	});
});

describe('checkOnServer', () => {
	it('asks the public endpoint with the fingerprint, and treats 429 and bad answers as unavailable', async () => {
		const asked: string[] = [];
		const ok = (async (url: string) => {
			asked.push(url);
			return Response.json(registered(true));
		}) as unknown as typeof fetch;
		expect(await checkOnServer({ number: record.number, fingerprint: CONTENT }, ok)).toEqual(registered(true));
		expect(asked).toEqual([`/api/v1/verify/${record.number}?fingerprint=${CONTENT}`]);
		const limited = (async () =>
			Response.json({ error: 'tooManyRequests' }, { status: 429 })) as unknown as typeof fetch;
		await expect(checkOnServer({ number: record.number, pdfSha256: PDF }, limited)).rejects.toBeInstanceOf(
			ServerUnavailableError
		);
		const odd = (async () => Response.json({ registered: 'yes' })) as unknown as typeof fetch;
		await expect(checkOnServer({ number: record.number, pdfSha256: PDF }, odd)).rejects.toBeInstanceOf(
			ServerUnavailableError
		);
	});
});

describe('contractNumberOf', () => {
	const enc = (s: string) => new TextEncoder().encode(s);
	it('finds the number in ASCII or UTF-16BE metadata, else in the file name', () => {
		expect(contractNumberOf(enc('%PDF-1.3\n/Subject (HT-20260315-1A2B3C4D)\n'))).toBe('HT-20260315-1A2B3C4D');
		const utf16 = new Uint8Array([
			0xfe,
			0xff,
			...Array.from('HT-20260315-1A2B3C4D').flatMap((ch) => [0, ch.charCodeAt(0)])
		]);
		expect(contractNumberOf(utf16)).toBe('HT-20260315-1A2B3C4D');
		expect(contractNumberOf(enc('%PDF-1.3'), 'HT-20260315-1A2B3C4D (1).pdf')).toBe('HT-20260315-1A2B3C4D');
		expect(contractNumberOf(enc('%PDF-1.3'), 'scan.pdf')).toBeNull();
	});
});
