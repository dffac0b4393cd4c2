// The device's seal check against real sealed PDFs made by the server's sealing code: valid, broken by one changed byte in either revision, or signed by another certificate.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { providerSealChain } from '../../src/lib/features/verify/seal-certificate';
import { ensureTestSeal, loadSigner, readChain } from '../../server/seal/keys';
import { sealPdf } from '../../server/seal/seal-pdf';
import { exampleFramework } from '../../src/lib/pdf/examples';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { checkSeal } from '../../src/lib/features/verify/seal-check';
import { firstRevision, isSealed } from '../../src/lib/features/verify/sealed-file';

let original: Uint8Array;
let sealed: Uint8Array;
let chain: Uint8Array[];
let otherChain: Uint8Array[];

beforeAll(async () => {
	const record = exampleFramework();
	original = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
	const dir = mkdtempSync(join(tmpdir(), 'seal-check-'));
	const files = await ensureTestSeal(join(dir, 'a'), '云栈科技（深圳）有限公司');
	const other = await ensureTestSeal(join(dir, 'b'), '云栈科技（深圳）有限公司');
	chain = readChain(files.certFile);
	otherChain = readChain(other.certFile);
	sealed = await sealPdf(original, {
		signer: await loadSigner(files),
		name: record.partyB.name,
		test: true,
		signingTime: new Date('2026-06-15T04:00:00Z')
	});
}, 60_000);

describe('the seal check on the device', () => {
	it('finds the first revision (the registered bytes) and says the seal is valid, with its time', async () => {
		expect(isSealed(original)).toBe(false);
		expect(firstRevision(original)).toBe(original);
		expect(isSealed(sealed)).toBe(true);
		expect(Buffer.from(firstRevision(sealed)).equals(Buffer.from(original))).toBe(true);
		expect(await checkSeal(sealed, chain)).toEqual({
			status: 'valid',
			signedAt: '2026-06-15T04:00:00Z',
			timestamped: false
		});
	});

	it('says broken for a byte changed in the registered part or in the update, and names another signer', async () => {
		for (const at of [1000, sealed.length - 40]) {
			const changed = new Uint8Array(sealed);
			changed[at] = changed[at]! ^ 0x01;
			expect((await checkSeal(changed, chain)).status).toBe('broken');
		}
		const appended = new Uint8Array([...sealed, 0x0a]);
		expect((await checkSeal(appended, chain)).status).toBe('broken');
		expect((await checkSeal(sealed, otherChain)).status).toBe('otherSigner');
	});
});

describe('the provider’s seal certificate on the device', () => {
	it('is fetched online and kept, so the check works offline; without either there is none', async () => {
		const kept = new Map<string, string>();
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => kept.get(k) ?? null,
			setItem: (k: string, v: string) => void kept.set(k, v)
		});
		try {
			const offline = (() => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch;
			expect(await providerSealChain(offline)).toBeNull();
			const body = { certificates: chain.map((d) => Buffer.from(d).toString('base64')), test: true };
			const online = (async () => Response.json(body)) as unknown as typeof fetch;
			const fetched = await providerSealChain(online);
			expect(Buffer.from(fetched!.chain[0]!).equals(Buffer.from(chain[0]!))).toBe(true);
			const later = (await providerSealChain(offline))!;
			expect(later.test).toBe(true);
			expect((await checkSeal(sealed, later.chain)).status).toBe('valid');
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
