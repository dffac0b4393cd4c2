// Shared page layout over jsPDF: A4 pages, wrapped paragraphs, headings, key/value blocks, tables, footers with a QR code.
import type { jsPDF } from 'jspdf';
import QRCode from 'qrcode';
import { breakLines } from './lineBreak';
import { assertCovered } from '../../coverage';

export const FAMILY = 'ContractSerif';
export type Face = 'normal' | 'bold';

export const PAGE = {
	width: 595.28,
	height: 841.89,
	left: 56,
	right: 56,
	top: 60,
	// The footer (page number, number, fingerprint, QR code) lives below this line.
	bottom: 86
} as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const LEADING = 1.6;

export type Column = { title: string; width: number; align?: 'left' | 'right' | 'center' };
export type Row = { cells: string[]; fields: string[] };

export class Layout {
	readonly doc: jsPDF;
	y: number = PAGE.top;
	readonly #coverage: Record<Face, Set<number>>;
	readonly #widths: Record<Face, Map<string, number>> = { normal: new Map(), bold: new Map() };
	#face: Face = 'normal';
	#size = 10;

	constructor(doc: jsPDF, coverage: Record<Face, Set<number>>) {
		this.doc = doc;
		this.#coverage = coverage;
		this.#font('normal', 10);
	}

