// The sealed copy as a PDF reader sees it: poppler's pdfsig (valid, whole document, CAdES, trusted with the test CA), qpdf, the first revision unchanged, the seal drawn in Party B's area from 2026.2 on, and a timestamp from a local TSA.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFramework } from '../../src/lib/pdf/examples';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import type { SealSigner } from './cms';
import { ensureTestSeal, loadSigner } from './keys';
import { readPdf } from './pdf-file';
import { findPartyBSealArea } from './seal-area';
import { sealPdf } from './seal-pdf';
import {
	nssTrusting,
	signatureCms,
	startLocalTsa,
	tool,
	writeTemp,
	type LocalTsa
} from '../../tests/support/server/seal/pdf-tools';
import { tsaClient } from './tsa';

const dir = mkdtempSync(join(tmpdir(), 'seal-pdf-'));
let signer: SealSigner;
let caFile: string;
let nss: string;
const originals: Record<string, Uint8Array> = {};
const sealed: Record<string, Uint8Array> = {};
const VERSIONS = ['CD-FA-2026.1', 'CD-FA-2026.5'] as const;
const SIGNING_TIME = new Date('2026-06-15T04:00:00Z');

beforeAll(async () => {
	const files = await ensureTestSeal(join(dir, 'data'), '云栈科技（深圳）有限公司');
	caFile = files.caFile;
	signer = await loadSigner(files);
	nss = await nssTrusting(caFile);
	for (const v of VERSIONS) {
		const record = exampleFramework(v);
		originals[v] = await renderContractPdf(record, await loadContractFontsNode(v));
		sealed[v] = await sealPdf(originals[v], {
			signer,
			name: record.partyB.name,
			test: true,
			signingTime: SIGNING_TIME
		});
	}
}, 120_000);

/** Share of the page's pixels (60 dpi) that are the seal's red. */
async function redShare(pdf: Uint8Array, page: number): Promise<number> {
	const path = writeTemp(dir, `page-${Math.random()}.pdf`, pdf);
	const out = join(dir, `page-${Math.random()}`);
	await tool('pdftoppm', ['-r', '60', '-f', String(page), '-l', String(page), '-singlefile', path, out]);
	const ppm = (await import('node:fs')).readFileSync(`${out}.ppm`);
	// P6 header: magic, width, height, maxval, each followed by whitespace.
	let at = 0;
	for (let fields = 0; fields < 4; fields++) {
		while (/\s/.test(String.fromCharCode(ppm[at]!))) at++;
		while (!/\s/.test(String.fromCharCode(ppm[at]!))) at++;
	}
	at++;
	let red = 0;
	let total = 0;
	for (let i = at; i + 2 < ppm.length; i += 3, total++)
		if (ppm[i]! > 170 && ppm[i + 1]! < 90 && ppm[i + 2]! < 90) red++;
	return red / total;
}

describe.each(VERSIONS)('sealed %s', (version) => {
	it('keeps the registered bytes as its first revision and passes pdfsig and qpdf', async () => {
		const bytes = sealed[version]!;
		expect(Buffer.from(bytes.subarray(0, originals[version]!.length)).equals(Buffer.from(originals[version]!))).toBe(
			true
		);
		const path = writeTemp(dir, `${version}.pdf`, bytes);

		const plain = await tool('pdfsig', [path]);
		expect(plain.out).toContain('Signature is Valid');
		expect(plain.out).toContain('Total document signed');
		expect(plain.out).toContain('ETSI.CAdES.detached');
		expect(plain.out).toContain('Signing Hash Algorithm: SHA-256');
		expect(plain.out).not.toContain('Certificate is Trusted');

		const trusted = await tool('pdfsig', ['-nssdir', nss, path]);
		expect(trusted.out).toContain('Certificate is Trusted');

		const check = await tool('qpdf', ['--check', path]);
		expect(check.out).toContain('No syntax or stream encoding errors');
		expect(check.code).toBe(0);
	});

	it('is not valid once a byte of the first revision changes', async () => {
		const changed = new Uint8Array(sealed[version]!);
		// A byte inside the first page's content stream: still a readable PDF, no longer the signed one.
		const at = Buffer.from(changed).indexOf('stream\n') + 200;
		changed[at] = changed[at]! ^ 0x01;
		const out = await tool('pdfsig', ['-nssdir', nss, writeTemp(dir, `${version}-changed.pdf`, changed)]);
		expect(out.out).toContain('Signature #1');
		expect(out.out).not.toContain('Signature is Valid');
	});

	it('signs with the PAdES B-B attributes: content type, message digest, signing-certificate-v2, no signing time', () => {
		const cms = signatureCms(sealed[version]!);
		const types = cms.signerInfos[0]!.signedAttrs!.attributes.map((a) => a.type);
		expect(types).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.16.2.47']);
		expect(Buffer.from(sealed[version]!).toString('latin1')).toContain('/M (D:20260615040000Z)');
	});
});

