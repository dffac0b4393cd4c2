// bytesToLatin1 keeps every byte as the character of the same code, across chunk boundaries: offsets stay byte offsets.
import { describe, expect, it } from 'vitest';
import { bytesToLatin1 } from './latin1';

describe('bytesToLatin1', () => {
	it('maps each byte to one character of that code, 0x80–0x9F included', () => {
		const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
		const text = bytesToLatin1(bytes);
		expect(text).toHaveLength(256);
		expect([...text].map((c) => c.charCodeAt(0))).toEqual([...bytes]);
		expect(text).toBe(Buffer.from(bytes).toString('latin1'));
	});

	it('keeps offsets across chunks of a large file', () => {
		const bytes = new Uint8Array(0x8000 * 3 + 5).map((_, i) => (i * 7) & 0xff);
		bytes.set(new TextEncoder().encode('%%EOF'), 0x8000 - 2);
		const text = bytesToLatin1(bytes);
		expect(text).toHaveLength(bytes.length);
		expect(text.indexOf('%%EOF')).toBe(0x8000 - 2);
		expect(text).toBe(Buffer.from(bytes).toString('latin1'));
	});
});
