// The base64 helper gives Node's own encoding, on the platform's toBase64/fromBase64 and on the atob/btoa fallback alike.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as fc from 'fast-check';

type Helper = typeof import('./base64');

async function fallback(): Promise<Helper> {
	vi.resetModules();
	const proto = Uint8Array.prototype as { toBase64?: unknown };
	const ctor = Uint8Array as { fromBase64?: unknown };
	const saved = { toBase64: proto.toBase64, fromBase64: ctor.fromBase64 };
	delete proto.toBase64;
	delete ctor.fromBase64;
	expect([proto.toBase64, ctor.fromBase64]).toEqual([undefined, undefined]);
	try {
		return await import('./base64');
	} finally {
		proto.toBase64 = saved.toBase64;
		ctor.fromBase64 = saved.fromBase64;
	}
}

afterEach(() => vi.resetModules());

describe.each([
	['platform', () => import('./base64')],
	['fallback', fallback]
])('bytes ⇄ base64 (%s)', (_, load: () => Promise<Helper>) => {
	it('encodes as Node does and decodes back to the same bytes', async () => {
		const { bytesToBase64, base64ToBytes } = await load();
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
				const b64 = bytesToBase64(bytes);
				expect(b64).toBe(Buffer.from(bytes).toString('base64'));
				expect(base64ToBytes(b64)).toEqual(bytes);
			})
		);
	});

	it('handles a multi-megabyte PDF in one piece (beyond one chunk)', async () => {
		const { bytesToBase64, base64ToBytes } = await load();
		const bytes = new Uint8Array(3 * 1024 * 1024 + 7).map((_, i) => (i * 31) & 0xff);
		const b64 = bytesToBase64(bytes);
		expect(b64).toBe(Buffer.from(bytes).toString('base64'));
		expect(base64ToBytes(b64)).toEqual(bytes);
	});

	it('accepts whitespace and missing padding, and refuses what is not base64', async () => {
		const { base64ToBytes } = await load();
		expect([...base64ToBytes('Q U I =')]).toEqual([0x41, 0x42]);
		expect([...base64ToBytes('QQ')]).toEqual([0x41]);
		for (const bad of ['A', 'AB=', '-_', 'QQ==QQ']) expect(() => base64ToBytes(bad), bad).toThrow();
	});
});
