// The app's entry to contract PDFs: everything heavy (renderer, jsPDF, QR encoder, fonts) loads on first use.
import type { ContractRecord } from '../domain/contract';
import { checkRecordCoverage, MissingGlyphError } from './coverage';
import { loadContractFonts } from './fonts';

export { MissingGlyphError } from './coverage';
export { FONT_URLS, loadContractFonts } from './fonts';

/** Record → PDF bytes in the browser. Rejects with MissingGlyphError (char, codePoint, field) or a zod error. */
export async function generateContractPdf(record: ContractRecord): Promise<Uint8Array> {
	const [{ renderContractPdf }, fonts] = await Promise.all([import('./render'), loadContractFonts()]);
	return renderContractPdf(record, fonts);
}

/** Warms modules and fonts (e.g. when the confirm screen opens) so the confirm click only renders. */
export async function preloadContractPdf(): Promise<void> {
	await Promise.all([import('./render'), import('jspdf'), loadContractFonts()]);
}

/** For the confirm screen: the first character the font cannot draw, with its field, or null. */
export async function findMissingGlyph(record: ContractRecord): Promise<MissingGlyphError | null> {
	const { regular } = await loadContractFonts();
	try {
		checkRecordCoverage(record, regular);
		return null;
	} catch (error) {
		if (error instanceof MissingGlyphError) return error;
		throw error;
	}
}
