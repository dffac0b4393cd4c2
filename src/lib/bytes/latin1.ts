// Bytes as a latin1 ("binary") string, one character per byte, so string offsets are byte offsets: for scanning PDFs.
// Not TextDecoder('latin1'): browsers decode that as windows-1252, which would change bytes 0x80–0x9F.

const CHUNK = 0x8000;

export function bytesToLatin1(bytes: Uint8Array): string {
	let text = '';
	// apply over typed-array chunks: far faster than spreading them, and the argument list stays small.
	for (let i = 0; i < bytes.length; i += CHUNK) {
		text += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
	}
	return text;
}
