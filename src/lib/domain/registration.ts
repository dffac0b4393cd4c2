// The registration request's wire shape, shared by the device that sends it and the server that reads it.
import { z } from 'zod';
import { contractRecord } from './contract';

const sha256Hex = z
	.string()
	.regex(/^[0-9a-fA-F]{64}$/, { message: 'sha256' })
	.transform((s) => s.toLowerCase());
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' });

/**
 * The record and the SHA-256 of the PDF the device rendered from it; the server renders the record itself and
 * keeps its own bytes. `pdfBase64` is what devices sent before (the whole PDF): still accepted, never needed.
 */
export const registerContractBody = z.object({
	record: contractRecord,
	pdfSha256: sha256Hex,
	pdfBase64: base64.optional()
});
export type RegisterContractBody = z.infer<typeof registerContractBody>;

/** What the request asks for, the same whether or not an older device also sent its bytes: the idempotency hash. */
export function registrationIntent(body: RegisterContractBody): Omit<RegisterContractBody, 'pdfBase64'> {
	return { record: body.record, pdfSha256: body.pdfSha256 };
}

/** Largest decoded registration body: an old device's record plus base64 PDF, the limit they were built for. */
export const REGISTRATION_BODY_LIMIT = 2 * 1024 * 1024;
