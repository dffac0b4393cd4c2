// The pure renderer: a contract record and the font bytes in, deterministic PDF bytes out (browser and Node).
import { canonicalJson, sha256Hex } from '../domain/canonical';
import { contractRecord, type ContractRecord } from '../domain/contract';
import { checkRecordCoverage, fontCoverage } from './coverage';
import { renderFiling } from './filing';
import { pdfDate } from './format';
import { installLinearGlyfEncoder } from './glyfEncode';
import { renderFramework } from './framework';
import { FAMILY, Layout } from './layout';
import { renderOrder } from './order';
import { LABELS, TITLES } from './template';

export type ContractFonts = { regular: Uint8Array; bold: Uint8Array };

const binary = new WeakMap<Uint8Array, string>();

/** jsPDF's VFS wants a string; a raw binary string (not base64) is accepted for TrueType and skips atob. */
function binaryString(bytes: Uint8Array): string {
	let s = binary.get(bytes);
	if (s === undefined) {
		const parts: string[] = [];
		// apply over typed-array chunks is ~10x faster than spreading them; TextDecoder('latin1') is
		// windows-1252 in browsers and would corrupt bytes 0x80–0x9F.
		for (let i = 0; i < bytes.length; i += 0x2000) {
			parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x2000) as unknown as number[]));
		}
		s = parts.join('');
		binary.set(bytes, s);
	}
	return s;
}

/** SHA-256 of the record's canonical JSON: printed on every page and carried by the QR code. */
export function contentFingerprint(record: ContractRecord): Promise<string> {
	return sha256Hex(canonicalJson(record));
}

/**
 * Renders a contract record to PDF bytes. Throws the zod error for an invalid record and
 * MissingGlyphError (with char, codePoint, field) when the font lacks a character.
 */
export async function renderContractPdf(record: ContractRecord, fonts: ContractFonts): Promise<Uint8Array> {
	const parsed = contractRecord.parse(record);
	checkRecordCoverage(parsed, fonts.regular);
	const fingerprint = await contentFingerprint(parsed);

	const { jsPDF } = await import('jspdf');
	const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true, putOnlyUsedFonts: true });
	doc.setCreationDate(pdfDate(parsed.createdAt));
	doc.setFileId(fingerprint.slice(0, 32));
	doc.setProperties({ title: `${TITLES[parsed.kind]} ${parsed.number}`, subject: parsed.number, creator: 'Contract Desk' });
	doc.addFileToVFS('contract-serif-regular.ttf', binaryString(fonts.regular));
	doc.addFileToVFS('contract-serif-bold.ttf', binaryString(fonts.bold));
	doc.addFont('contract-serif-regular.ttf', FAMILY, 'normal', 'Identity-H');
	doc.addFont('contract-serif-bold.ttf', FAMILY, 'bold', 'Identity-H');
	installLinearGlyfEncoder(doc, FAMILY, 'normal');
	installLinearGlyfEncoder(doc, FAMILY, 'bold');

	const layout = new Layout(doc, { normal: fontCoverage(fonts.regular), bold: fontCoverage(fonts.bold) });
	switch (parsed.kind) {
		case 'framework':
			renderFramework(layout, parsed);
			break;
		case 'filing':
			renderFiling(layout, parsed);
			break;
		case 'order':
			renderOrder(layout, parsed);
			break;
	}
	layout.footers(parsed.number, fingerprint, LABELS.page, LABELS.fingerprint);
	return new Uint8Array(doc.output('arraybuffer'));
}
