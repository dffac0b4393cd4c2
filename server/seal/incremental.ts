// Appends a signature field to a PDF as an incremental update (new objects, an xref section, a trailer with /Prev) and fills in its ByteRange and CMS: the bytes before stay as they were.
import { deflateSync } from 'node:zlib';
import { objectDict, readPdf, UnsupportedPdfError, type PdfFile } from './pdf-file';

/** Bytes reserved for the DER CMS (written as hex): the chain, the signature and a timestamp token fit with room. */
export const SIGNATURE_BYTES = 24 * 1024;
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 0000000000 0000000000 0000000000]';

export interface Widget {
	page: number;
	/** [x, y, width, height] in points; absent → an invisible signature. */
	rect?: [number, number, number, number];
	/** The appearance's content stream, drawn in a form of the rect's size. */
	appearance?: string;
}

export interface SignInput {
	/** /M of the signature dictionary. */
	signingTime: Date;
	widget: Widget;
	/** Makes the DER CMS for the digest of the signed byte ranges. */
	sign: (signedBytes: Uint8Array[]) => Promise<Uint8Array>;
}

/** D:YYYYMMDDHHmmSSZ */
export function pdfDate(d: Date): string {
	return `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

const fixed = (v: number) => (Math.round(v * 1000) / 1000).toString();

/** The dictionary with `entries` added before its closing >>. */
function extendDict(dict: string, entries: string): string {
	const end = dict.lastIndexOf('>>');
	if (!dict.startsWith('<<') || end < 0) throw new UnsupportedPdfError('not a dictionary');
	return `${dict.slice(0, end).trimEnd()}${entries}\n>>`;
}

function withAnnot(pdf: PdfFile, page: string, ref: string): string {
	const inline = /\/Annots\s*\[([^\]]*)\]/.exec(page);
	if (inline) return page.replace(inline[0], `/Annots [${inline[1]!.trim()} ${ref}]`);
	const indirect = /\/Annots\s+(\d+)\s+0\s+R/.exec(page);
	if (indirect) {
		const list = objectDict(pdf, Number(indirect[1]))
			.replace(/^\[|\]$/g, '')
			.trim();
		return page.replace(indirect[0], `/Annots [${list} ${ref}]`);
	}
	return extendDict(page, `\n/Annots [${ref}]`);
}

/**
 * The original bytes, then: the signature dictionary, its widget (the field), the appearance form, the
 * AcroForm, the catalog and the page rewritten to point at them, one xref section and the trailer.
 */
export async function signIncrementally(original: Uint8Array, input: SignInput): Promise<Uint8Array> {
	const pdf = readPdf(original);
	const catalog = objectDict(pdf, pdf.root);
	if (/\/AcroForm\b/.test(catalog)) throw new UnsupportedPdfError('the document has a form already');
	const page = objectDict(pdf, input.widget.page);

	const sigNum = pdf.size;
	const widgetNum = sigNum + 1;
	const formNum = sigNum + 2;
	const acroNum = sigNum + 3;
	const rect = input.widget.rect ?? [0, 0, 0, 0];
	const visible = input.widget.rect !== undefined && input.widget.appearance !== undefined;
	const [x, y, w, h] = rect;
	const placeholder = `<${'0'.repeat(SIGNATURE_BYTES * 2)}>`;

	const objects: [number, string][] = [
		[
			sigNum,
			`<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n${BYTE_RANGE_PLACEHOLDER}\n/Contents ${placeholder}\n/M (${pdfDate(input.signingTime)})\n>>`
		],
		[
			widgetNum,
			`<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (ProviderSeal)\n/V ${sigNum} 0 R\n/F 132\n/P ${input.widget.page} 0 R\n/Rect [${[x, y, x + w, y + h].map(fixed).join(' ')}]${visible ? `\n/AP << /N ${formNum} 0 R >>` : ''}\n>>`
		]
	];
	if (visible) {
		const stream = deflateSync(Buffer.from(input.widget.appearance!, 'latin1')).toString('latin1');
		objects.push([
			formNum,
			`<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 ${fixed(w)} ${fixed(h)}]\n/Resources << >>\n/Filter /FlateDecode\n/Length ${stream.length}\n>>\nstream\n${stream}\nendstream`
		]);
	}
	objects.push(
		[acroNum, `<<\n/Fields [${widgetNum} 0 R]\n/SigFlags 3\n>>`],
		[pdf.root, extendDict(catalog, `\n/AcroForm ${acroNum} 0 R`)],
		[input.widget.page, withAnnot(pdf, page, `${widgetNum} 0 R`)]
	);

	const head = original[original.length - 1] === 0x0a ? '' : '\n';
	let text = head;
	const offsets = new Map<number, number>();
	for (const [num, body] of objects) {
		offsets.set(num, original.length + text.length);
		text += `${num} 0 obj\n${body}\nendobj\n`;
	}
	const xrefAt = original.length + text.length;
	const nums = [...offsets.keys()].sort((a, b) => a - b);
	let xref = 'xref\n';
	for (let i = 0; i < nums.length;) {
		let j = i;
		while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
		xref += `${nums[i]} ${j - i + 1}\n`;
		for (let k = i; k <= j; k++) xref += `${String(offsets.get(nums[k]!)).padStart(10, '0')} 00000 n \n`;
		i = j + 1;
	}
	const size = Math.max(pdf.size, acroNum + 1);
	const id = pdf.id ? `\n/ID [<${pdf.id}> <${pdf.id}>]` : '';
	const info = pdf.info ? `\n/Info ${pdf.info}` : '';
	text += `${xref}trailer\n<<\n/Size ${size}\n/Root ${pdf.root} 0 R${info}${id}\n/Prev ${pdf.startxref}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;

	const out = new Uint8Array(original.length + text.length);
	out.set(original, 0);
	out.set(Buffer.from(text, 'latin1'), original.length);

	// The ByteRange covers everything but the Contents hex string, < and > included in the gap.
	const contentsAt = original.length + text.indexOf(placeholder);
	const gapEnd = contentsAt + placeholder.length;
	const byteRange = [0, contentsAt, gapEnd, out.length - gapEnd];
	const rangeText = `/ByteRange [${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
	if (rangeText.length !== BYTE_RANGE_PLACEHOLDER.length) throw new Error('ByteRange does not fit its placeholder');
	const rangeAt = original.length + text.indexOf(BYTE_RANGE_PLACEHOLDER);
	out.set(Buffer.from(rangeText, 'latin1'), rangeAt);

	const cms = await input.sign([out.subarray(0, contentsAt), out.subarray(gapEnd)]);
	if (cms.length > SIGNATURE_BYTES)
		throw new Error(`CMS of ${cms.length} bytes exceeds the ${SIGNATURE_BYTES} reserved`);
	out.set(Buffer.from(Buffer.from(cms).toString('hex').toUpperCase(), 'latin1'), contentsAt + 1);
	return out;
}
