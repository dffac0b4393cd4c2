// The renderer end to end in Node with template CD-FA-2026.1: every field value is in the extracted text, missing glyphs are refused, output is deterministic.
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { capitalAmount } from '../domain/capitalAmount';
import type { ContractRecord } from '../domain/contract';
import { formatYuan } from '../domain/money';
import { MissingGlyphError } from './coverage';
import { exampleFiling, exampleFramework, exampleOrder, exampleOrderContract } from './examples';
import { loadContractFontsNode } from './fonts-node';
import { shanghaiDate } from './templates/2026.1/format';
import { type ContractFonts, contentFingerprint, renderContractPdf } from './render';
import { PAGE } from './templates/2026.1/layout';
import { ORDER_COLUMNS } from './templates/2026.1/text';

const V1 = 'CD-FA-2026.1';
let fonts: ContractFonts;
beforeAll(async () => {
	fonts = await loadContractFontsNode(V1);
});

const squash = (s: string) => s.replace(/\s+/g, '');

async function pagesOf(pdf: Uint8Array): Promise<string[]> {
	const doc = await getDocumentProxy(pdf.slice());
	const { text } = await extractText(doc, { mergePages: false });
	return text.map(squash);
}

/** Text items whose baseline lies in the footer band but are not footer lines (i.e. body text running into it). */
async function textInFooterBand(pdf: Uint8Array, record: ContractRecord): Promise<string[]> {
	const doc = await getDocumentProxy(pdf.slice());
	const fingerprint = await contentFingerprint(record);
	const footer = new Set([record.number, fingerprint, '内容指纹 SHA-256']);
	const bad: string[] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const page = await doc.getPage(n);
		const { items } = await page.getTextContent();
		for (const item of items) {
			if (!('str' in item) || item.str.trim() === '') continue;
			const y = item.transform[5] as number;
			if (y < PAGE.bottom && !footer.has(item.str) && !/^第 \d+ 页 共 \d+ 页$/.test(item.str))
				bad.push(`p${n}: ${item.str}`);
		}
	}
	return bad;
}

/** The strings of the record a reader must find in the document. */
function expectedValues(r: ContractRecord): string[] {
	const values = [
		r.number,
		r.templateVersion,
		r.partyA.name,
		r.partyA.creditCode,
		r.partyA.legalRepresentative,
		r.partyA.registeredAddress,
		r.partyB.name,
		r.partyB.creditCode,
		r.partyB.registeredAddress,
		r.contact.person,
		r.contact.phone,
		r.contact.email,
		r.contact.mailingAddress
	];
	if (r.kind === 'filing') {
		values.push(r.filing.filingNumber, r.filing.orderNumber, r.filing.entityName, r.filing.filedOn);
		for (const site of r.filing.sites) values.push(site.siteNumber, site.name, ...site.domains);
	}
	if (r.kind === 'order') {
		for (const o of r.orders) values.push(o.id, o.product, o.spec, formatYuan(o.amountFen), shanghaiDate(o.paidAt));
		values.push(formatYuan(r.totalFen), capitalAmount(r.totalFen));
	}
	return values.map(squash);
}

describe.each([
	['framework', () => exampleFramework(V1), '云服务框架协议'],
	['filing', () => exampleFiling(V1), '云服务合同（附：备案信息）'],
	['order', () => exampleOrder(V1), '云服务合同（附：订单信息）']
] as const)('%s contract', (_kind, make, title) => {
	it('shows every field value of the record, the title and the page footers', async () => {
		const record = make();
		const pdf = await renderContractPdf(record, fonts);
		const pages = await pagesOf(pdf);
		const all = pages.join('');
		expect(all).toContain(title);
		for (const value of expectedValues(record)) expect(all, value).toContain(value);
		for (const rare of '喆堃珺玥') expect(all).toContain(rare);
		const fingerprint = await contentFingerprint(record);
		pages.forEach((page, i) => {
			expect(page).toContain(`第${i + 1}页共${pages.length}页`);
			expect(page).toContain(record.number);
			expect(page).toContain(fingerprint);
		});
		expect(all).toContain('甲方（盖章）');
		expect(all).toContain('乙方（盖章）');
	});

	it('gives byte-identical output for the same record', async () => {
		const a = await renderContractPdf(make(), fonts);
		const b = await renderContractPdf(structuredClone(make()), fonts);
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
	});
});

