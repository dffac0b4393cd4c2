// Sections every contract shares: heading block, parties, contact details, clauses, signatures.
import type { ContractRecord } from '../../../domain/contract';
import { CONTENT_WIDTH, type Layout, PAGE } from './layout';
import { shanghaiDateTime } from './format';
import { ARTICLES, ATTACHMENT_NOTE, HEADINGS, LABELS, PREAMBLE, TITLES } from './text';

/** The agreement every kind prints: heading block, parties, clauses, signatures (the framework agreement is only this). */
export function agreement(l: Layout, r: ContractRecord): void {
	header(l, r);
	parties(l, r);
	clauses(l, r);
	signatures(l, r);
}

/** What an attachment's first page needs of a layout (2026.2's has it too). */
export type AttachmentPage = Pick<Layout, 'newPage' | 'title' | 'space' | 'keyValues'>;

/** An attachment's first page: its title and the rows that tie it to the contract. */
export function attachment(l: AttachmentPage, title: string, rows: [label: string, value: string, field: string][]): void {
	l.newPage();
	l.title(title, 14);
	l.space(6);
	l.keyValues(rows);
}

export function header(l: Layout, r: ContractRecord): void {
	l.title(TITLES[r.kind]);
	l.space(6);
	l.keyValues([
		[LABELS.number, r.number, 'number'],
		[LABELS.templateVersion, r.templateVersion, 'templateVersion'],
		[LABELS.createdAt, shanghaiDateTime(r.createdAt), 'createdAt']
	]);
}

export function parties(l: Layout, r: ContractRecord): void {
	l.heading(HEADINGS.partyA);
	l.keyValues([
		[LABELS.name, r.partyA.name, 'partyA.name'],
		[LABELS.creditCode, r.partyA.creditCode, 'partyA.creditCode'],
		[LABELS.legalRepresentative, r.partyA.legalRepresentative, 'partyA.legalRepresentative'],
		[LABELS.registeredAddress, r.partyA.registeredAddress, 'partyA.registeredAddress']
	]);
	l.heading(HEADINGS.partyB);
	l.keyValues([
		[LABELS.name, r.partyB.name, 'partyB.name'],
		[LABELS.creditCode, r.partyB.creditCode, 'partyB.creditCode'],
		[LABELS.registeredAddress, r.partyB.registeredAddress, 'partyB.registeredAddress']
	]);
	l.heading(HEADINGS.contact);
	l.keyValues([
		[LABELS.contactPerson, r.contact.person, 'contact.person'],
		[LABELS.phone, r.contact.phone, 'contact.phone'],
		[LABELS.email, r.contact.email, 'contact.email'],
		[LABELS.mailingAddress, r.contact.mailingAddress, 'contact.mailingAddress']
	]);
}

export function clauses(l: Layout, r: ContractRecord): void {
	l.heading(HEADINGS.clauses);
	l.paragraph(PREAMBLE, 'template.preamble', { indent: 20 });
	const note = ATTACHMENT_NOTE[r.kind];
	if (note) l.paragraph(note, 'template.preamble', { indent: 20 });
	for (const article of ARTICLES) {
		l.heading(article.heading, 10.5);
		for (const p of article.paragraphs) l.paragraph(p, 'template.clause');
	}
}

export function signatures(l: Layout, r: ContractRecord): void {
	l.heading(HEADINGS.signatures);
	const column = CONTENT_WIDTH / 2 - 12;
	const size = 10;
	const block = (x: number, label: string, name: string, field: string) => {
		const names = l.lines(name, column, 'normal', size);
		return { x, label, names, field, height: (names.length + 5) * size * 1.8 };
	};
	const blocks = [
		block(PAGE.left, LABELS.signA, r.partyA.name, 'partyA.name'),
		block(PAGE.left + CONTENT_WIDTH / 2 + 12, LABELS.signB, r.partyB.name, 'partyB.name')
	];
	l.ensure(Math.max(...blocks.map((b) => b.height)));
	const top = l.y;
	let bottom = top;
	for (const b of blocks) {
		let y = top + size * 1.8;
		l.draw(b.label, b.x, y, 'normal', size, 'template.signature');
		for (const line of b.names) {
			y += size * 1.8;
			l.draw(line, b.x, y, 'normal', size, b.field);
		}
		y += size * 3.6;
		l.draw(LABELS.signatory, b.x, y, 'normal', size, 'template.signature');
		y += size * 3;
		l.draw(LABELS.date, b.x, y, 'normal', size, 'template.signature');
		bottom = Math.max(bottom, y);
	}
	l.y = bottom + size;
}