it('draws the round seal in 乙方’s seal area from 2026.2 on; 2026.1 has none, so its signature is invisible', async () => {
	const current = readPdf(originals['CD-FA-2026.5']!);
	const area = findPartyBSealArea(current)!;
	expect(area.rect[0]).toBeGreaterThan(300);
	expect(area.rect[2]).toBeCloseTo((45 / 25.4) * 72, 1);
	expect(findPartyBSealArea(readPdf(originals['CD-FA-2026.1']!))).toBeUndefined();

	const lastPage = async (bytes: Uint8Array) => {
		const info = await tool('pdfinfo', [writeTemp(dir, `info-${Math.random()}.pdf`, bytes)]);
		return Number(/Pages:\s+(\d+)/.exec(info.out)![1]);
	};
	const n5 = await lastPage(sealed['CD-FA-2026.5']!);
	expect(await redShare(originals['CD-FA-2026.5']!, n5)).toBe(0);
	expect(await redShare(sealed['CD-FA-2026.5']!, n5)).toBeGreaterThan(0.002);
	const n1 = await lastPage(sealed['CD-FA-2026.1']!);
	expect(await redShare(sealed['CD-FA-2026.1']!, n1)).toBe(0);
	expect(Buffer.from(sealed['CD-FA-2026.1']!).toString('latin1')).toContain('/Rect [0 0 0 0]');
}, 60_000);

it('keeps the test seal’s key readable by its owner only', () => {
	expect(statSync(join(dir, 'data', 'seal', 'test-seal-key.pem')).mode & 0o077).toBe(0);
});

describe('with a TSA', () => {
	let tsa: LocalTsa;
	beforeAll(async () => {
		tsa = await startLocalTsa();
	});
	afterAll(() => tsa.close());

	it('carries an RFC 3161 token over the signature value (PAdES B-T) that openssl verifies', async () => {
		const bytes = await sealPdf(originals['CD-FA-2026.5']!, {
			signer,
			name: '云栈科技（深圳）有限公司',
			test: true,
			signingTime: SIGNING_TIME,
			timestamp: tsaClient(tsa.url)
		});
		const path = writeTemp(dir, 'timestamped.pdf', bytes);
		expect((await tool('pdfsig', ['-nssdir', nss, path])).out).toContain('Signature is Valid');
		expect((await tool('qpdf', ['--check', path])).code).toBe(0);

		const info = signatureCms(bytes).signerInfos[0]!;
		const attr = info.unsignedAttrs!.attributes.find((a) => a.type === '1.2.840.113549.1.9.16.2.14')!;
		const token = writeTemp(dir, 'token.der', new Uint8Array(attr.values[0]!.toBER(false)));
		const signatureValue = writeTemp(dir, 'sigvalue.bin', new Uint8Array(info.signature.valueBlock.valueHexView));
		const ok = await tool('openssl', [
			'ts',
			'-verify',
			'-data',
			signatureValue,
			'-in',
			token,
			'-token_in',
			'-CAfile',
			tsa.certFile
		]);
		expect(ok.out).toContain('Verification: OK');
		const other = writeTemp(dir, 'other.bin', new Uint8Array([1, 2, 3]));
		const bad = await tool('openssl', [
			'ts',
			'-verify',
			'-data',
			other,
			'-in',
			token,
			'-token_in',
			'-CAfile',
			tsa.certFile
		]);
		expect(bad.out).not.toContain('Verification: OK');
	}, 60_000);
});
