// Render-pool worker: reads the built fonts of each template version once, then answers each job with its PDF and SHA-256.
import { createHash } from 'node:crypto';
import type { ContractRecord } from '../../src/lib/domain/contract';
import { prepareContractFaces } from '../../src/lib/pdf/fontCache';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { serveJobs } from './worker-pool';

// Today's fonts are read before the first job arrives. A failure is left unhandled on purpose: it kills this
// worker, so the pending verification fails as "renderer unavailable" (retryable) rather than as a fault of
// the contract. An older version's fonts are read on its first record and kept. Today's faces are parsed here
// too, so the first registration does not pay jsPDF's parse.
const current = loadContractFontsNode().then(async (fonts) => {
	await prepareContractFaces(fonts);
	return fonts;
});

/** A record to render; with registeredAt, its registered copy (the time printed in the electronic record box). */
export type RenderJob = { record: ContractRecord; registeredAt?: string };
/** The bytes (their buffer is transferred, not copied) and their SHA-256, hashed here, off the main thread. */
export type Rendered = { pdf: Uint8Array; sha256: string };

serveJobs(
	async ({ record, registeredAt }: RenderJob): Promise<Rendered> => {
		await current;
		const fonts = await loadContractFontsNode(record.templateVersion);
		const made = await renderContractPdf(record, fonts, registeredAt === undefined ? undefined : { registeredAt });
		// Only a buffer that is the document alone is moved; a view into a larger one is copied out first.
		const pdf = made.byteOffset === 0 && made.byteLength === made.buffer.byteLength ? made : made.slice();
		return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
	},
	(rendered) => [rendered.pdf.buffer as ArrayBuffer]
);
