// Seal worker: seals a contract's PDF (incremental update, CAdES, visible seal, TSA), or writes and seals an evidence report, off the server's main thread, and hashes the result.
import { createHash } from 'node:crypto';
import { serveJobs } from '../render/worker-pool';
import type { SealSigner } from './cms';
import { evidenceReportPdf, type EvidenceInput } from './report';
import { sealPdf } from './seal-pdf';
import { tsaClient } from './tsa';

/** How to seal, in a form that crosses threads: the signer's CryptoKey clones, the TSA travels as its URL. */
export type SealWith = {
	signer: SealSigner;
	/** The name the round seal is drawn from. */
	name: string;
	test: boolean;
	/** ISO 8601: the time written into the signature. */
	signingTime: string;
	tsaUrl: string | null;
	invisible?: boolean;
};
export type SealJob =
	| { kind: 'contract'; pdf: Uint8Array; seal: SealWith }
	/** The report, sealed unless the server has no seal (null). */
	| { kind: 'evidence'; input: EvidenceInput; seal: SealWith | null };
/** The bytes (their buffer is transferred, not copied) and their SHA-256. */
export type SealedPdf = { pdf: Uint8Array; sha256: string };

function sealed(pdf: Uint8Array, seal: SealWith): Promise<Uint8Array> {
	return sealPdf(pdf, {
		signer: seal.signer,
		name: seal.name,
		test: seal.test,
		signingTime: new Date(seal.signingTime),
		timestamp: seal.tsaUrl ? tsaClient(seal.tsaUrl) : undefined,
		invisible: seal.invisible
	});
}

serveJobs(
	async (job: SealJob): Promise<SealedPdf> => {
		let made: Uint8Array;
		if (job.kind === 'contract') made = await sealed(job.pdf, job.seal);
		else {
			const report = await evidenceReportPdf(job.input);
			made = job.seal ? await sealed(report, job.seal) : report;
		}
		const pdf = made.byteOffset === 0 && made.byteLength === made.buffer.byteLength ? made : made.slice();
		return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
	},
	(result) => [result.pdf.buffer as ArrayBuffer]
);
