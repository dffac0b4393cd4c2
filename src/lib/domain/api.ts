// The API's wire types (/api/v1, besides the pull page in changes.ts): what the device sends and reads back, shared by both ends.
import { z } from 'zod';
import { contractState } from './changes';
import { contractRecord } from './contract';
import { CONTRACT_KINDS } from './contractKinds';
import type { StampingSubmission } from './stamping';
import { text } from './text';

/** Error body of every 4xx: a stable code and, for 400, the field errors by dotted path. */
export const apiError = z.object({
	error: z.string(),
	message: z.string().optional(),
	fields: z.record(z.string(), z.array(z.string())).optional()
});
export type ApiError = z.infer<typeof apiError>;

/** POST /session: an access code in, a bearer token out. */
export const sessionRequest = z.object({ code: text(100) });
export const sessionResponse = z.object({ token: z.string().min(1), accountId: z.string() });
export type SessionResponse = z.infer<typeof sessionResponse>;

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

/**
 * A registered contract as PUT /contracts/:id answers it (201 registered, 200 a replay); GET /contracts/:id adds
 * the record and whether the server holds its document.
 */
export const registeredContract = contractState.extend({
	number: z.string(),
	kind: z.enum(CONTRACT_KINDS),
	pdfSha256: z.string()
});
export type RegisteredContract = z.infer<typeof registeredContract>;
export const registrationReply = z.object({ contract: registeredContract });
export type RegistrationReply = z.infer<typeof registrationReply>;

/** What a device takes from a registration's answer into its own row: the state the server decided. */
export const registrationState = z.object({
	contract: registeredContract.pick({ status: true, registeredAt: true })
});

/** A stamping request as PUT /contracts/:id/stamping answers it (and a 409 shows the one stored). */
export type StampingView = StampingSubmission & { contractId: string; submittedAt: string };
export type StampingReply = { stamping: StampingView };

/** Largest decoded registration body: an old device's record plus base64 PDF, the limit they were built for. */
export const REGISTRATION_BODY_LIMIT = 2 * 1024 * 1024;
