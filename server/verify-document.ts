// Hook for re-rendering a contract on registration and comparing its PDF fingerprint with the client's.
import type { VerifyDocument } from './app';

/**
 * Left undefined on purpose: the renderer (src/lib/pdf) is being made runnable in Node by the
 * contracts work. Export a function here that renders `record` and compares SHA-256 with
 * `pdfSha256`; main.ts passes it to createApp, and registration then answers 422
 * {error:'fingerprintMismatch'} when they differ. While undefined, the check is skipped.
 */
export const verifyDocument: VerifyDocument | undefined = undefined;