describe('missing glyphs', () => {
	it.each([
		['partyA.name', (r: ContractRecord) => ({ ...r, partyA: { ...r.partyA, name: '𠀀字科技有限公司' } }), '𠀀'],
		// Typed fields (联系人, 通讯地址) are refused earlier, by the schema's font check; the renderer's own guard
		// still names a character in data the account's identity supplies.
		[
			'partyA.registeredAddress',
			(r: ContractRecord) => ({ ...r, partyA: { ...r.partyA, registeredAddress: '杭州市 😀 路' } }),
			'😀'
		],
		[
			'orders[3].product',
			(r: ContractRecord) =>
				r.kind === 'order'
					? { ...r, orders: r.orders.map((o, i) => (i === 3 ? { ...o, product: '云服务器𪚥' } : o)) }
					: r,
			'𪚥'
		]
	] as const)('refuses a record with a character the font lacks in %s', async (field, change, char) => {
		const record = change(exampleOrder(V1)) as ContractRecord;
		const error = await renderContractPdf(record, fonts).then(
			() => undefined,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(MissingGlyphError);
		expect(error).toMatchObject({ field, char, codePoint: char.codePointAt(0) });
		expect((error as Error).message).toContain(char);
		expect((error as Error).message).toContain(field);
	});
});

describe('size', () => {
	it('keeps the framework agreement under 200 KB', async () => {
		const pdf = await renderContractPdf(exampleFramework(V1), fonts);
		expect(pdf.length).toBeLessThanOrEqual(200 * 1024);
	});

	it('renders 1,000 orders under 1 MB with the header row on every attachment page', async () => {
		const record = exampleOrderContract(1000, V1);
		const pdf = await renderContractPdf(record, fonts);
		expect(pdf.length).toBeLessThanOrEqual(1024 * 1024);
		const pages = await pagesOf(pdf);
		const header = squash(ORDER_COLUMNS.join(''));
		const first = pages.findIndex((p) => p.includes('附件：订单信息'));
		expect(first).toBeGreaterThan(0);
		const attachment = pages.slice(first);
		expect(attachment.length).toBeGreaterThan(20);
		for (const page of attachment) expect(page).toContain(header);
		const all = pages.join('');
		for (const o of [record.orders[0]!, record.orders[499]!, record.orders[999]!]) expect(all).toContain(o.id);
		expect(all).toContain(squash(capitalAmount(record.totalFen)));
		expect(await textInFooterBand(pdf, record)).toEqual([]);
	});

	it('splits a site row taller than a page and keeps body text out of the footer', async () => {
		const base = exampleFiling(V1);
		const label = (i: number, j: number) => `s${i}d${j}-${'x'.repeat(40)}`;
		const record = {
			...base,
			filing: {
				...base.filing,
				sites: Array.from({ length: 3 }, (_, i) => ({
					siteNumber: `${base.filing.filingNumber}-${i + 1}`,
					name: `珺玥站点${i + 1}`.padEnd(60, '喆'),
					domains: Array.from({ length: 50 }, (_, j) => `${label(i, j)}.${label(j, i)}.example.cn`)
				}))
			}
		};
		const pdf = await renderContractPdf(record, fonts);
		const fingerprint = await contentFingerprint(record);
		// Remove what repeats on every page so a row continued across a page break reads as one text.
		const all = (await pagesOf(pdf))
			.map((p) =>
				p
					.replace(new RegExp(`第\\d+页共\\d+页${record.number}内容指纹SHA-256${fingerprint}`), '')
					.replace('网站备案号网站名称网站域名', '')
			)
			.join('');
		for (const site of record.filing.sites) {
			for (const d of site.domains) expect(all.includes(d), d).toBe(true);
		}
		expect(await textInFooterBand(pdf, record)).toEqual([]);
	});
});
