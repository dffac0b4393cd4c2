// Registration re-renders the record with the same pure renderer the device used and compares fingerprints.
import { sha256Hex } from '../src/lib/domain/canonical';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import type { VerifyDocument } from './app';

export const verifyDocument: VerifyDocument = async (record, pdfSha256) => {
	const pdf = await renderContractPdf(record, await loadContractFontsNode());
	return (await sha256Hex(pdf)) === pdfSha256;
};
