// Render-pool worker: reads the built fonts of each template version once, then answers each record with the SHA-256 of its PDF.
import { sha256Hex } from '../src/lib/domain/canonical';
import type { ContractRecord } from '../src/lib/domain/contract';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
import { serveJobs } from './worker-pool';

// Today's fonts are read before the first job arrives. A failure is left unhandled on purpose: it kills this
// worker, so the pending verification fails as "renderer unavailable" (retryable) rather than as a fault of
// the contract. An older version's fonts are read on its first record and kept.
const current = loadContractFontsNode();

serveJobs(async (record: ContractRecord) => {
	await current;
	return sha256Hex(await renderContractPdf(record, await loadContractFontsNode(record.templateVersion)));
});
