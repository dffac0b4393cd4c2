// Page layout of template 2026.2 over jsPDF: 10.5 pt justified body, tables sized by what they must hold, QR footers. Later versions keep it, giving what jsPDF draws for a text (2026.3: characters outside the BMP through their stand-ins) and how lines are set.
import type { jsPDF } from 'jspdf';
import QRCode from 'qrcode';
import { assertCovered } from '../../coverage';
import { qrOperators } from '../2026.1/layout';
import { breakLines, type Measure } from './lineBreak';

export const FAMILY = 'ContractSerif';
export type Face = 'normal' | 'bold';

export const PAGE = {
	width: 595.28,
	height: 841.89,
	left: 56,
	right: 56,
	top: 60,
	// The footer (page number, number, fingerprint, QR code with its quiet zone) lives below this line.
	bottom: 112
} as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 五号: the body text size. */
export const BODY = 10.5;
const LEADING = 1.6;
/** The smallest size a cell's text shrinks to before it wraps (domains) or runs at that size (numbers). */
const MIN_CELL_SIZE = 5.5;
/** Rows of more lines than this may be split across pages; shorter ones move whole. */
const SPLIT_LINES = 6;
/** A QR code needs 4 light modules on each side to be found by a scanner. */
const QUIET_MODULES = 4;
/** Module size of the footer QR code: 1.75 pt ≈ 2.4 px in a 100 dpi scan, enough for a phone or a decoder. */
const QR_MODULE = 1.75;

/** One line of a table cell: its text, the size it is set at (shrunk when it would not fit), its field. */
export type CellLine = { text: string; size: number };

export type Column = {
	title: string;
	width: number;
	align?: 'left' | 'right' | 'center';
};

/**
 * A table row. `cells[i]` are the lines of column i; `repeat[i]`, when set, are the lines the cell shows
 * again (marked （续）) when the row continues on the next page, instead of going on with its own lines.
 * `span` rows (totals) set one text across columns from..to.
 */
export type Row =
	| { kind: 'cells'; cells: CellLine[][]; fields: string[]; repeat?: (CellLine[] | undefined)[] }
	| { kind: 'span'; parts: { from: number; to: number; text: string; align: 'left' | 'right'; face: Face; field: string }[] };

/**
 * How text is set into lines. A later version may keep this layout and change only these rules (2026.3 breaks
 * runs of letters of every script, 2026.5 keeps a paragraph's last line from holding one character and fits a
 * party's name to its box).
 */
export interface Typesetting {
	/** Lines of a text in one width. */
	lines(text: string, width: number, measure: Measure): string[];
	/** Lines of a paragraph whose first line has a width of its own (the indent). */
	paragraph(text: string, first: number, rest: number, measure: Measure): string[];
	/** A party's name beside its label on the execution page, each line at the size it is set in. */
	name(text: string, width: number, size: number, measure: (text: string, size: number) => number): CellLine[];
	/** A paragraph's line (not its last) is justified when it falls short of its width by less than this many ems. */
	readonly justifyBelow: number;
}

/** Greedy lines by `breakLines`; a name wraps at the body size like any text. */
export function greedyTypesetting(breakLines: (text: string, width: number, measure: Measure) => string[]): Typesetting {
	return {
		lines: breakLines,
		paragraph(text, first, rest, measure) {
			// Break for the narrower first line, then re-break the rest at full width.
			const head = breakLines(text, first, measure)[0] ?? '';
			const tail = text.slice(head.length);
			return [head, ...(tail ? breakLines(tail, rest, measure) : [])];
		},
		name: (text, width, size, measure) => breakLines(text, width, (s) => measure(s, size)).map((line) => ({ text: line, size })),
		// A line cut short by a long unbreakable run stays ragged.
		justifyBelow: 3
	};
}

/** The rules of 2026.2: greedy lines by 2026.1's line breaking (lineBreak.ts). */
export const TYPESETTING_2026_2: Typesetting = greedyTypesetting(breakLines);

export class Layout {
	readonly doc: jsPDF;
	y: number = PAGE.top;
	readonly #coverage: Record<Face, Set<number>>;
	readonly #widths: Record<Face, Map<string, number>> = { normal: new Map(), bold: new Map() };
	/** What jsPDF is given for a text of the regular face: characters outside the BMP as their stand-ins. */
	readonly #drawn: (text: string) => string;
	readonly #typesetting: Typesetting;
	#face: Face = 'normal';
	#size = BODY;

