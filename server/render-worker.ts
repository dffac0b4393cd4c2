// Render-pool worker: reads the built fonts of each template version once, then answers each job with the SHA-256 of its PDF.
import { sha256Hex } from '../src/lib/domain/canonical';
import type { ContractRecord } from '../src/lib/domain/contract';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import { serveJobs } from './worker-pool';

// Today's fonts are read before the first job arrives. A failure is left unhandled on purpose: it kills this
// worker, so the pending verification fails as "renderer unavailable" (retryable) rather than as a fault of
// the contract. An older version's fonts are read on its first record and kept.
const current = loadContractFontsNode();

/** A record to render; with registeredAt, its registered copy (the time printed in the electronic record box). */
export type RenderJob = { record: ContractRecord; registeredAt?: string };

serveJobs(async ({ record, registeredAt }: RenderJob) => {
	await current;
	const fonts = await loadContractFontsNode(record.templateVersion);
	return sha256Hex(await renderContractPdf(record, fonts, registeredAt === undefined ? undefined : { registeredAt }));
});
