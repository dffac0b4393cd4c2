// Seal-job worker: seals one PDF per job (incremental update, CAdES, visible seal, TSA) off the server's main thread and hashes the result.
import { createHash } from 'node:crypto';
import { serveJobs } from '../render/worker-pool';
import type { SealSigner } from './cms';
import { sealPdf } from './seal-pdf';
import { tsaClient } from './tsa';

/** What sealPdf needs, in a form that crosses threads: the signer's CryptoKey clones, the TSA travels as its URL. */
export type SealJob = {
	pdf: Uint8Array;
	signer: SealSigner;
	name: string;
	test: boolean;
	/** ISO 8601: the time written into the signature. */
	signingTime: string;
	tsaUrl: string | null;
};
/** The sealed bytes (their buffer is transferred, not copied) and their SHA-256. */
export type SealedPdf = { pdf: Uint8Array; sha256: string };

serveJobs(
	async (job: SealJob): Promise<SealedPdf> => {
		const sealed = await sealPdf(job.pdf, {
			signer: job.signer,
			name: job.name,
			test: job.test,
			signingTime: new Date(job.signingTime),
			timestamp: job.tsaUrl ? tsaClient(job.tsaUrl) : undefined
		});
		const pdf = sealed.byteOffset === 0 && sealed.byteLength === sealed.buffer.byteLength ? sealed : sealed.slice();
		return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
	},
	(sealed) => [sealed.pdf.buffer as ArrayBuffer]
);
