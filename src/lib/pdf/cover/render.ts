// The customer's cover sheet for a stamping request: an A4 PDF made on the device with the contracts' fonts (number, QR code, parties, the provider's instructions, return address, a cut-out mailing label).
import QRCode from 'qrcode';
import type { ContractKind } from '../../domain/contractKinds';
import type { Provider } from '../../domain/provider';
import { fontedDocument } from '../templates/2026.3/render';
import type { Layout } from '../templates/2026.3/layout';
import { TYPESETTING_2026_5 } from '../templates/2026.5/typesetting';
import { fontCoverage, GlyphPendingError } from '../coverage';
import type { ContractFonts } from '../types';
import { COVER_TEXT as T } from './text';

export type CoverSheet = {
	number: string;
	kind: ContractKind;
	partyA: { name: string; creditCode: string };
	partyB: { name: string; creditCode: string };
	returnAddress: { recipient: string; phone: string; line: string; postalCode: string };
	/** The provider as last pulled: mailing address and its paper instructions. */
	provider: Provider;
};

/** What the office's scanner reads: the contract number alone, nothing that changes with a server's address. */
export function coverQrPayload(number: string): string {
	return number;
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 };
const BODY = 10.5;
const LEADING = 1.55;
const GREY = 90;
/** An ideographic space between a name and its phone number. */
const GAP = '\u3000';

/** Refused before drawing: a character whose outline has not reached this device yet (a split face's rest). */
function assertAvailable(sheet: CoverSheet, pending: ReadonlySet<number> | undefined): void {
	if (!pending?.size) return;
	const fields: [string, string][] = [
		['partyA.name', sheet.partyA.name],
		['returnAddress.recipient', sheet.returnAddress.recipient],
		['returnAddress.line', sheet.returnAddress.line],
		['provider.mailingAddress', sheet.provider.mailingAddress],
		['provider.mailingRecipient', sheet.provider.mailingRecipient],
		...(sheet.provider.paperInstructions?.steps ?? []).map((s, i): [string, string] => [`provider.steps.${i}`, s])
	];
	for (const [field, text] of fields) {
		for (const ch of text) if (pending.has(ch.codePointAt(0)!)) throw new GlyphPendingError(ch, field);
	}
}

class Sheet {
	y = PAGE.margin;
	constructor(
		readonly layout: Layout,
		readonly boldCoverage: Set<number>
	) {}

	/** The bold face holds only the contracts' bold words: anything else is set in the regular face. */
	face(text: string): 'normal' | 'bold' {
		for (const ch of text) if (!this.boldCoverage.has(ch.codePointAt(0)!)) return 'normal';
		return 'bold';
	}

	get doc() {
		return this.layout.doc;
	}

	/** A paragraph broken by the contracts' Chinese rules (禁则), from the current line down. */
	para(text: string, x: number, width: number, size = BODY, bold = false, field = 'cover'): void {
		const face = bold ? this.face(text) : 'normal';
		for (const line of this.layout.lines(text, width, face, size)) {
			this.y += size * LEADING;
			this.layout.draw(line, x, this.y - size * 0.35, face, size, field);
		}
	}

	heading(text: string): void {
		this.y += 10;
		this.para(text, PAGE.margin, PAGE.width - 2 * PAGE.margin, 13, true, 'cover.heading');
		this.doc.setDrawColor(GREY, GREY, GREY);
		this.doc.setLineWidth(0.5);
		this.doc.line(PAGE.margin, this.y + 2, PAGE.width - PAGE.margin, this.y + 2);
		this.y += 4;
	}

	/** Label: value rows, the value broken within its column. */
	row(label: string, value: string, x: number, width: number, labelWidth: number, size = BODY, field = 'cover'): void {
		const top = this.y;
		this.layout.draw(label, x, top + size * LEADING - size * 0.35, 'normal', size, 'cover.label');
		this.para(value, x + labelWidth, width - labelWidth, size, false, field);
		this.y = Math.max(this.y, top + size * LEADING);
	}

	qr(payload: string, x: number, y: number, size: number): void {
		const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
		const n = qr.modules.size;
		// Four modules of quiet zone on every side, inside `size`.
		const cell = size / (n + 8);
		this.doc.setFillColor(0, 0, 0);
		for (let r = 0; r < n; r++) {
			for (let c = 0; c < n;) {
				if (!qr.modules.get(r, c)) {
					c++;
					continue;
				}
				let end = c;
				while (end < n && qr.modules.get(r, end)) end++;
				this.doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, (end - c) * cell, cell, 'F');
				c = end;
			}
		}
	}
}

