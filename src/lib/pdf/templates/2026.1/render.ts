// Template version CD-FA-2026.1 (all three kinds), frozen: never edited, so its documents re-render byte for byte.
import type { ContractRecord } from '../../../domain/contract';
import { fontCoverage } from '../../coverage';
import { addContractFaces } from '../../fontCache';
import type { ContractFonts, TemplateRenderer } from '../../types';
import { renderFiling } from './filing';
import { pdfDate } from './format';
import { renderFramework } from './framework';
import { FAMILY, Layout } from './layout';
import { renderOrder } from './order';
import { LABELS, TITLES } from './text';

async function render(parsed: ContractRecord, fonts: ContractFonts, fingerprint: string): Promise<Uint8Array> {
	const { jsPDF } = await import('jspdf');
	const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: true, putOnlyUsedFonts: true });
	doc.setCreationDate(pdfDate(parsed.createdAt));
	doc.setFileId(fingerprint.slice(0, 32));
	doc.setProperties({ title: `${TITLES[parsed.kind]} ${parsed.number}`, subject: parsed.number, creator: 'Contract Desk' });
	addContractFaces(doc, FAMILY, fonts);

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

export const renderer2026_1: TemplateRenderer = { fontSet: 'serif-2026.1', render };
