// Sections every 2026.2 contract shares, over its text (later versions share them over theirs): heading block, parties, clauses, the execution page with its electronic record.
import type { ContractRecord } from '../../../domain/contract';
import { cnDateTime } from './format';
import { BODY, CONTENT_WIDTH, type Layout, PAGE } from './layout';
import type { TemplateText } from './text';

// An attachment's first page is 2026.1's.
export { attachment } from '../2026.1/sections';

/** 45 mm: room for a company seal (40–42 mm) with a margin. */
export const SEAL = (45 / 25.4) * 72;
const LEADING = 1.6;

export type Execution = { fingerprint: string; verifyUrl: string; registeredAt?: string };

/** The agreement every kind prints: heading block, parties, clauses, execution page (the framework agreement is only this). */
export function agreement(l: Layout, r: ContractRecord, e: Execution, t: TemplateText): void {
	header(l, r, t);
	parties(l, r, t);
	clauses(l, r, t);
	execution(l, r, e, t);
}

export function header(l: Layout, r: ContractRecord, t: TemplateText): void {
	l.title(t.TITLES[r.kind]);
	l.space(6);
	l.keyValues([
		[t.LABELS.number, r.number, 'number'],
		[t.LABELS.templateVersion, r.templateVersion, 'templateVersion'],
		[t.LABELS.createdAt, cnDateTime(r.createdAt), 'createdAt']
	]);
}

export function parties(l: Layout, r: ContractRecord, t: TemplateText): void {
	l.heading(t.HEADINGS.partyA);
	l.keyValues([
		[t.LABELS.name, r.partyA.name, 'partyA.name'],
		[t.LABELS.creditCode, r.partyA.creditCode, 'partyA.creditCode'],
		[t.LABELS.legalRepresentative, r.partyA.legalRepresentative, 'partyA.legalRepresentative'],
		[t.LABELS.registeredAddress, r.partyA.registeredAddress, 'partyA.registeredAddress']
	]);
	l.heading(t.HEADINGS.partyB);
	l.keyValues([
		[t.LABELS.name, r.partyB.name, 'partyB.name'],
		[t.LABELS.creditCode, r.partyB.creditCode, 'partyB.creditCode'],
		[t.LABELS.registeredAddress, r.partyB.registeredAddress, 'partyB.registeredAddress']
	]);
	l.heading(t.HEADINGS.contact);
	l.keyValues([
		[t.LABELS.contactPerson, r.contact.person, 'contact.person'],
		[t.LABELS.phone, r.contact.phone, 'contact.phone'],
		[t.LABELS.email, r.contact.email, 'contact.email'],
		[t.LABELS.mailingAddress, r.contact.mailingAddress, 'contact.mailingAddress']
	]);
}

/** The clauses, closed by （以下无正文）. */
export function clauses(l: Layout, r: ContractRecord, t: TemplateText): void {
	l.heading(r.kind === 'framework' ? t.HEADINGS.clausesFramework : t.HEADINGS.clausesContract);
	l.paragraph(t.PREAMBLE[r.kind], 'template.preamble');
	const note = t.ATTACHMENT_NOTE[r.kind];
	if (note) l.paragraph(note, 'template.preamble');
	for (const article of t.articles(r.kind)) {
		l.heading(article.heading, BODY);
		for (const p of article.paragraphs) l.paragraph(p, 'template.clause');
	}
	l.line(t.LABELS.noMoreText, 'right', 'template.noMoreText');
}

/**
 * The execution block: both parties side by side in aligned rows (seal area of 45 × 45 mm, legal
 * representative's signature, date blanks), then the electronic record of who generated the document
 * and when.
 */
