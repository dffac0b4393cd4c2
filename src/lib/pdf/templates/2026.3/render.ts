// Template versions CD-FA-2026.3, CD-FL-2026.3 and CD-OR-2026.3 (2026.2's text, layout and sections in the complete regular face), frozen: never edited in output (golden.test.ts), a change is a new version; later versions reuse its layout over their own text (templateRenderer).
import type { jsPDF } from 'jspdf';
import type { ContractRecord } from '../../../domain/contract';
import { fontCoverage } from '../../coverage';
import { addContractFaces } from '../../fontCache';
import type { FontSetId } from '../../fontFiles';
import type { ContractFonts, RenderOptions, TemplateRenderer } from '../../types';
import { pdfDate } from './format';
import { FAMILY, Layout, type Typesetting, TYPESETTING_2026_3 } from './layout';
import type { Execution } from '../2026.2/sections';
import { drawContract, subsetTag, verifyUrl } from '../2026.2/render';
import { standIns, withRealUnicode } from './nonBmp';
import { TEXT, type TemplateText } from './text';

export { verifyUrl };

/** The parts of jsPDF's font object this renderer reaches into (jspdf is pinned exactly). */
type JsPdfFont = { fontName: string; metadata: { cmap: { unicode: { codeMap: Record<number, number> } } } };

/** A jsPDF document with the set's two faces, and the layout that draws with them. */
export type FontedDocument = { doc: jsPDF; layout: Layout; output(): Uint8Array; faces(): { regular: JsPdfFont; bold: JsPdfFont } };

/**
 * Makes the document every 2026.3 contract is drawn in: `prepare` sets its metadata first, then the two faces
 * are added, and characters outside the BMP are drawn through stand-ins jsPDF can look up (nonBmp.ts). The
 * all-code-points test draws with exactly this.
 */
export async function fontedDocument(
	fonts: ContractFonts,
	prepare: (doc: jsPDF) => void = () => {},
	typesetting: Typesetting = TYPESETTING_2026_3
): Promise<FontedDocument> {
	const { jsPDF } = await import('jspdf');
	const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true, putOnlyUsedFonts: true });
	prepare(doc);
	const wide = standIns(fonts.regular);
	addContractFaces(doc, FAMILY, fonts, wide.glyphs);
	const getFont = doc.getFont as unknown as (family: string, style: string) => JsPdfFont;
	const layout = new Layout(doc, { normal: fontCoverage(fonts.regular), bold: fontCoverage(fonts.bold) }, wide.drawn, typesetting);
	return {
		doc,
		layout,
		faces: () => ({ regular: getFont.call(doc, FAMILY, 'normal'), bold: getFont.call(doc, FAMILY, 'bold') }),
		output: () => new Uint8Array(withRealUnicode(jsPDF.API as never, wide.fromPua, () => doc.output('arraybuffer')))
	};
}

/**
 * A renderer of this template's layout over a text: 2026.3 is it over its own text; a later version that only
 * changes words is it over that version's text (and, when its characters allow, the same font set), and one that
 * changes how lines are set gives its typesetting rules too.
 */
export function templateRenderer(fontSet: FontSetId, t: TemplateText, typesetting?: Typesetting): TemplateRenderer {
	async function render(r: ContractRecord, fonts: ContractFonts, fingerprint: string, options: RenderOptions): Promise<Uint8Array> {
		const title = `${t.TITLES[r.kind]} ${r.number}`;
		const { layout, faces, output } = await fontedDocument(fonts, (doc) => {
			doc.setCreationDate(pdfDate(r.createdAt));
			doc.setFileId(fingerprint.slice(0, 32));
			doc.setProperties({
				title,
				subject: `${t.TITLES[r.kind]}：${r.partyA.name} / ${r.partyB.name}`,
				author: r.partyB.name,
				keywords: `${r.number} SHA-256:${fingerprint} ${r.templateVersion}`,
				creator: '合同台 Contract Desk'
			});
			doc.setLanguage('zh-CN');
			doc.viewerPreferences({ DisplayDocTitle: true });
		}, typesetting);
		const url = verifyUrl(r, fingerprint);
		const execution: Execution = { fingerprint, verifyUrl: url, registeredAt: options.registeredAt };
		drawContract(layout, r, execution, t);
		layout.footers(r.number, fingerprint, url, t.LABELS.page, t.LABELS.fingerprint);
		// jsPDF embeds only the glyphs used, so the fonts are subsets and are named as such. Renamed only now:
		// jsPDF finds a font's metrics by this name while text is laid out, and writes it only at output.
		const { regular, bold } = faces();
		regular.fontName = `${subsetTag(fingerprint, 0)}+NotoSerifSC-Regular`;
		bold.fontName = `${subsetTag(fingerprint, 6)}+NotoSerifSC-Bold`;
		return output();
	}
	return { fontSet, render };
}

export const renderer2026_3: TemplateRenderer = templateRenderer('serif-2026.3', TEXT);
