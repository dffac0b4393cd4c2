// Bytes ⇄ base64 (standard alphabet, padded), the one implementation for the browser and Node.
// The platform's Uint8Array.prototype.toBase64 / Uint8Array.fromBase64 where it has them (Node 26, Chromium ≥ 140,
// Safari ≥ 18.2, Firefox ≥ 133); phones with an older browser take btoa/atob, in chunks that keep
// String.fromCharCode's argument list small for multi-MB PDFs. Both give the same bytes.

const native = typeof Uint8Array.prototype.toBase64 === 'function' && typeof Uint8Array.fromBase64 === 'function';

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
	if (native) return bytes.toBase64();
	let s = '';
	for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	return btoa(s);
}

/** Throws on text that is not base64 (as atob does); ASCII whitespace and missing padding are accepted. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
	if (native) return Uint8Array.fromBase64(b64);
	const s = atob(b64);
	const out = new Uint8Array(s.length);
	for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
	return out;
}