/** The cover sheet's bytes. Offline as the contracts are: only the fonts already on the device are used. */
export async function renderCoverSheet(sheet: CoverSheet, fonts: ContractFonts): Promise<Uint8Array> {
	assertAvailable(sheet, fonts.pending);
	const { layout, output } = await fontedDocument(
		fonts,
		(doc) => {
			doc.setProperties({ title: `${T.title} ${sheet.number}`, creator: '合同台 Contract Desk' });
			doc.setLanguage('zh-CN');
		},
		TYPESETTING_2026_5
	);
	const s = new Sheet(layout, fontCoverage(fonts.bold));
	const { margin } = PAGE;
	const full = PAGE.width - 2 * margin;
	const qrSize = 150;
	const textWidth = full - qrSize - 16;

	// Header: what this page is, the number in large type, and the code the mail desk scans.
	const qrTop = margin - 8;
	s.qr(coverQrPayload(sheet.number), PAGE.width - margin - qrSize + 12, qrTop, qrSize);
	s.para(T.title, margin, textWidth, 20, true, 'cover.title');
	s.y += 4;
	s.para(T.subtitle, margin, textWidth, 9.5);
	s.y += 10;
	s.para(T.contractNumber, margin, textWidth, 10.5);
	const numberFace = s.face(sheet.number);
	// As large as 30 pt allows beside the QR code: numbers run to 28 characters.
	const numberSize = Math.min(30, Math.floor((30 * textWidth * 4) / layout.measure(sheet.number, numberFace, 30)) / 4);
	s.y += numberSize * 1.2;
	layout.draw(sheet.number, margin, s.y, numberFace, numberSize, 'number');
	s.y += 8;
	s.para(T.kinds[sheet.kind], margin, textWidth, BODY);
	s.y = Math.max(s.y, qrTop + qrSize);

	const labelWidth = 40;
	s.y += 6;
	s.row(T.partyA, sheet.partyA.name, margin, full, labelWidth, BODY, 'partyA.name');
	s.row('', `${T.creditCode} ${sheet.partyA.creditCode}`, margin, full, labelWidth, 9);
	s.row(T.partyB, sheet.partyB.name, margin, full, labelWidth, BODY, 'partyB.name');
	s.row('', `${T.creditCode} ${sheet.partyB.creditCode}`, margin, full, labelWidth, 9);

	const instructions = sheet.provider.paperInstructions;
	s.heading(T.enclose);
	s.y += 2;
	const copies = instructions?.copies ?? 2;
	s.row('1.', T.encloseContract(copies), margin, full, 18);
	s.row('2.', T.encloseCover, margin, full, 18);
	if (sheet.kind === 'filing') s.para(T.filingReturn, margin, full, 9.5);

	if (instructions) {
		s.heading(T.stamp);
		s.y += 2;
		instructions.steps.forEach((step, i) => s.row(`${i + 1}.`, step, margin, full, 18, BODY, `provider.steps.${i}`));
	}

	s.heading(T.returnAddress);
	s.y += 2;
	const a = sheet.returnAddress;
	s.row(T.recipient, `${a.recipient}${GAP}${T.phone} ${a.phone}`, margin, full, 48, BODY, 'returnAddress.recipient');
	s.row(T.address, a.line, margin, full, 48, BODY, 'returnAddress.line');
	s.row(T.postalCode, a.postalCode, margin, full, 48);

	// The label: a dashed cut line, then a box the customer cuts out and sticks on the envelope.
	const labelHeight = 168;
	const labelTop = PAGE.height - margin - labelHeight;
	const cutY = labelTop - 14;
	if (s.y > cutY - 12) throw new Error('cover sheet: the instructions do not leave room for the mailing label');
	const doc = layout.doc;
	doc.setDrawColor(GREY, GREY, GREY);
	doc.setLineWidth(0.6);
	doc.setLineDashPattern([4, 3], 0);
	doc.line(margin - 20, cutY, PAGE.width - margin + 20, cutY);
	doc.rect(margin, labelTop, full, labelHeight);
	doc.setLineDashPattern([], 0);
	const cutWidth = layout.measure(T.cut, 'normal', 8);
	doc.setFillColor(255, 255, 255);
	doc.rect(PAGE.width / 2 - cutWidth / 2 - 6, cutY - 6, cutWidth + 12, 12, 'F');
	layout.draw(T.cut, PAGE.width / 2 - cutWidth / 2, cutY + 3, 'normal', 8, 'cover.cut');

	const p = sheet.provider;
	const inner = margin + 16;
	const innerWidth = full - 32;
	s.y = labelTop + 8;
	s.para(T.labelTo, inner, innerWidth, 12, true, 'cover.label');
	s.y += 2;
	s.row(
		T.recipient,
		`${p.mailingRecipient}${GAP}${T.phone} ${p.mailingPhone}`,
		inner,
		innerWidth,
		56,
		13,
		'provider.mailingRecipient'
	);
	s.row(T.address, p.mailingAddress, inner, innerWidth, 56, 13, 'provider.mailingAddress');
	s.row(T.postalCode, p.mailingPostalCode, inner, innerWidth, 56, 13);
	s.y += 6;
	s.row(T.labelFrom, `${a.recipient}${GAP}${a.phone}`, inner, innerWidth, 56, 9.5, 'returnAddress.recipient');
	s.row(T.labelRef, sheet.number, inner, innerWidth, 56, 9.5);
	return output();
}
