// The render tests of the template versions: a PDF as poppler reads it, and the reader's and scanner's checks every version since 2026.2 passes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capitalAmount } from '../../../../src/lib/domain/capitalAmount';
import {
	contractRecord,
	type ContractRecord,
	type FilingContract,
	type OrderContract
} from '../../../../src/lib/domain/contract';
import { formatYuan } from '../../../../src/lib/domain/money';
import type { ContractKind } from '../../../../src/lib/domain/contractKinds';
import type { TemplateVersion } from '../../../../src/lib/domain/templateVersions';
import {
	EXAMPLE_VERIFY_ORIGIN,
	exampleFiling,
	exampleFramework,
	exampleOrderContract
} from '../../../../src/lib/pdf/examples';
import { loadContractFontsNode } from '../../../../src/lib/pdf/fonts-node';
import { type ContractFonts, contentFingerprint, renderContractPdf } from '../../../../src/lib/pdf/render';
import { cnCalendarDate, cnDate, cnDateTime } from '../../../../src/lib/pdf/templates/2026.2/format';
import { PAGE } from '../../../../src/lib/pdf/templates/2026.2/layout';

/** The fonts a test file renders with and the PDFs it writes for poppler, in a folder removed after the file. */
export interface PdfFiles {
	/** The faces of `version`'s font set (loaded before the first test). */
	readonly fonts: ContractFonts;
	/** Writes the PDF into the file's folder; returns its path. */
	file(pdf: Uint8Array): string;
}