export function execution(l: Layout, r: ContractRecord, e: Execution, t: TemplateText): void {
	const gutter = 24;
	const column = (CONTENT_WIDTH - gutter) / 2;
	const line = BODY * LEADING;
	const names = [r.partyA.name, r.partyB.name].map((n) => l.nameLines(n, column - l.measure(t.LABELS.signA, 'normal', BODY), BODY));
	const nameLines = Math.max(...names.map((n) => n.length));
	const signHeight = nameLines * line + 8 + SEAL + 10 + line + 30 + line + 6;

	const recordSize = 9;
	const boxWidth = CONTENT_WIDTH;
	const inner = boxWidth - 16;
	const recordLines: [string, string][] = [
		...l.lines(t.LABELS.recordGenerated(r.partyA.name, cnDateTime(r.createdAt)), inner, 'normal', recordSize).map((s): [string, string] => [s, 'createdAt']),
		[t.LABELS.recordFingerprint, 'template.record'],
		[e.fingerprint, 'fingerprint'],
		...l
			.lines(e.registeredAt ? t.LABELS.recordRegistered(cnDateTime(e.registeredAt)) : t.LABELS.recordPending, inner, 'normal', recordSize)
			.map((s): [string, string] => [s, 'registeredAt']),
		[t.LABELS.recordVerify, 'template.record'],
		...l.lines(e.verifyUrl, inner, 'normal', recordSize).map((s): [string, string] => [s, 'verifyUrl'])
	];
	const recordHeight = 12 + 16 + recordLines.length * recordSize * 1.5 + 8;

	// The signature block stays whole and, when it has to move, opens a page marked as this contract's
	// signature page; the electronic record follows it, on the next page if it must.
	if (l.room < 12 + signHeight) {
		l.newPage();
		for (const text of l.lines(t.signaturePageNote(t.TITLES[r.kind], r.number), CONTENT_WIDTH, 'normal', 9)) l.line(text, 'center', 'template.signaturePage', 9);
		l.space(10);
	} else {
		l.space(12);
	}

	const top = l.y;
	const xs = [PAGE.left, PAGE.left + column + gutter];
	const labels = [t.LABELS.signA, t.LABELS.signB];
	const fields = ['partyA.name', 'partyB.name'];
	xs.forEach((x, i) => {
		let y = top + line;
		const labelWidth = l.measure(labels[i]!, 'normal', BODY);
		l.draw(labels[i]!, x, y - BODY * 0.3, 'normal', BODY, 'template.signature');
		names[i]!.forEach((s, j) => l.draw(s.text, x + labelWidth, y - BODY * 0.3 + j * line, 'normal', s.size, fields[i]!));
		y = top + nameLines * line + 8;
		l.box(x, y, SEAL, SEAL, true);
		const hint = t.LABELS.sealArea;
		const hintSize = 8;
		l.doc.setTextColor(160, 160, 160);
		l.draw(hint, x + (SEAL - l.measure(hint, 'normal', hintSize)) / 2, y + SEAL / 2 + hintSize * 0.35, 'normal', hintSize, 'template.signature');
		l.doc.setTextColor(0, 0, 0);
		y += SEAL + 10 + line;
		l.draw(t.LABELS.signatory, x, y - BODY * 0.3, 'normal', BODY, 'template.signature');
		y += 30;
		l.doc.setLineWidth(0.5);
		l.doc.setDrawColor(60, 60, 60);
		l.doc.line(x, y, x + column - 8, y);
		y += line;
		l.draw(t.LABELS.dateBlank, x, y - BODY * 0.3, 'normal', BODY, 'template.signature');
	});
	l.y = top + signHeight + 14;

	l.ensure(recordHeight);
	const boxTop = l.y;
	l.box(PAGE.left, boxTop, boxWidth, recordHeight);
	let y = boxTop + 12 + 10;
	l.draw(t.HEADINGS.record, PAGE.left + 8, y, 'bold', 10, 'template.heading');
	y += 6;
	for (const [text, field] of recordLines) {
		y += recordSize * 1.5;
		l.draw(text, PAGE.left + 8, y, 'normal', text === e.fingerprint ? 8 : recordSize, field);
	}
	l.y = boxTop + recordHeight;
}
