// Reads what an incremental update needs from a PDF with classic xref tables (jsPDF's output): trailer, objects, pages.
import { inflateSync } from 'node:zlib';

export interface PdfFile {
	bytes: Uint8Array;
	/** The file as latin1 text: one character per byte, so string offsets are byte offsets. */
	text: string;
	startxref: number;
	size: number;
	root: number;
	/** The trailer's /Info reference as written ("21 0 R"), if any. */
	info: string | undefined;
	/** The first /ID string (hex), if any. */
	id: string | undefined;
	offsets: Map<number, number>;
}

export class UnsupportedPdfError extends Error {
	override name = 'UnsupportedPdfError';
}

function need<T>(value: T | undefined | null, what: string): T {
	if (value === undefined || value === null) throw new UnsupportedPdfError(what);
	return value;
}

/** Parses the xref chain from the last startxref; the newest entry of an object wins. */
export function readPdf(bytes: Uint8Array): PdfFile {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	const tail = text.slice(text.lastIndexOf('startxref'));
	const startxref = Number(need(/^startxref\s+(\d+)/.exec(tail), 'no startxref')[1]);
	const offsets = new Map<number, number>();
	let trailer: string | undefined;
	const seen = new Set<number>();
	for (let at = startxref; at > 0 || !trailer;) {
		if (seen.has(at) || !text.startsWith('xref', at)) throw new UnsupportedPdfError('not a classic xref table');
		seen.add(at);
		const end = need(text.indexOf('trailer', at), 'no trailer');
		const lines = text
			.slice(at + 4, end)
			.split(/\r\n|\r|\n/)
			.map((l) => l.trim())
			.filter(Boolean);
		for (let i = 0; i < lines.length;) {
			const [first, count] = lines[i]!.split(/\s+/).map(Number) as [number, number];
			for (let k = 0; k < count; k++) {
				const [offset, , type] = lines[i + 1 + k]!.split(/\s+/);
				const num = first + k;
				if (type === 'n' && !offsets.has(num)) offsets.set(num, Number(offset));
				if (type === 'f' && !offsets.has(num)) offsets.set(num, -1);
			}
			i += 1 + count;
		}
		const dict = text.slice(end + 7, text.indexOf('startxref', end));
		trailer ??= dict;
		const prev = /\/Prev\s+(\d+)/.exec(dict);
		if (!prev) break;
		at = Number(prev[1]);
	}
	for (const [num, off] of offsets) if (off < 0) offsets.delete(num);
	const t = need(trailer, 'no trailer');
	return {
		bytes,
		text,
		startxref,
		size: Number(need(/\/Size\s+(\d+)/.exec(t), 'no /Size')[1]),
		root: Number(need(/\/Root\s+(\d+)\s+0\s+R/.exec(t), 'no /Root')[1]),
		info: /\/Info\s+(\d+\s+0\s+R)/.exec(t)?.[1],
		id: /\/ID\s*\[\s*<([0-9A-Fa-f]+)>/.exec(t)?.[1],
		offsets
	};
}

/** The object's text between "N 0 obj" and "endobj" (for a stream object: its dictionary, then the stream). */
export function objectText(pdf: PdfFile, num: number): string {
	const offset = need(pdf.offsets.get(num), `no object ${num}`);
	const head = new RegExp(`^${num}\\s+0\\s+obj`).exec(pdf.text.slice(offset, offset + 32));
	need(head, `object ${num} is not at its xref offset`);
	const end = pdf.text.indexOf('endobj', offset);
	return pdf.text.slice(offset + head![0].length, end).trim();
}

/** An object's dictionary: the text before "stream", trimmed (starts with << and ends with >>). */
export function objectDict(pdf: PdfFile, num: number): string {
	const body = objectText(pdf, num);
	const s = body.search(/\bstream\b/);
	return (s < 0 ? body : body.slice(0, s)).trim();
}

/** A stream object's data, inflated when /FlateDecode (jsPDF's only filter on page content). */
export function streamData(pdf: PdfFile, num: number): Uint8Array {
	const offset = need(pdf.offsets.get(num), `no object ${num}`);
	const dict = objectDict(pdf, num);
	const length = Number(need(/\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict), `object ${num}: no direct /Length`)[1]);
	const s = pdf.text.indexOf('stream', offset);
	let start = s + 'stream'.length;
	if (pdf.text[start] === '\r') start++;
	if (pdf.text[start] === '\n') start++;
	const raw = pdf.bytes.subarray(start, start + length);
	return /\/FlateDecode/.test(dict) ? new Uint8Array(inflateSync(raw)) : raw;
}

function refs(list: string): number[] {
	return [...list.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
}

/** The page objects in document order. */
export function pageObjects(pdf: PdfFile): number[] {
	const root = objectDict(pdf, pdf.root);
	const pages: number[] = [];
	const walk = (num: number, depth: number) => {
		if (depth > 32) throw new UnsupportedPdfError('page tree too deep');
		const dict = objectDict(pdf, num);
		if (/\/Type\s*\/Pages\b/.test(dict)) {
			for (const kid of refs(need(/\/Kids\s*\[([^\]]*)\]/.exec(dict), 'no /Kids')[1]!)) walk(kid, depth + 1);
		} else pages.push(num);
	};
	walk(Number(need(/\/Pages\s+(\d+)\s+0\s+R/.exec(root), 'no /Pages')[1]), 0);
	return pages;
}

/** The page's content, its streams concatenated. */
export function pageContent(pdf: PdfFile, page: number): string {
	const dict = objectDict(pdf, page);
	const inline = /\/Contents\s*\[([^\]]*)\]/.exec(dict);
	const nums = inline ? refs(inline[1]!) : [Number(need(/\/Contents\s+(\d+)\s+0\s+R/.exec(dict), 'no /Contents')[1])];
	return nums.map((n) => Buffer.from(streamData(pdf, n)).toString('latin1')).join('\n');
}
