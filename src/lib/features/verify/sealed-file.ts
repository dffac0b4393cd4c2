// Recognises a sealed contract PDF without any PDF or ASN.1 library: its last CAdES signature (ByteRange, Contents, /M) and its first revision, the registered bytes.
import { bytesToLatin1 } from '../../bytes/latin1';

/** Where the file's last signature is: its ByteRange, the /Contents hex and the /M time, or null when it has none. */
export function lastSignature(text: string): { range: number[]; hex: string; m: string | null } | null {
	const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
	const last = ranges.at(-1);
	if (!last || !/\/SubFilter\s*\/ETSI\.CAdES\.detached/.test(text)) return null;
	const range = [1, 2, 3, 4].map((i) => Number(last[i]));
	const [, a, b] = range as [number, number, number, number];
	const hex = text.slice(a + 1, b - 1);
	const dict = text.slice(Math.max(0, last.index - 200), b + 400);
	return { range, hex, m: /\/M\s*\(D:(\d{14})Z?/.exec(dict)?.[1] ?? null };
}

/** Whether the file carries a CAdES signature (a sealed copy). */
export function isSealed(bytes: Uint8Array): boolean {
	return lastSignature(bytesToLatin1(bytes)) !== null;
}

/**
 * The first revision of a sealed copy: the registered bytes, which end at the first %%EOF (jsPDF writes no line
 * break after it; the seal's update starts with one). A file without a seal is its own first revision.
 */
export function firstRevision(bytes: Uint8Array): Uint8Array {
	if (!isSealed(bytes)) return bytes;
	const at = bytesToLatin1(bytes).indexOf('%%EOF');
	return at < 0 ? bytes : bytes.subarray(0, at + 5);
}
