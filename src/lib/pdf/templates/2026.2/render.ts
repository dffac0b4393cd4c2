// Template versions CD-FA-2026.2, CD-FL-2026.2 and CD-OR-2026.2, frozen: never edited (golden.test.ts), a change is a new version.
import type { ContractRecord } from '../../../domain/contract';
import { fontCoverage } from '../../coverage';
import { addContractFaces } from '../../fontCache';
import type { ContractFonts, RenderOptions, TemplateRenderer } from '../../types';
import { renderFiling } from './filing';
import { pdfDate } from './format';
import { renderFramework } from './framework';
import { FAMILY, Layout } from './layout';
import { renderOrder } from './order';
import type { Execution } from './sections';
import { LABELS, TEXT, type TemplateText, TITLES } from './text';

/**
 * The verification link the QR code carries. Its origin comes from the record (Party B's snapshot of the
 * provider, `partyB.verifyOrigin`, set by the server's PUBLIC_URL), so the server re-renders the same bytes
 * whatever its configuration is today; the fragment keeps the fingerprint out of server logs.
 */
export function verifyUrl(record: ContractRecord, fingerprint: string): string {
	const origin = record.partyB.verifyOrigin;
	if (!origin) throw new Error(`Template ${record.templateVersion} needs partyB.verifyOrigin (the provider's verification address)`);
	return `${origin}/verify/${record.number}#${fingerprint}`;
}

/** A PDF subset tag (six capital letters, ISO 32000 9.6.4) derived from the fingerprint: same record, same tag. */
export function subsetTag(fingerprint: string, offset: number): string {
	return [...fingerprint.slice(offset, offset + 6)].map((h) => String.fromCharCode(65 + parseInt(h, 16))).join('');
}

/** The contract of the record's kind, over a text: the agreement, then the kind's attachment. */
export function drawContract(layout: Layout, r: ContractRecord, execution: Execution, t: TemplateText): void {
	switch (r.kind) {
		case 'framework':
			renderFramework(layout, r, execution, t);
			break;
		case 'filing':
			renderFiling(layout, r, execution, t);
			break;
		case 'order':
			renderOrder(layout, r, execution, t);
			break;
	}
}

async function render(r: ContractRecord, fonts: ContractFonts, fingerprint: string, options: RenderOptions): Promise<Uint8Array> {
	const { jsPDF } = await import('jspdf');
	const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true, putOnlyUsedFonts: true });
	doc.setCreationDate(pdfDate(r.createdAt));
	doc.setFileId(fingerprint.slice(0, 32));
	const title = `${TITLES[r.kind]} ${r.number}`;
	doc.setProperties({
		title,
		subject: `${TITLES[r.kind]}：${r.partyA.name} / ${r.partyB.name}`,
		author: r.partyB.name,
		keywords: `${r.number} SHA-256:${fingerprint} ${r.templateVersion}`,
		creator: '合同台 Contract Desk'
	});
	doc.setLanguage('zh-CN');
	doc.viewerPreferences({ DisplayDocTitle: true });
	addContractFaces(doc, FAMILY, fonts);

	const url = verifyUrl(r, fingerprint);
	const execution: Execution = { fingerprint, verifyUrl: url, registeredAt: options.registeredAt };
	const layout = new Layout(doc, { normal: fontCoverage(fonts.regular), bold: fontCoverage(fonts.bold) });
	drawContract(layout, r, execution, TEXT);
	layout.footers(r.number, fingerprint, url, LABELS.page, LABELS.fingerprint);
	// jsPDF embeds only the glyphs used, so the fonts are subsets and are named as such. Renamed only now:
	// jsPDF finds a font's metrics by this name while text is laid out, and writes it only at output.
	const getFont = doc.getFont as unknown as (family: string, style: string) => { fontName: string };
	const regular = getFont.call(doc, FAMILY, 'normal');
	const bold = getFont.call(doc, FAMILY, 'bold');
	regular.fontName = `${subsetTag(fingerprint, 0)}+NotoSerifSC-Regular`;
	bold.fontName = `${subsetTag(fingerprint, 6)}+NotoSerifSC-Bold`;
	return new Uint8Array(doc.output('arraybuffer'));
}

export const renderer2026_2: TemplateRenderer = { fontSet: 'serif-2026.2', render };
