// jsPDF's Arabic and bidi passes leave every SAFE string as it is, and passing over them gives jsPDF the same text, shape and options.
import { jsPDF } from 'jspdf';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleOrderContract } from './examples';
import { loadContractFontsNode } from './fonts-node';
import { renderContractPdf } from './render';
import { jsPdfPasses, SAFE, useTextShortcuts } from './textPasses';

type Payload = { text: unknown; options?: Record<string, unknown> };
type Handler = (payload: Payload) => unknown;

afterEach(() => useTextShortcuts(true));

const events = (jsPDF.API as unknown as { events: [string, Handler][] }).events;
const installed = (name: string) => events.filter(([n]) => n === name).map(([, h]) => h);

/** Runs one pass on a payload and returns what jsPDF reads afterwards. */
function run(pass: unknown, text: unknown, options?: Record<string, unknown>) {
	const payload: Payload = { text: structuredClone(text), options: options && { ...options } };
	(pass as Handler)(payload);
	return payload;
}

const SAFE_CHARS: string[] = [];
for (let c = 0; c < 0x10000; c++) {
	if (c >= 0xd800 && c <= 0xdfff) continue;
	if (SAFE.test(String.fromCharCode(c))) SAFE_CHARS.push(String.fromCharCode(c));
}

function randomStrings(count: number, seed: number): string[] {
	let x = seed;
	const next = (n: number) => ((x = (x * 1103515245 + 12345) >>> 0), x % n);
	// Mostly what contracts print (ASCII, CJK, digits and punctuation together), some of any SAFE character.
	const common = [...'0123456789 ,.-:/()%¥￥（）：，。、《》“”—云栈合同甲方乙方abcXYZ'];
	return Array.from({ length: count }, () =>
		Array.from({ length: 1 + next(40) }, () =>
			next(3) ? common[next(common.length)]! : SAFE_CHARS[next(SAFE_CHARS.length)]!
		).join('')
	);
}

describe("jsPDF's passes (jspdf is pinned; a new version must pass these)", () => {
	it('finds one Arabic pass and one bidi pass, and installs its own in their place', () => {
		expect(jsPdfPasses.found).toBe(2);
		expect(installed('preProcessText')).not.toContain(jsPdfPasses.arabic);
		expect(installed('postProcessText')).not.toContain(jsPdfPasses.bidi);
	});

	it.each([
		['alone', (c: string) => c],
		['between letters', (c: string) => `a${c}b`],
		['between digits', (c: string) => `1${c}2`],
		['between ideographs', (c: string) => `中${c}文`],
		['after a digit', (c: string) => `7${c}`],
		['before a digit', (c: string) => `${c}7`]
	])('leave every SAFE character unchanged, %s', (_, make) => {
		const changed: string[] = [];
		for (const c of SAFE_CHARS) {
			const text = make(c);
			if (run(jsPdfPasses.arabic!, text).text !== text || run(jsPdfPasses.bidi!, text).text !== text) {
				changed.push(`U+${c.charCodeAt(0).toString(16)}`);
			}
		}
		expect(changed).toEqual([]);
	});

	it('leave SAFE strings unchanged', () => {
		for (const text of randomStrings(3000, 11)) {
			expect(run(jsPdfPasses.arabic!, text).text).toBe(text);
			expect(run(jsPdfPasses.bidi!, text).text).toBe(text);
		}
	});

	it('change right-to-left text (so SAFE must exclude it)', () => {
		expect(run(jsPdfPasses.bidi!, 'abc שלום').text).not.toBe('abc שלום');
		expect(run(jsPdfPasses.arabic!, 'مرحبا').text).not.toBe('مرحبا');
		for (const c of ['ש', 'م', '\u200f', '\u202e', '\\', '\u00ad']) expect(SAFE.test(c)).toBe(false);
	});
});

describe('passing over them', () => {
	// The installed passes: the one of preProcessText, and the one of postProcessText that reads isInputVisual.
	const arabic = () => installed('preProcessText')[0]!;
	const bidi = () => installed('postProcessText').find((h) => /isInputVisual/.test(String(h)))!;

	const texts: [string, unknown, Record<string, unknown>?][] = [
		['a string', '合同编号 CD-FA-2026.5-0001：¥1,234.00（含税）'],
		['an array of strings', ['第一行', 'second line 2', '']],
		['an array of [text, x, y]', [['甲方', 10, 20], ['乙方 (B)', 30, 40], ['x']]],
		['a string with options', '金额 100%', { align: 'right', maxWidth: 200 }],
		['a string, isInputVisual false', '金额', { isInputVisual: false }],
		['right-to-left text', 'abc שלום مرحبا 123'],
		['an array with one right-to-left piece', ['中文', 'שלום']],
		['a string asking for right-to-left output', 'abc 中文', { isOutputRtl: true, isOutputVisual: true }]
	];

	it.each(texts)('gives jsPDF what its own passes give: %s', (_, text, options) => {
		expect(run(arabic(), text, options)).toEqual(run(jsPdfPasses.arabic!, text, options));
		expect(run(bidi(), text, options)).toEqual(run(jsPdfPasses.bidi!, text, options));
	});

	it("renders a 1,000-order contract to the bytes of jsPDF's own passes", async () => {
		const fonts = await loadContractFontsNode();
		const record = exampleOrderContract(1000);
		const fast = await renderContractPdf(record, fonts);
		useTextShortcuts(false);
		const own = await renderContractPdf(record, fonts);
		expect(Buffer.from(fast).equals(Buffer.from(own))).toBe(true);
	}, 120_000);
});