/** Loads `version`'s fonts and makes a temporary folder for the calling test file (beforeAll/afterAll). */
export function pdfFiles(version: TemplateVersion): PdfFiles {
	let fonts: ContractFonts | undefined;
	let dir = '';
	let seq = 0;
	beforeAll(async () => {
		fonts = await loadContractFontsNode(version);
		dir = mkdtempSync(join(tmpdir(), `pdf-${version}-`));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	return {
		get fonts() {
			if (!fonts) throw new Error('fonts are loaded in beforeAll: use them inside a test');
			return fonts;
		},
		file(pdf) {
			const path = join(dir, `doc-${++seq}.pdf`);
			writeFileSync(path, pdf);
			return path;
		}
	};
}

/** The document's text with every space and line break removed: a wrapped clause reads as one string. */
export function plainText(files: PdfFiles, pdf: Uint8Array): string {
	return execFileSync('pdftotext', ['-enc', 'UTF-8', files.file(pdf), '-'], {
		encoding: 'utf8',
		maxBuffer: 64 << 20
	}).replace(/\s+/g, '');
}

/** pdftotext -layout, one string per page: what a reader sees, line by line, with the columns kept apart. */
function layoutPages(files: PdfFiles, pdf: Uint8Array): string[] {
	return execFileSync('pdftotext', ['-layout', files.file(pdf), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
		.split('\f')
		.slice(0, -1);
}

const linesOf = (pages: string[]) => pages.flatMap((p) => p.split('\n'));

/** The PDF's objects with every Flate stream inflated: page content operators and catalog entries as text. */
function rawContent(pdf: Uint8Array): string {
	const bytes = Buffer.from(pdf);
	const out: string[] = [bytes.toString('latin1')];
	const text = out[0]!;
	for (const m of text.matchAll(/stream\r?\n/g)) {
		const start = m.index + m[0].length;
		const end = text.indexOf('endstream', start);
		try {
			out.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
		} catch {
			// not a Flate stream (or a font program): nothing to read in it
		}
	}
	return out.join('\n');
}

/** Renders a page at 100 dpi in grey (what a cheap scan gives) and decodes the QR code in it. */
function decodeAt100dpi(path: string, page: number): string | undefined {
	const pgm = execFileSync('pdftoppm', ['-r', '100', '-gray', '-f', String(page), '-l', String(page), path], {
		maxBuffer: 64 << 20
	});
	// Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
	const header = pgm
		.subarray(0, 40)
		.toString('latin1')
		.match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
	if (!header) throw new Error('not a PGM');
	const [w, h] = [Number(header[1]), Number(header[2])];
	const gray = pgm.subarray(header[0].length);
	const rgba = new Uint8ClampedArray(w * h * 4);
	for (let i = 0; i < w * h; i++) {
		rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = gray[i]!;
		rgba[i * 4 + 3] = 255;
	}
	return jsQR(rgba, w, h)?.data;
}

const KINDS = ['framework', 'filing', 'order'] as const;

/** The versions whose contracts share 2026.2's layout, words and formats (2026.3 sets them in the complete face). */
export type RenderedVersion = '2026.2' | '2026.3';

/**
 * Template `v` as a reader and a scanner see it: poppler's layout text, page rasters, metadata and the QR code.
 * A version's own cases stay in its render.test.ts beside the call.
 */
export function describeRender(v: RenderedVersion): void {
	const FA = `CD-FA-${v}` as const;
	const FL = `CD-FL-${v}` as const;
	const OR = `CD-OR-${v}` as const;

	describe(`template ${v} as a reader and a scanner see it`, () => {
		const files = pdfFiles(OR);
		const render = (record: ContractRecord, options?: { registeredAt?: string }) =>
			renderContractPdf(record, files.fonts, options);
		const pagesOf = (pdf: Uint8Array) => layoutPages(files, pdf);
		/** This version's example of a kind; an order contract with `orders` orders. */
		const example = (kind: ContractKind, orders: number): ContractRecord =>
			kind === 'framework'
				? exampleFramework(FA)
				: kind === 'filing'
					? exampleFiling(FL)
					: exampleOrderContract(orders, OR);

		function orderContract(orders: { id: string; amountFen: number }[]): OrderContract {
			const base = exampleOrderContract(orders.length, OR);
			const lines = base.orders.map((o, i) => ({ ...o, ...orders[i]! }));
			return contractRecord.parse({
				...base,
				orders: lines,
				totalFen: lines.reduce((s, o) => s + o.amountFen, 0)
			}) as OrderContract;
		}

		describe('order attachment', () => {
			it('prints ¥999,999,999,999.99 and 24-digit order ids whole, each on one line', async () => {
				const orders = [
					{ id: '9'.repeat(24), amountFen: 99_999_999_999_999 },
					{ id: '123456789012345678901234', amountFen: 12_345_678_901_234 },
					{ id: '1000000000', amountFen: 1 },
					{ id: '20260315000000000000012', amountFen: 99_999_999_999_999 }
				];
				const record = orderContract(orders);
				const text = linesOf(pagesOf(await render(record)));
				for (const o of orders) {
					const row = text.find((l) => l.includes(o.id));
					expect(row, o.id).toBeDefined();
					expect(row, o.id).toContain(formatYuan(o.amountFen));
				}
				expect(text.some((l) => l.includes('999,999,999,999.99'))).toBe(true);
				expect(text.some((l) => l.includes(`¥${formatYuan(record.totalFen)}`))).toBe(true);
				expect(text.some((l) => l.includes(`人民币${capitalAmount(record.totalFen)}`))).toBe(true);
			});

			it('an amount past 15 digits shrinks in its cell and still reads whole', async () => {
				const record = orderContract([{ id: '1'.repeat(24), amountFen: Number.MAX_SAFE_INTEGER }]);
				const text = linesOf(pagesOf(await render(record)));
				expect(text.some((l) => l.includes(formatYuan(Number.MAX_SAFE_INTEGER)))).toBe(true);
			});

			it.each([1, 2, 3, 16, 17, 18, 19, 20, 21, 40, 41, 42, 43])(
				'with %i orders the totals are the last rows, on the page of the last orders (at least three), then 以下空白',
				async (n) => {
					const record = exampleOrderContract(n, OR);
					const pages = pagesOf(await render(record));
					const totalPage = pages.findIndex((p) => p.includes('合计金额（小写）'));
					expect(totalPage).toBeGreaterThan(0);
					const page = pages[totalPage]!;
					for (const o of record.orders.slice(-Math.min(3, n))) expect(page, o.id).toContain(o.id);
					// Totals come after the last order and before 以下空白, and nothing of the table follows.
					const at = (s: string) => page.indexOf(s);
					expect(at('合计金额（小写）')).toBeGreaterThan(at(record.orders.at(-1)!.id));
					expect(at('合计金额（大写）')).toBeGreaterThan(at('合计金额（小写）'));
					expect(at('以下空白')).toBeGreaterThan(at('合计金额（大写）'));
					// Every page of the attachment repeats the header row.
					const first = pages.findIndex((p) => p.includes('附件：订单信息'));
					for (const p of pages.slice(first))
						expect(p.replace(/ +/g, ' ')).toMatch(/序号 订单号 产品 规格 计费方式 支付日期 金额（元）/);
				}
			);
		});

		describe('execution page', () => {
			it.each(KINDS)(
				'%s: （以下无正文）, both parties with seal area, signatory and date blanks, and the electronic record',
				async (kind) => {
					const record = example(kind, 5);
					const pdf = await render(record);
					const all = pagesOf(pdf).join('\n');
					expect(all).toContain('（以下无正文）');
					expect(all.match(/法定代表人或授权代表（签字）/g)).toHaveLength(2);
					expect(all.match(/____年____月____日/g)).toHaveLength(2);
					expect(all.match(/盖章处/g)).toHaveLength(2);
					expect(all).toContain('甲方（盖章）');
					expect(all).toContain('乙方（盖章）');
					expect(all).toContain('电子签署记录');
					expect(all).toContain('2026年3月15日 10:30（北京时间），由甲方');
					expect(all).toContain(await contentFingerprint(record));
					// （以下无正文） closes the clauses before the execution block.
					expect(all.indexOf('（以下无正文）')).toBeLessThan(all.indexOf('甲方（盖章）'));
					// Two dashed seal areas of 45 × 45 mm (127.56 pt) in the page content.
					const content = rawContent(pdf);
					expect(content.match(/ 127\.559\d* -127\.559\d* re/g)).toHaveLength(2);
				}
			);

			it('a registered copy prints the registration time; the record and its fingerprint stay the same', async () => {
				const record = exampleFramework(FA);
				const generated = await render(record);
				const registered = await render(record, { registeredAt: '2026-03-15T03:05:00.000Z' });
				const text = pagesOf(registered).join('\n');
				expect(text).toContain('2026年3月15日 11:05（北京时间），乙方登记本合同');
				expect(text).toContain(await contentFingerprint(record));
				expect(pagesOf(generated).join('\n')).not.toContain('乙方登记本合同');
				expect(Buffer.from(generated).equals(Buffer.from(registered))).toBe(false);
			});
		});

		describe('one voice', () => {
			it('filing and order contracts say 本合同, the framework agreement 本协议; dates read 2026年3月15日', async () => {
				for (const record of [exampleFiling(FL), exampleOrderContract(3, OR)]) {
					const all = pagesOf(await render(record)).join('\n');
					expect(all).not.toContain('本协议');
					expect(all).toContain('本合同');
					expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}/);
					expect(all).not.toMatch(/年0\d月/);
				}
				const framework = pagesOf(await render(exampleFramework(FA))).join('\n');
				expect(framework).toContain('本协议');
				expect(framework).toContain('2026年3月15日 10:30');
				const filing = pagesOf(await render(exampleFiling(FL))).join('\n');
				expect(filing).toContain('2024年3月20日');
			});

			it('carries title, author, subject, keywords, creator and language, and names its fonts as subsets', async () => {
				const record = exampleOrderContract(3, OR);
				const pdf = await render(record);
				const path = files.file(pdf);
				const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
				const fingerprint = await contentFingerprint(record);
				expect(info).toMatch(new RegExp(`Title: +云服务合同（附：订单信息） ${record.number}`));
				expect(info).toMatch(new RegExp(`Author: +${record.partyB.name.replace(/[()（）]/g, '.')}`));
				expect(info).toMatch(/Creator: +合同台 Contract Desk/);
				expect(info).toContain(`Keywords:        ${record.number} SHA-256:${fingerprint}`);
				expect(info).toMatch(/Subject: +云服务合同（附：订单信息）：/);
				const raw = rawContent(pdf);
				expect(raw).toContain('/Lang (zh-CN)');
				expect(raw).toMatch(/\/DisplayDocTitle true/);
				const fontsList = execFileSync('pdffonts', [path], { encoding: 'utf8' });
				expect(fontsList).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular /m);
				expect(fontsList).toMatch(/^[A-Z]{6}\+NotoSerifSC-Bold /m);
			});
		});

		describe('filing attachment', () => {
			const label63 = `${'a'.repeat(30)}-${'b'.repeat(32)}`;
			function bigFiling(): FilingContract {
				const base = exampleFiling(FL);
				return contractRecord.parse({
					...base,
					filing: {
						...base.filing,
						sites: Array.from({ length: 20 }, (_, i) => ({
							siteNumber: `${base.filing.filingNumber}-${i + 1}`,
							name: `珺玥站点${i + 1}号喆堃云文档与在线商城`,
							domains: Array.from({ length: 50 }, (_, j) =>
								j === 0
									? `${label63}.example.com.cn`
									: j === 1
										? '喆堃.中国'
										: j === 2
											? 'xn--fiq228c.xn--fiqs8s'
											: `s${i}d${j}.zhekun-holdings.example.com.cn`
							)
						}))
					}
				}) as FilingContract;
			}

			it('20 sites of 50 domains: one domain per line and whole (a 63-character label too), IDN in Unicode with punycode beside', async () => {
				expect(label63).toHaveLength(63);
				const record = bigFiling();
				const text = linesOf(pagesOf(await render(record)));
				for (const site of record.filing.sites) {
					for (const d of site.domains.filter((d) => /^[a-z0-9.-]+$/.test(d) && !d.startsWith('xn--'))) {
						expect(
							text.some((l) => new RegExp(`(^|\\s)${d.replaceAll('.', '\\.')}(\\s|$)`).test(l)),
							d
						).toBe(true);
					}
				}
				expect(text.filter((l) => l.includes(`${label63}.example.com.cn`))).toHaveLength(20);
				expect(text.filter((l) => l.includes('喆堃.中国（xn--50ru1d.xn--fiqs8s）'))).toHaveLength(20);
				expect(text.filter((l) => l.includes('中文.中国（xn--fiq228c.xn--fiqs8s）'))).toHaveLength(20);
			});

			it('a site row continued on the next page repeats its 备案号 and 名称 marked （续） under the repeated header', async () => {
				const record = bigFiling();
				const pages = pagesOf(await render(record));
				const first = pages.findIndex((p) => p.includes('附件：备案信息'));
				const continued = pages.slice(first + 1);
				expect(continued.length).toBeGreaterThan(5);
				let marks = 0;
				for (const page of continued) {
					expect(page.replace(/ +/g, ' ')).toContain('网站备案号 网站名称 网站域名');
					// A page whose first row continues a site shows that site's number, then （续）.
					const body = page.split('\n');
					const headerAt = body.findIndex((l) => l.includes('网站备案号'));
					const firstRow = body.slice(headerAt + 1).find((l) => l.trim() !== '')!;
					const site = record.filing.sites.find((s) => firstRow.includes(`${s.siteNumber} `));
					expect(site, firstRow).toBeDefined();
					// The first three domains are alike in every site; from the fourth on they are the site's own.
					const own = site!.domains.slice(3);
					if (!page.includes(own[0]!) && own.some((d) => page.includes(d))) {
						const top = body.slice(headerAt + 1, headerAt + 6).join('\n');
						expect(top).toContain('（续）');
						expect(top).toContain(site!.name.slice(0, 6));
						marks++;
					}
				}
				expect(marks).toBeGreaterThan(3);
			});

			it('a domain too long for its line even shrunk wraps with a continuation mark', async () => {
				const base = exampleFiling(FL);
				const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.example.cn`;
				const record = contractRecord.parse({
					...base,
					filing: { ...base.filing, sites: [{ ...base.filing.sites[0]!, domains: [long, 'short.example.cn'] }] }
				});
				const text = pagesOf(await render(record)).join('\n');
				expect(text).toContain('→');
				expect(text.replace(/→\s*\n\s*/g, '').replace(/\s+/g, '')).toContain(long);
			});
		});

		describe('QR code', () => {
			it.each(['framework', 'order'] as const)(
				'%s: decodes from every page at 100 dpi to <origin>/verify/<number>#<fingerprint>',
				async (kind) => {
					const record = example(kind, 30);
					const path = files.file(await render(record));
					const want = `${EXAMPLE_VERIFY_ORIGIN}/verify/${record.number}#${await contentFingerprint(record)}`;
					const pages = Number(execFileSync('pdfinfo', [path], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]);
					for (let p = 1; p <= pages; p++) expect(decodeAt100dpi(path, p), `page ${p}`).toBe(want);
				}
			);

			it('has a quiet zone of at least 4 modules: nothing is drawn around it', async () => {
				const record = exampleFramework(FA);
				const path = files.file(await render(record));
				// At 100 dpi a module is 1.75 pt ≈ 2.43 px: the band of 4 modules (≈ 9.7 px) around the code must be white.
				const pgm = execFileSync('pdftoppm', ['-r', '100', '-gray', '-f', '1', '-l', '1', path]);
				const header = pgm
					.subarray(0, 40)
					.toString('latin1')
					.match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)!;
				const [w, h] = [Number(header[1]), Number(header[2])];
				const px = (x: number, y: number) => pgm[header[0].length + y * w + x]!;
				// Find the code: the dark pixels in the bottom-right quarter.
				let [minX, minY, maxX, maxY] = [w, h, 0, 0];
				// Below the footer rule (737.9 pt), which stops short of the quiet zone.
				for (let y = Math.ceil((740 * 100) / 72); y < h; y++)
					for (let x = Math.floor(w * 0.6); x < w; x++)
						if (px(x, y) < 128)
							[minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
				const quiet = Math.floor(4 * 1.75 * (100 / 72)) - 1;
				for (let y = minY - quiet; y <= maxY + quiet; y++) {
					for (let x = minX - quiet; x <= maxX + quiet; x++) {
						// One pixel next to the code may be grey from anti-aliasing of its edge modules.
						const inside = x >= minX - 1 && x <= maxX + 1 && y >= minY - 1 && y <= maxY + 1;
						if (!inside && x >= 0 && y >= 0 && x < w && y < h) expect(px(x, y), `${x},${y}`).toBeGreaterThan(200);
					}
				}
			});
		});

		describe('every kind', () => {
			const squash = (s: string) => s.replace(/\s+/g, '');
			/** The strings of the record a reader must find, in the 2026.2 formats. */
			function expectedValues(r: ContractRecord): string[] {
				const values = [
					r.number,
					r.templateVersion,
					cnDateTime(r.createdAt),
					r.partyA.name,
					r.partyA.creditCode,
					r.partyA.legalRepresentative,
					r.partyA.registeredAddress,
					r.partyB.name,
					r.partyB.creditCode,
					r.partyB.registeredAddress,
					r.partyB.verifyOrigin!,
					r.contact.person,
					r.contact.phone,
					r.contact.email,
					r.contact.mailingAddress
				];
				if (r.kind === 'filing') {
					values.push(
						r.filing.filingNumber,
						r.filing.orderNumber,
						r.filing.entityName,
						cnCalendarDate(r.filing.filedOn)
					);
					for (const site of r.filing.sites) values.push(site.siteNumber, site.name, ...site.domains);
				}
				if (r.kind === 'order') {
					for (const o of r.orders) values.push(o.id, o.product, o.spec, formatYuan(o.amountFen), cnDate(o.paidAt));
					values.push(`¥${formatYuan(r.totalFen)}`, `人民币${capitalAmount(r.totalFen)}`);
				}
				return values.map(squash);
			}

			it.each([
				['framework', '云服务框架协议'],
				['filing', '云服务合同（附：备案信息）'],
				['order', '云服务合同（附：订单信息）']
			] as const)('%s: every field value, the title, page footers; the same bytes twice', async (kind, title) => {
				const record = example(kind, 25);
				const pdf = await render(record);
				// In content order (wrapped cells read on), as text extraction gives it; the layout text interleaves columns.
				const { text } = await extractText(await getDocumentProxy(pdf.slice()), { mergePages: false });
				const pages = text.map(squash);
				const all = pages.join('');
				expect(all).toContain(title);
				for (const value of expectedValues(record)) expect(all, value).toContain(value);
				const fingerprint = await contentFingerprint(record);
				pages.forEach((page, i) => {
					expect(page).toContain(`第${i + 1}页共${pages.length}页`);
					expect(page).toContain(record.number);
					expect(page).toContain(fingerprint);
				});
				const again = await render(structuredClone(example(kind, 25)));
				expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
			});

			it('1,000 orders stay under 1 MB, with the header row on every attachment page and body text out of the footer', async () => {
				const record = exampleOrderContract(1000, OR);
				const pdf = await render(record);
				expect(pdf.length).toBeLessThanOrEqual(1024 * 1024);
				const doc = await getDocumentProxy(pdf.slice());
				const footer = new Set([record.number, await contentFingerprint(record), '内容指纹 SHA-256']);
				const bad: string[] = [];
				for (let n = 1; n <= doc.numPages; n++) {
					const { items } = await (await doc.getPage(n)).getTextContent();
					for (const item of items) {
						if (!('str' in item) || item.str.trim() === '') continue;
						const y = item.transform[5] as number;
						if (y < PAGE.bottom && !footer.has(item.str) && !/^第 \d+ 页 共 \d+ 页$/.test(item.str))
							bad.push(`p${n}: ${item.str}`);
					}
				}
				expect(bad).toEqual([]);
			});
		});
	});
}