	constructor(
		doc: jsPDF,
		coverage: Record<Face, Set<number>>,
		drawn: (text: string) => string = (t) => t,
		typesetting: Typesetting = TYPESETTING_2026_2
	) {
		this.doc = doc;
		this.#coverage = coverage;
		this.#drawn = drawn;
		this.#typesetting = typesetting;
		this.doc.setFont(FAMILY, 'normal');
		this.doc.setFontSize(BODY);
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
				w = this.doc.getStringUnitWidth(face === 'normal' ? this.#drawn(c) : c);
				cache.set(c, w);
			}
			units += w;
		}
		return units * size;
	}

	/**
	 * The one place text reaches the page: checks the face has every glyph, then draws. The character
	 * spacing is always written: it is text state and would otherwise leak from a justified line into the next.
	 */
	draw(text: string, x: number, y: number, face: Face, size: number, field: string, charSpace = 0): void {
		assertCovered(text, this.#coverage[face], field);
		this.#font(face, size);
		this.doc.text(face === 'normal' ? this.#drawn(text) : text, x, y, { baseline: 'alphabetic', charSpace: charSpace || 1e-6 });
	}

	lines(text: string, width: number, face: Face, size: number): string[] {
		return this.#typesetting.lines(text, width, (s) => this.measure(s, face, size));
	}

	/** A party's name in `width` beside its label (regular face), starting at `size`. */
	nameLines(text: string, width: number, size: number): CellLine[] {
		return this.#typesetting.name(text, width, size, (s, at) => this.measure(s, 'normal', at));
	}

	/** Text at `size`, or smaller (down to MIN_CELL_SIZE) so it fits `width` on one line: never broken. */
	fit(text: string, width: number, face: Face, size: number): CellLine {
		const natural = this.measure(text, face, size);
		if (natural <= width) return { text, size };
		// Quarter-point steps keep the sizes (and the bytes) the same in every engine.
		const shrunk = Math.max(MIN_CELL_SIZE, Math.floor(((size * width) / natural) * 4) / 4);
		return { text, size: shrunk };
	}

	/**
	 * One item per line (a domain): shrunk to fit, and only when even the smallest size does not fit,
	 * broken anywhere with `mark` at the end of every line but the last, so the reader sees it goes on.
	 */
	fitOrWrap(text: string, width: number, size: number, mark: string): CellLine[] {
		const line = this.fit(text, width, 'normal', size);
		if (this.measure(text, 'normal', line.size) <= width) return [line];
		const room = width - this.measure(mark, 'normal', MIN_CELL_SIZE);
		const out: CellLine[] = [];
		let current = '';
		for (const c of text) {
			if (current !== '' && this.measure(current + c, 'normal', MIN_CELL_SIZE) > room) {
				out.push({ text: current + mark, size: MIN_CELL_SIZE });
				current = '';
			}
			current += c;
		}
		out.push({ text: current, size: MIN_CELL_SIZE });
		return out;
	}

	newPage(): void {
		this.doc.addPage();
		this.y = PAGE.top;
	}

	get bottomLimit(): number {
		return PAGE.height - PAGE.bottom;
	}

	/** Room left above the footer. */
	get room(): number {
		return this.bottomLimit - this.y;
	}

	/** Starts a new page unless `height` more points fit above the footer. */
	ensure(height: number): void {
		if (this.y + height > this.bottomLimit) this.newPage();
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

	heading(text: string, size = 12): void {
		// Keep a heading with at least two lines of what follows it.
		this.ensure(size * LEADING + BODY * LEADING * 2 + 6);
		this.y += 6 + size;
		this.draw(text, PAGE.left, this.y, 'bold', size, 'template.heading');
		this.y += size * (LEADING - 1) + 2;
	}

	/** A line of text aligned in the content width, e.g. （以下无正文）. */
	line(text: string, align: 'left' | 'center' | 'right', field: string, size = BODY): void {
		this.ensure(size * LEADING);
		this.y += size * LEADING;
		const w = this.measure(text, 'normal', size);
		const x = align === 'left' ? PAGE.left : align === 'center' ? PAGE.left + (CONTENT_WIDTH - w) / 2 : PAGE.left + CONTENT_WIDTH - w;
		this.draw(text, x, this.y - size * (LEADING - 1) * 0.5, 'normal', size, field);
	}

	/**
	 * A paragraph with a first-line indent of two characters; every line but the last is justified
	 * by spreading the gap over the characters (CJK text has no word spaces to stretch).
	 */
	paragraph(text: string, field: string, options: { size?: number; indent?: boolean; hanging?: number } = {}): void {
		const size = options.size ?? BODY;
		const first = options.indent === false ? 0 : size * 2;
		const hanging = options.hanging ?? 0;
		const lines = this.#typesetting.paragraph(text, CONTENT_WIDTH - first, CONTENT_WIDTH - hanging, (s) =>
			this.measure(s, 'normal', size)
		);
		lines.forEach((raw, i) => {
			const line = raw.replace(/\s+$/, '');
			const x = PAGE.left + (i === 0 ? first : hanging);
			const width = CONTENT_WIDTH - (i === 0 ? first : hanging);
			this.ensure(size * LEADING);
			this.y += size * LEADING;
			const count = [...line].length;
			const gap = width - this.measure(line, 'normal', size);
			// The last line stays ragged; a line cut short by a long unbreakable run stays ragged too.
			const justify = i < lines.length - 1 && count > 1 && gap > 0 && gap < size * this.#typesetting.justifyBelow;
			this.draw(line, x, this.y - size * (LEADING - 1) * 0.5, 'normal', size, field, justify ? gap / (count - 1) : 0);
		});
	}

	/** Label / value pairs; values wrap beside their label. */
	keyValues(rows: [label: string, value: string, field: string][], labelWidth = 100, size = BODY): void {
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

	/** A rectangle outline; dashed for a seal area. */
	box(x: number, y: number, w: number, h: number, dashed = false): void {
		this.doc.setLineWidth(0.6);
		this.doc.setDrawColor(110, 110, 110);
		if (dashed) this.doc.setLineDashPattern([3, 2], 0);
		this.doc.rect(x, y, w, h, 'S');
		if (dashed) this.doc.setLineDashPattern([], 0);
	}

	/**
	 * A ruled table whose header row is drawn again at the top of every page it continues on. A short row
	 * that does not fit moves whole to the next page; a long row is split, its repeated cells shown again
	 * with （续）. `keepLast` rows at the end (with `tail` points below the
	 * table) are kept on one page.
	 */
	table(columns: Column[], rows: Row[], options: { size: number; continued: string; keepLast?: number; tail?: number }): void {
		const size = options.size;
		const pad = 3;
		const lineHeight = size * 1.4;
		const limit = this.bottomLimit;
		const headerLines = columns.map((c) => this.lines(c.title, c.width - 2 * pad, 'bold', size));
		const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 2 * pad;
		const header = () => {
			this.#cells(
				columns,
				headerLines.map((ls) => ls.map((text) => ({ text, size }))),
				headerHeight,
				'bold',
				pad,
				lineHeight,
				true,
				columns.map(() => 'template.tableHeader')
			);
			this.y += headerHeight;
		};
		const spanHeight = lineHeight + 2 * pad;
		const heightOf = (row: Row) =>
			row.kind === 'span' ? spanHeight : Math.max(...row.cells.map((c) => Math.max(c.length, 1))) * lineHeight + 2 * pad;

		this.ensure(headerHeight + lineHeight * 2 + 2 * pad);
		header();
		const keepFrom = rows.length - (options.keepLast ?? 0);
		rows.forEach((row, index) => {
			if (index === keepFrom && options.keepLast) {
				const together = rows.slice(keepFrom).reduce((sum, r) => sum + heightOf(r), 0) + (options.tail ?? 0);
				if (this.y + together > limit && together + headerHeight < limit - PAGE.top) {
					this.newPage();
					header();
				}
			}
			if (row.kind === 'span') {
				if (this.y + spanHeight > limit) {
					this.newPage();
					header();
				}
				this.#span(columns, row, spanHeight, pad, lineHeight, size);
				this.y += spanHeight;
				return;
			}
			let cells = row.cells;
			const rowHeight = heightOf(row);
			// A short row moves whole to the next page; a long one (a site with many domains) starts where
			// at least three of its lines fit and goes on under the next page's header.
			const long = rowHeight > lineHeight * SPLIT_LINES + 2 * pad;
			const fitNow = Math.floor((limit - this.y - 2 * pad) / lineHeight);
			if (long ? fitNow < 3 : this.y + rowHeight > limit) {
				this.newPage();
				header();
			}
			for (;;) {
				const fit = Math.max(1, Math.floor((limit - this.y - 2 * pad) / lineHeight));
				const take = Math.min(fit, Math.max(...cells.map((c) => Math.max(c.length, 1))));
				this.#cells(columns, cells.map((c) => c.slice(0, take)), take * lineHeight + 2 * pad, 'normal', pad, lineHeight, false, row.fields);
				this.y += take * lineHeight + 2 * pad;
				// The row goes on only while a cell that is not repeated still has lines.
				const goesOn = cells.some((c, i) => !row.repeat?.[i] && c.length > take);
				if (!goesOn) break;
				cells = cells.map((c, i) => {
					const repeat = row.repeat?.[i];
					return repeat ? [...repeat, { text: options.continued, size }] : c.slice(take);
				});
				this.newPage();
				header();
			}
		});
	}

	#cells(
		columns: Column[],
		lines: CellLine[][],
		height: number,
		face: Face,
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
				const baseline = this.y + pad + (j + 1) * lineHeight - (lineHeight - line.size) * 0.5 - line.size * 0.12;
				const w = col.align && col.align !== 'left' ? this.measure(line.text, face, line.size) : 0;
				const tx =
					col.align === 'right' ? x + col.width - pad - w : col.align === 'center' ? x + (col.width - w) / 2 : x + pad;
				this.draw(line.text, tx, baseline, face, line.size, fields[i] ?? 'table');
			});
			x += col.width;
		});
	}

	#span(columns: Column[], row: Extract<Row, { kind: 'span' }>, height: number, pad: number, lineHeight: number, size: number): void {
		const doc = this.doc;
		doc.setLineWidth(0.5);
		doc.setDrawColor(90, 90, 90);
		const starts = columns.map((_, i) => PAGE.left + columns.slice(0, i).reduce((s, c) => s + c.width, 0));
		for (const part of row.parts) {
			const x = starts[part.from]!;
			const width = starts[part.to]! + columns[part.to]!.width - x;
			doc.rect(x, this.y, width, height, 'S');
			const line = this.fit(part.text, width - 2 * pad, part.face, size);
			const w = this.measure(line.text, part.face, line.size);
			const tx = part.align === 'right' ? x + width - pad - w : x + pad;
			const baseline = this.y + pad + lineHeight - (lineHeight - line.size) * 0.5 - line.size * 0.12;
			this.draw(line.text, tx, baseline, part.face, line.size, part.field);
		}
	}

	/**
	 * Footer on every page: page x of y, the contract number, the content fingerprint, and a QR code of
	 * the verification URL with its quiet zone kept clear; drawn after the body so the page count is known.
	 */
	footers(
		number: string,
		fingerprint: string,
		url: string,
		pageLabel: (x: number, y: number) => string,
		fingerprintLabel: string
	): void {
		const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
		const n = qr.modules.size;
		const qrSize = n * QR_MODULE;
		const quiet = QUIET_MODULES * QR_MODULE;
		const total = this.doc.getNumberOfPages();
		const top = PAGE.height - PAGE.bottom + 8;
		const qrX = PAGE.width - PAGE.right - qrSize;
		const qrY = PAGE.height - 8 - qrSize - quiet;
		// The same code at the same place on every page: its operators are made once.
		const qrOps = qrOperators(qr.modules, qrX, qrY, QR_MODULE);
		for (let page = 1; page <= total; page++) {
			this.doc.setPage(page);
			this.doc.setLineWidth(0.4);
			this.doc.setDrawColor(120, 120, 120);
			// The rule stops short of the QR code's quiet zone.
			this.doc.line(PAGE.left, top, qrX - quiet, top);
			const size = 7.5;
			this.draw(pageLabel(page, total), PAGE.left, top + 14, 'normal', size, 'template.footer');
			this.draw(number, PAGE.left, top + 27, 'normal', size, 'number');
			this.draw(`${fingerprintLabel} SHA-256`, PAGE.left, top + 40, 'normal', size, 'template.footer');
			this.draw(fingerprint, PAGE.left, top + 53, 'normal', 6.5, 'fingerprint');
			// jsPDF's typings omit internal.write, the documented way to emit raw content-stream operators.
			(this.doc.internal as unknown as { write(s: string): void }).write(qrOps);
		}
	}
}
