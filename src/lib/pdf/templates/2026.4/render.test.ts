// Template 2026.4 as a reader sees it: the glossary's 包年包月 / 按量计费 in the order table and clauses 3.1/3.2, set whole at the table's size.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { contractRecord, type ContractRecord, type OrderContract } from '../../../domain/contract';
import type { TemplateVersion } from '../../../domain/templateVersions';
import { AVOID } from '../../../pwa/i18n/glossary';
import { EXAMPLES, exampleOrderContract } from '../../examples';
import { FONT_SETS, fontSetOf, type SplitFace } from '../../fontSets';
import { FONT_DIR, loadContractFontsNode, readSplitFace } from '../../fonts-node';
import { renderContractPdf } from '../../render';
import { BOLD_TEXTS as BOLD_2026_3, TEXT as TEXT_2026_3 } from '../2026.3/text';
import { pdfFiles, plainText } from '../../../../../tests/support/lib/pdf/render';
import { BOLD_TEXTS, LABELS, TEXT } from './text';

const files = pdfFiles('CD-OR-2026.4');
const plain = (pdf: Uint8Array) => plainText(files, pdf);

type Word = { page: number; text: string; xMin: number; xMax: number; yMin: number; yMax: number };

/** Every word poppler finds, with its box in points (pdftotext -bbox). */
function words(pdf: Uint8Array): Word[] {
	const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', files.file(pdf), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
	const out: Word[] = [];
	html.split('<page ').slice(1).forEach((page, i) => {
		for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
			out.push({ page: i + 1, text: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
		}
	});
	return out;
}

const as = (kind: keyof typeof EXAMPLES, version: string): ContractRecord => EXAMPLES[kind](version as TemplateVersion);
const VERSION = { framework: 'CD-FA-2026.4', filing: 'CD-FL-2026.4', order: 'CD-OR-2026.4' } as const;

describe('2026.4 speaks the glossary', () => {
	it.each(['framework', 'filing', 'order'] as const)('the %s contract names the billing modes as the app does, and no replaced word', async (kind) => {
		const text = plain(await renderContractPdf(as(kind, VERSION[kind]), files.fonts));
		expect(text).toContain('计费方式分为包年包月（预付费）和按量计费（后付费）两种。');
		expect(text).toContain('3.2包年包月服务须于开通前足额支付；按量计费服务按实际用量于每个结算周期结束后结算。');
		const found = AVOID.filter((a) => a.locale === 'zh-CN' && !a.appOnly && a.variant.test(text)).map((a) => `${text.match(a.variant)![0]} → ${a.use}`);
		expect(found).toEqual([]);
	});

	it('2026.3 of the same record still prints its released words (frozen)', async () => {
		const text = plain(await renderContractPdf(as('framework', 'CD-FA-2026.3'), await loadContractFontsNode('CD-FA-2026.3')));
		expect(text).toContain('计费方式分为预付费和后付费两种。');
		expect(text).not.toContain('包年包月');
	});

	it('differs from 2026.3 in exactly the billing labels and clauses 3.1 and 3.2', () => {
		const changedLabels = Object.keys(TEXT.LABELS).filter((k) => {
			const key = k as keyof typeof TEXT.LABELS;
			return String(TEXT.LABELS[key]) !== String(TEXT_2026_3.LABELS[key]);
		});
		expect(changedLabels.sort()).toEqual(['postpaid', 'prepaid']);
		expect([LABELS.prepaid, LABELS.postpaid]).toEqual(['包年包月', '按量计费']);
		for (const kind of ['framework', 'filing', 'order'] as const) {
			const before = TEXT_2026_3.articles(kind).flatMap((a) => [a.heading, ...a.paragraphs]);
			const after = TEXT.articles(kind).flatMap((a) => [a.heading, ...a.paragraphs]);
			expect(after.length).toBe(before.length);
			expect(after.filter((p, i) => p !== before[i]).map((p) => p.slice(0, 4))).toEqual(['3.1 ', '3.2 ']);
		}
	});
});

describe('2026.4 on the fonts of 2026.3', () => {
	it('draws the same bold strings, so it shares font set serif-2026.3 and its bold face', () => {
		expect(BOLD_TEXTS).toEqual(BOLD_2026_3);
		for (const version of Object.values(VERSION)) expect(fontSetOf(version)).toBe('serif-2026.3');
	});

	it('every character of its text is in the core a first visit brings, not only in the rest', async () => {
		const core = await readSplitFace(FONT_DIR, FONT_SETS['serif-2026.3'].regular as SplitFace, false);
		const strings = [
			...Object.values(TEXT.LABELS).map((v) => (typeof v === 'function' ? (v as (...a: unknown[]) => string)('甲', '乙') : v)),
			...(['framework', 'filing', 'order'] as const).flatMap((k) => TEXT.articles(k).flatMap((a) => [a.heading, ...a.paragraphs]))
		];
		const pending = [...new Set([...strings.join('')])].filter((c) => core.pending.has(c.codePointAt(0)!));
		expect(pending).toEqual([]);
	});
});

/** An order contract with n orders at the widest each column is given: 24-digit ids, 15-digit amounts, long product and spec, both modes. */
function widestOrders(n: number): OrderContract {
	const base = exampleOrderContract(n, 'CD-OR-2026.4');
	const orders = base.orders.map((o, i) => ({
		...o,
		id: String(i).padStart(24, '9'),
		amountFen: 99_999_999_999_999 - i,
		product: '云数据库 RDS MySQL 版 高可用系列 独享型',
		spec: '8核 32GiB｜ESSD PL1 云盘 500GiB｜华东1（杭州）可用区 K',
		billingMode: i % 2 === 0 ? ('prepaid' as const) : ('postpaid' as const)
	}));
	return contractRecord.parse({ ...base, orders, totalFen: orders.reduce((s, o) => s + o.amountFen, 0) }) as OrderContract;
}

describe('the order table of 2026.4', () => {
	it('sets 包年包月 and 按量计费 whole at 8 pt inside the 计费方式 column, on every page of a 45-order contract at the widest values', async () => {
		const record = widestOrders(45);
		const all = words(await renderContractPdf(record, files.fonts));
		const billing = all.filter((w) => w.text === '包年包月' || w.text === '按量计费');
		expect(billing.length).toBe(45);
		expect(billing.filter((w) => w.text === '包年包月').length).toBe(23);
		expect(new Set(billing.map((w) => w.page)).size).toBeGreaterThanOrEqual(3);
		for (const w of billing) {
			// Four characters of a 1 em face at 8 pt: 32 pt wide; a shrunk cell would be narrower.
			expect(w.xMax - w.xMin, `page ${w.page}`).toBeCloseTo(32, 1);
			const header = all.find((h) => h.page === w.page && h.text === '计费方式')!;
			const next = all.find((h) => h.page === w.page && h.text === '支付日期')!;
			expect(w.xMin).toBeCloseTo(header.xMin, 3);
			// The cell keeps its 3 pt padding before the 支付日期 column.
			expect(w.xMax).toBeLessThanOrEqual(next.xMin - 6 + 0.01);
		}
		// No billing text broke into pieces (a wrapped 包年 / 包月 would show as words of their own).
		expect(all.filter((w) => /^(包年|包月|按量|计费)$/.test(w.text))).toEqual([]);
	});

	it('keeps 2026.3\'s column widths: the 计费方式 header already took four characters', async () => {
		const columns = async (version: 'CD-OR-2026.3' | 'CD-OR-2026.4') =>
			words(await renderContractPdf(exampleOrderContract(5, version), await loadContractFontsNode(version)))
				.filter((w) => ['序号', '订单号', '产品', '规格', '计费方式', '支付日期', '金额（元）'].includes(w.text))
				.map((w) => [w.text, w.xMin.toFixed(2)]);
		expect(await columns('CD-OR-2026.4')).toEqual(await columns('CD-OR-2026.3'));
	});
});
