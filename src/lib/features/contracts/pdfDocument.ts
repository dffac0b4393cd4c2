// A rendered PDF as the device stores it: a Blob with its SHA-256 and size, made where the rendering ran.
import { sha256Hex } from '../../domain/canonical';

/**
 * Made in the render worker, the page never holds the bytes: a Blob crosses to it by reference, and the page's
 * thread is spared the hash and the copy into the Blob (its tasks stay short while the contract is stored).
 */
export type RenderedPdf = { blob: Blob; sha256: string; size: number };

export async function pdfDocument(bytes: Uint8Array): Promise<RenderedPdf> {
	const sha256 = await sha256Hex(bytes);
	return { blob: new Blob([bytes as BlobPart], { type: 'application/pdf' }), sha256, size: bytes.byteLength };
}
