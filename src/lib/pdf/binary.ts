// Font bytes as the binary string jsPDF's virtual file system takes, converted once per buffer.
const binary = new WeakMap<Uint8Array, string>();

/** jsPDF's VFS wants a string; a raw binary string (not base64) is accepted for TrueType and skips atob. */
export function binaryString(bytes: Uint8Array): string {
	let s = binary.get(bytes);
	if (s === undefined) {
		const parts: string[] = [];
		// apply over typed-array chunks is ~10x faster than spreading them; TextDecoder('latin1') is
		// windows-1252 in browsers and would corrupt bytes 0x80–0x9F.
		for (let i = 0; i < bytes.length; i += 0x2000) {
			parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x2000) as unknown as number[]));
		}
		s = parts.join('');
		binary.set(bytes, s);
	}
	return s;
}
