// The cover sheet as the mail desk reads it: its text (number, parties, the provider's own steps, both addresses) and a QR code that decodes to the number.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../domain/provider';
import { loadContractFontsNode } from '../fonts-node';
import type { ContractFonts } from '../types';
import { GlyphPendingError } from '../coverage';
import { AVOID } from '../../pwa/i18n/glossary';
import { type CoverSheet, renderCoverSheet } from './render';

// The server's default provider's shape (server/config.ts), its instructions reworded here so the test owns them.
const DEFAULT_PROVIDER: Provider = {
	name: '云栈科技（深圳）有限公司',
	creditCode: '91440300MA5HYUNKJ0',
	registeredAddress: '广东省深圳市南山区粤海街道科技园南区云栈大厦18层',
	mailingAddress: '广东省深圳市南山区科苑南路3099号云栈大厦18层 合同管理部',
	mailingRecipient: '合同管理部 李珺',
	mailingPhone: '0755-86001234',
	mailingPostalCode: '518057',
	paperInstructions: {
		copies: 2,
		steps: [
			'打印合同全文 2 份，不要装订。',
			'在每份合同甲方签署栏加盖甲方公章。',
			'在每份合同各页右侧边缘加盖骑缝章。',
			'乙方签署栏请留空。'
		]
	}
};

let fonts: ContractFonts;
let dir: string;
beforeAll(async () => {
	fonts = await loadContractFontsNode('CD-FA-2026.5');
	dir = mkdtempSync(join(tmpdir(), 'cover-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHEET: CoverSheet = {
	number: 'HT-20261207-7246E948CBFC4D3D',
	kind: 'filing',
	partyA: { name: '杭州青禾网络科技有限公司', creditCode: '91330106MA2KXXXX1X' },
	partyB: { name: DEFAULT_PROVIDER.name, creditCode: DEFAULT_PROVIDER.creditCode },
	returnAddress: {
		recipient: '王小明',
		phone: '13800138000',
		line: '浙江省杭州市西湖区 文三路 478 号华星时代广场 A 座 1201 室',
		postalCode: '310012'
	},
	provider: DEFAULT_PROVIDER
};

function text(pdf: Uint8Array): string {
	const path = join(dir, 'sheet.pdf');
	writeFileSync(path, pdf);
	return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

describe('cover sheet', () => {
	it('is one A4 page with the number, parties, the provider’s steps and both addresses', async () => {
		const pdf = await renderCoverSheet(SHEET, fonts);
		const path = join(dir, 'one.pdf');
		writeFileSync(path, pdf);
		const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
		expect(info).toMatch(/Pages:\s+1\n/);
		expect(info).toMatch(/595\.2\d* x 841\.8\d* pts \(A4\)/);
		const flat = text(pdf).replace(/\s+/g, '');
		expect(flat).toContain(SHEET.number);
		expect(flat).toContain(SHEET.partyA.name);
		expect(flat).toContain(SHEET.partyB.name);
		for (const step of DEFAULT_PROVIDER.paperInstructions!.steps) expect(flat).toContain(step.replace(/\s+/g, ''));
		expect(flat).toContain(SHEET.returnAddress.line.replace(/\s+/g, ''));
		expect(flat).toContain(DEFAULT_PROVIDER.mailingAddress.replace(/\s+/g, ''));
		expect(flat).toContain(DEFAULT_PROVIDER.mailingRecipient.replace(/\s+/g, ''));
		expect(flat).toContain(DEFAULT_PROVIDER.mailingPhone);
		expect(flat).toContain('ICP经营性备案材料');
		// One word per thing (GLOSSARY), on paper too.
		for (const { locale, variant } of AVOID) if (locale === 'zh-CN') expect(flat).not.toMatch(variant);
	});

	it('sets the longest number large and clear of the QR code', async () => {
		const path = join(dir, 'bbox.pdf');
		writeFileSync(path, await renderCoverSheet(SHEET, fonts));
		const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
		const word = new RegExp(
			`<word xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${SHEET.number}</word>`
		).exec(xml);
		expect(word, xml.slice(0, 2000)).not.toBeNull();
		const [, , yMin, xMax, yMax] = word!.map(Number);
		// The QR code's quiet zone starts at 595.28 − 48 − 150 + 12 pt.
		expect(xMax!).toBeLessThan(595.28 - 48 - 150 + 12);
		expect(yMax! - yMin!).toBeGreaterThan(20);
	});

	it('prints the provider’s instructions as given, not words of its own', async () => {
		const provider = {
			...DEFAULT_PROVIDER,
			paperInstructions: { copies: 3, steps: ['请在甲方签署栏盖章，不要装订。'] }
		};
		const flat = text(await renderCoverSheet({ ...SHEET, provider }, fonts)).replace(/\s+/g, '');
		expect(flat).toContain('请在甲方签署栏盖章，不要装订。');
		expect(flat).toContain('3份');
		expect(flat).not.toContain(DEFAULT_PROVIDER.paperInstructions!.steps[2]!.replace(/\s+/g, ''));
	});

	it('carries the contract number in a QR code the office can read', async () => {
		const pdf = await renderCoverSheet(SHEET, fonts);
		const path = join(dir, 'qr.pdf');
		writeFileSync(path, pdf);
		execFileSync('pdftoppm', ['-r', '100', '-png', '-singlefile', path, join(dir, 'qr')]);
		const png = PNG.sync.read(readFileSync(join(dir, 'qr.png')));
		expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(SHEET.number);
	});

	it('refuses a character whose outline is not on the device yet instead of drawing a blank', async () => {
		const pending = new Set(['华'.codePointAt(0)!]);
		await expect(renderCoverSheet(SHEET, { ...fonts, pending })).rejects.toBeInstanceOf(GlyphPendingError);
	});
});
