// Template 2026.5 as a reader sees it: no line of any kind holds one character alone, a long name fits its box on the execution page, the glossary's words.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ContractRecord } from '../../../domain/contract';
import type { ContractKind } from '../../../domain/contractKinds';
import type { TemplateVersion } from '../../../domain/templateVersions';
import { AVOID } from '../../../pwa/i18n/glossary';
import { fontCoverage } from '../../coverage';
import { EXAMPLES, exampleOrderContract, LONG_NAME_EXAMPLES, LONG_NAMES } from '../../examples';
import { FONT_SETS, fontSetOf, type SplitFace } from '../../fontSets';
import { FONT_DIR, readSplitFace } from '../../fonts-node';
import { renderContractPdf } from '../../render';
import { BOLD_TEXTS as BOLD_2026_3, type TemplateText } from '../2026.3/text';
import { TEXT as TEXT_2026_4 } from '../2026.4/text';
import { pdfFiles, plainText } from '../../../../../tests/support/lib/pdf/render';
import { isLone } from './lineBreak';
import { BOLD_TEXTS, REWORDED, TEXT } from './text';

const files = pdfFiles('CD-FA-2026.5');

type Line = { page: number; text: string; yMin: number; yMax: number; xMin: number; xMax: number };

/** Every line poppler reads off the pages (pdftotext -bbox-layout), its words joined, with its box in points. */
function lines(pdf: Uint8Array): Line[] {
	const xml = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', files.file(pdf), '-'], {
		encoding: 'utf8',
		maxBuffer: 64 << 20
	});
	const out: Line[] = [];
	xml
		.split('<page ')
		.slice(1)
		.forEach((page, i) => {
			for (const m of page.matchAll(
				/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g
			)) {
				const text = [...m[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join('');
				out.push({ page: i + 1, text, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
			}
		});
	return out;
}

/** The lines that hold one Chinese character alone (punctuation counted with it): 「司」, 「准。」, 「则）。」. */
const loneHan = (all: Line[]) =>
	all.filter((l) => isLone(l.text) && /\p{Script=Han}/u.test(l.text)).map((l) => `p${l.page}: ${l.text}`);

const CODE = { framework: 'FA', filing: 'FL', order: 'OR' } as const;
const version = (kind: ContractKind, v: string) => `CD-${CODE[kind]}-${v}` as TemplateVersion;
const KINDS = ['framework', 'filing', 'order'] as const;

describe('2026.5 never leaves one character alone on a line', () => {
	it.each(KINDS)('the %s contract: its example, its long-name example', async (kind) => {
		for (const record of [EXAMPLES[kind](version(kind, '2026.5')), LONG_NAME_EXAMPLES[kind](version(kind, '2026.5'))]) {
			const all = lines(await renderContractPdf(record, files.fonts));
			expect(all.length).toBeGreaterThan(60);
			expect(loneHan(all), `${kind} ${record.partyA.name}`).toEqual([]);
		}
	});

	it('justifies the line that gave a character down: it still ends at the right margin', async () => {
		const all = lines(await renderContractPdf(EXAMPLES.framework('CD-FA-2026.5'), files.fonts));
		const i = all.findIndex((l) => l.text.endsWith('（不含冲突法'));
		expect(all[i + 1]!.text).toBe('规则）。');
		// The content's right edge: A4 (595.28 pt) less the 56 pt margin.
		expect(all[i]!.xMax).toBeCloseTo(595.28 - 56, 0);
	});

	it('nor in a 45-order contract', async () => {
		const all = lines(await renderContractPdf(exampleOrderContract(45, 'CD-OR-2026.5'), files.fonts));
		expect(loneHan(all)).toEqual([]);
	});

	it('where 2026.4 of the same records did: the clauses (以订单为/准。, 继续有/效；) and the names on the execution page', async () => {
		const found: string[] = [];
		for (const kind of KINDS) {
			for (const record of [EXAMPLES[kind](version(kind, '2026.4')), LONG_NAME_EXAMPLES[kind](version(kind, '2026.4'))])
				found.push(...loneHan(lines(await renderContractPdf(record, files.fonts))));
		}
		expect(found.length).toBeGreaterThan(10);
		for (const lone of ['准。', '效。', '则）。', '司'])
			expect(
				found.some((l) => l.endsWith(`: ${lone}`)),
				lone
			).toBe(true);
	});
});

describe('the execution page of 2026.5', () => {
	/** The lines beside and under a party's label, from the label down to the seal area. */
	async function nameLines(record: ContractRecord, label: string): Promise<Line[]> {
		const all = lines(await renderContractPdf(record, files.fonts));
		const at = all.find((l) => l.text.startsWith(label))!;
		const seal = all.find((l) => l.page === at.page && l.text === '盖章处' && Math.abs(l.xMin - at.xMin) < 150)!;
		return all.filter(
			(l) =>
				l.page === at.page &&
				l.yMin >= at.yMin - 0.5 &&
				l.yMax < seal.yMin &&
				l.xMin >= at.xMin &&
				l.xMin < at.xMin + 200
		);
	}

	it('sets 深圳市喆堃珺玥网络科技有限公司 whole on one line, a little smaller (2026.4: 「…有限公/司」)', async () => {
		const now = await nameLines(LONG_NAME_EXAMPLES.framework('CD-FA-2026.5'), '甲方（盖章）：');
		expect(now.map((l) => l.text)).toEqual([`甲方（盖章）：${LONG_NAMES.justOver}`]);
		const before = await nameLines(LONG_NAME_EXAMPLES.framework('CD-FA-2026.4'), '甲方（盖章）：');
		expect(before.map((l) => l.text)).toEqual([`甲方（盖章）：${LONG_NAMES.justOver.slice(0, -1)}`, '司']);
	});

	it('breaks a bracketed name at its bracket, and a longer one in even lines', async () => {
		const filing = await nameLines(LONG_NAME_EXAMPLES.filing('CD-FL-2026.5'), '甲方（盖章）：');
		expect(filing.map((l) => l.text)).toEqual(['甲方（盖章）：云栈数据科技集团股份有限公司', '（深圳前海分公司）']);
		const order = await nameLines(LONG_NAME_EXAMPLES.order('CD-OR-2026.5'), '甲方（盖章）：');
		expect(order.map((l) => l.text).join('')).toBe(`甲方（盖章）：${LONG_NAMES.unbroken}`);
		expect(order.map((l) => [...l.text].length)).toEqual([7 + 13, 13, 11]);
	});
});

/** Every fixed string a template text prints (labels with sample arguments, clauses per kind). */
function printed(t: TemplateText): string[] {
	const out: string[] = [];
	const walk = (v: unknown): void => {
		if (typeof v === 'string') out.push(v);
		else if (typeof v === 'function') out.push(String((v as (...a: string[]) => unknown)('甲', '乙')));
		else if (v && typeof v === 'object') Object.values(v).forEach(walk);
	};
	const { articles, ...rest } = t;
	walk(rest);
	for (const kind of KINDS) for (const a of articles(kind)) out.push(a.heading, ...a.paragraphs);
	return out;
}

describe('the words of 2026.5', () => {
	/** The document's text with every space and line break removed: a wrapped clause reads as one string. */
	const plain = async (record: ContractRecord) => plainText(files, await renderContractPdf(record, files.fonts));

	it.each(KINDS)('the %s contract speaks the glossary, keeps its title and uses no replaced word', async (kind) => {
		const text = await plain(EXAMPLES[kind](version(kind, '2026.5')));
		const self = kind === 'framework' ? '本协议' : '本合同';
		expect(text).toContain(
			`14.1${self}以电子形式生成，与纸质合同具有同等法律效力。甲方需要双方盖章的纸质合同的，可提交线下盖章申请：甲方打印${self}并盖章后寄交乙方，乙方盖章后寄至甲方提交的回寄地址；纸质合同与电子文本内容一致。`
		);
		expect(text).toContain('计费方式分为包年包月（预付费）和按量计费（后付费）两种。');
		expect(text).toContain('1.1「云服务」指');
		if (kind !== 'framework') expect(text).toContain(`云服务合同（附：${kind === 'filing' ? '备案' : '订单'}信息）`);
		const found = AVOID.filter((a) => a.locale === 'zh-CN' && !a.appOnly && a.variant.test(text)).map(
			(a) => `${text.match(a.variant)![0]} → ${a.use}`
		);
		expect(found).toEqual([]);
		expect(text).not.toMatch(/纸质文本|纸质书面合同|[“”]/u);
	});

	it('differs from 2026.4 in the reworded clauses, the filing attachment notes, 第八条 and the ICP 备案号 label only', () => {
		for (const kind of KINDS) {
			const before = TEXT_2026_4.articles(kind).flatMap((a) => [a.heading, ...a.paragraphs]);
			const after = TEXT.articles(kind).flatMap((a) => [a.heading, ...a.paragraphs]);
			expect(after.length).toBe(before.length);
			const changed = after.filter((p, i) => p !== before[i]).map((p) => p.slice(0, p.indexOf(' ')));
			expect(changed).toEqual(['1.1', '1.2', '1.3', '1.4', '第八条　ICP', '8.1', '8.2', '14.1']);
		}
		expect([...REWORDED.keys()]).toEqual(['1.1', '1.2', '1.3', '1.4', '8.1', '8.2', '14.1']);
		const labels = Object.keys(TEXT.LABELS).filter((k) => {
			const key = k as keyof typeof TEXT.LABELS;
			return String(TEXT.LABELS[key]) !== String(TEXT_2026_4.LABELS[key]);
		});
		expect(labels).toEqual(['filingNumber']);
	});

	it('sets Chinese with full-width punctuation: no ASCII :?!;,() next to a Chinese character', () => {
		const ascii = /[\p{Script=Han}][:?!;,()]|[:?!;,()][\p{Script=Han}]/u;
		const bad = printed(TEXT).filter((s) => ascii.test(s));
		expect(bad).toEqual([]);
		// The check bites: 2026.4 still had “” quotes (not ASCII) but a half-width colon would be caught.
		expect(ascii.test('合同编号:')).toBe(true);
	});
});

describe('2026.5 on the fonts of 2026.3', () => {
	it('renders with font set serif-2026.3: the first visit downloads nothing new', () => {
		for (const kind of KINDS) expect(fontSetOf(version(kind, '2026.5'))).toBe('serif-2026.3');
	});

	it('every character of its text is in the core a first visit brings, not only in the rest', async () => {
		const core = await readSplitFace(FONT_DIR, FONT_SETS['serif-2026.3'].regular as SplitFace, false);
		const pending = [...new Set(printed(TEXT).join(''))].filter((c) => core.pending.has(c.codePointAt(0)!));
		expect(pending).toEqual([]);
	});

	it("every character of its bold strings is in 2026.3's bold cut (第八条　ICP 备案 adds a space only)", () => {
		const bold = fontCoverage(files.fonts.bold);
		const missing = [...new Set(BOLD_TEXTS.join(''))].filter((c) => !bold.has(c.codePointAt(0)!));
		expect(missing).toEqual([]);
		expect(new Set(BOLD_TEXTS.filter((s) => !BOLD_2026_3.includes(s)))).toEqual(new Set(['第八条　ICP 备案']));
	});
});