	#font(face: Face, size: number): void {
		if (face !== this.#face || size !== this.#size) {
			this.doc.setFont(FAMILY, face);
			this.doc.setFontSize(size);
			this.#face = face;
			this.#size = size;
		}
	}

	/** Width in pt of text in a face and size; glyph widths are cached per character. */
	measure(text: string, face: Face, size: number): number {
		this.#font(face, size);
		const cache = this.#widths[face];
		let units = 0;
		for (const c of text) {
			let w = cache.get(c);
			if (w === undefined) {
				w = this.doc.getStringUnitWidth(c);
				cache.set(c, w);
			}
			units += w;
		}
		return units * size;
	}

	/** The one place text reaches the page: checks the face has every glyph, then draws. */
	draw(text: string, x: number, y: number, face: Face, size: number, field: string): void {
		assertCovered(text, this.#coverage[face], field);
		this.#font(face, size);
		this.doc.text(text, x, y, { baseline: 'alphabetic' });
	}

	lines(text: string, width: number, face: Face, size: number): string[] {
		return breakLines(text, width, (s) => this.measure(s, face, size));
	}

	newPage(): void {
		this.doc.addPage();
		this.y = PAGE.top;
	}

	/** Starts a new page unless `height` more points fit above the footer. */
	ensure(height: number): void {
		if (this.y + height > PAGE.height - PAGE.bottom) this.newPage();
	}

	space(points: number): void {
		this.y += points;
	}

	title(text: string, size = 18): void {
		const width = this.measure(text, 'bold', size);
		this.ensure(size * 2);
		this.y += size;
		this.draw(text, (PAGE.width - width) / 2, this.y, 'bold', size, 'template.title');
		this.y += size * 0.8;
	}

	heading(text: string, size = 11.5): void {
		// Keep a heading with at least two lines of what follows it.
		this.ensure(size * LEADING + 10 * LEADING * 2 + 6);
		this.y += 6 + size;
		this.draw(text, PAGE.left, this.y, 'bold', size, 'template.heading');
		this.y += size * (LEADING - 1) + 2;
	}

	paragraph(
		text: string,
		field: string,
		options: { size?: number; indent?: number; x?: number; width?: number; face?: Face } = {}
	): void {
		const size = options.size ?? 10;
		const face = options.face ?? 'normal';
		const x = (options.x ?? PAGE.left) + (options.indent ?? 0);
		const width = (options.width ?? CONTENT_WIDTH) - (options.indent ?? 0);
		for (const line of this.lines(text, width, face, size)) {
			this.ensure(size * LEADING);
			this.y += size * LEADING;
			this.draw(line, x, this.y - size * (LEADING - 1) * 0.5, face, size, field);
		}
	}

	/** Label / value pairs; values wrap beside their label. */
	keyValues(rows: [label: string, value: string, field: string][], labelWidth = 96, size = 10): void {
		for (const [label, value, field] of rows) {
			const lines = this.lines(value, CONTENT_WIDTH - labelWidth, 'normal', size);
			this.ensure(size * LEADING * Math.min(lines.length, 2));
			let first = true;
			for (const line of lines) {
				this.ensure(size * LEADING);
				this.y += size * LEADING;
				const baseline = this.y - size * (LEADING - 1) * 0.5;
				if (first) this.draw(label, PAGE.left, baseline, 'normal', size, 'template.label');
				this.draw(line, PAGE.left + labelWidth, baseline, 'normal', size, field);
				first = false;
			}
		}
	}

	/** A ruled table whose header row is drawn again at the top of every page it continues on. */
	table(columns: Column[], rows: Row[], size = 8): void {
		const pad = 3;
		const lineHeight = size * 1.35;
		const header = () => {
			const lines = columns.map((c) => this.lines(c.title, c.width - 2 * pad, 'bold', size));
			const h = Math.max(...lines.map((l) => l.length)) * lineHeight + 2 * pad;
			this.#row(columns, lines, h, 'bold', size, pad, lineHeight, true, columns.map(() => 'template.tableHeader'));
			this.y += h;
		};
		this.ensure(lineHeight * 3 + 4 * pad);
		header();
		const limit = PAGE.height - PAGE.bottom;
		for (const row of rows) {
			let lines = columns.map((c, i) => this.lines(row.cells[i] ?? '', c.width - 2 * pad, 'normal', size));
			let count = Math.max(...lines.map((l) => l.length));
			// A row moves whole to the next page; a row taller than a page starts here and is split.
			const tall = count * lineHeight + 2 * pad > limit - PAGE.top - 40;
			const room = Math.floor((limit - this.y - 2 * pad) / lineHeight);
			if (tall ? room < 3 : this.y + count * lineHeight + 2 * pad > limit) {
				this.newPage();
				header();
			}
			while (count > 0) {
				const fit = Math.max(1, Math.floor((limit - this.y - 2 * pad) / lineHeight));
				const take = Math.min(fit, count);
				const h = take * lineHeight + 2 * pad;
				this.#row(columns, lines.map((l) => l.slice(0, take)), h, 'normal', size, pad, lineHeight, false, row.fields);
				this.y += h;
				lines = lines.map((l) => l.slice(take));
				count -= take;
				if (count > 0) {
					this.newPage();
					header();
				}
			}
		}
	}

	#row(
		columns: Column[],
		lines: string[][],
		height: number,
		face: Face,
		size: number,
		pad: number,
		lineHeight: number,
		shaded: boolean,
		fields: string[]
	): void {
		const doc = this.doc;
		let x = PAGE.left;
		doc.setLineWidth(0.5);
		doc.setDrawColor(90, 90, 90);
		columns.forEach((col, i) => {
			// Drawing text resets the fill colour to the text colour, so set the shade for every cell.
			if (shaded) doc.setFillColor(235, 235, 235);
			doc.rect(x, this.y, col.width, height, shaded ? 'FD' : 'S');
			(lines[i] ?? []).forEach((line, j) => {
				const baseline = this.y + pad + (j + 1) * lineHeight - (lineHeight - size) * 0.5 - size * 0.12;
				const w = col.align && col.align !== 'left' ? this.measure(line, face, size) : 0;
				const tx =
					col.align === 'right' ? x + col.width - pad - w : col.align === 'center' ? x + (col.width - w) / 2 : x + pad;
				this.draw(line, tx, baseline, face, size, fields[i] ?? 'table');
			});
			x += col.width;
		});
	}

	/**
	 * Footer on every page: page x of y, the contract number, the content fingerprint and a QR code
	 * carrying both; drawn after the body so the page count is known.
	 */
	footers(number: string, fingerprint: string, pageLabel: (x: number, y: number) => string, fingerprintLabel: string): void {
		const qr = QRCode.create(`${number}\nSHA-256:${fingerprint}`, { errorCorrectionLevel: 'M' });
		const qrSize = 58;
		const total = this.doc.getNumberOfPages();
		for (let page = 1; page <= total; page++) {
			this.doc.setPage(page);
			const top = PAGE.height - PAGE.bottom + 14;
			this.doc.setLineWidth(0.4);
			this.doc.setDrawColor(120, 120, 120);
			this.doc.line(PAGE.left, top - 6, PAGE.width - PAGE.right, top - 6);
			const size = 7.5;
			this.draw(pageLabel(page, total), PAGE.left, top + 10, 'normal', size, 'template.footer');
			this.draw(number, PAGE.left, top + 22, 'normal', size, 'number');
			this.draw(`${fingerprintLabel} SHA-256`, PAGE.left, top + 34, 'normal', size, 'template.footer');
			this.draw(fingerprint, PAGE.left, top + 46, 'normal', 6.5, 'fingerprint');
			this.#qr(qr.modules, PAGE.width - PAGE.right - qrSize, top - 2, qrSize);
		}
	}

	#qr(modules: QrModules, x: number, y: number, size: number): void {
		// jsPDF's typings omit internal.write, the documented way to emit raw content-stream operators.
		(this.doc.internal as unknown as { write(s: string): void }).write(qrOperators(modules, x, y, size / modules.size));
	}
}

export type QrModules = { size: number; get(row: number, col: number): number | boolean };

/** Dark modules as filled rectangles (one per horizontal run) in a single path: vector, no canvas, deterministic; the operators. */
export function qrOperators(modules: QrModules, x: number, y: number, cell: number): string {
	const n = modules.size;
	const ops: string[] = ['q', '0 g'];
	const f = (v: number) => v.toFixed(3).replace(/\.?0+$/, '');
	for (let r = 0; r < n; r++) {
		for (let c = 0; c < n; ) {
			if (!modules.get(r, c)) {
				c++;
				continue;
			}
			let end = c;
			while (end < n && modules.get(r, end)) end++;
			// PDF space: origin bottom-left, unit pt (the document is created with unit 'pt').
			const px = x + c * cell;
			const py = PAGE.height - (y + (r + 1) * cell);
			ops.push(`${f(px)} ${f(py)} ${f((end - c) * cell)} ${f(cell)} re`);
			c = end;
		}
	}
	ops.push('f', 'Q');
	return ops.join('\n');
}
