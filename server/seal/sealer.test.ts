// The sealing job and its routes: registered contracts get a sealed copy off the request path (also those registered while no job ran), the owner downloads it, the pull says it exists, the certificate is public; the configuration refuses a production server without a seal.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContractFontsNode } from '../../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../../src/lib/pdf/render';
import { loadConfig } from '../config';
import {
	auth,
	frameworkRecord,
	makeEnv,
	put,
	RETURN_ADDRESS,
	signIn,
	type TestEnv
} from '../../tests/support/server/app';
import { loadSealConfig } from './config';
import { ensureTestSeal, loadSigner } from './keys';
import { startSealing, type Sealer } from './sealer';
import { nssTrusting, tool, writeTemp } from '../../tests/support/server/seal/pdf-tools';
import { evidenceLines } from './report';
import { sealPdf } from './seal-pdf';

let env: TestEnv;
let token: string;
let sealer: Sealer;
const registered: { id: string; pdf: Uint8Array }[] = [];

async function registerOne(): Promise<{ id: string; pdf: Uint8Array }> {
	const record = frameworkRecord(env.config);
	const pdf = await renderContractPdf(record, await loadContractFontsNode(record.templateVersion));
	const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
	const res = await put(
		env.app,
		`/api/v1/contracts/${record.id}`,
		{ record, pdfSha256, pdfBase64: Buffer.from(pdf).toString('base64') },
		{ token }
	);
	expect(res.status).toBe(201);
	return { id: record.id, pdf };
}

beforeAll(async () => {
	env = await makeEnv();
	token = await signIn(env.app);
	// Registered while no job runs (a server that was stopped): the job catches up when it starts.
	registered.push(await registerOne(), await registerOne());
	sealer = (await startSealing(env.config.seal, {
		store: env.store,
		providerName: env.config.provider.name,
		log: (m, e) => console.error(m, e)
	}))!;
	registered.push(await registerOne());
	sealer.nudge();
	await sealer.drain();
}, 120_000);

afterAll(async () => {
	await sealer?.stop();
	await env?.cleanup();
});

describe('the sealing job', () => {
	it('seals every registered contract, those from before it started too; the owner downloads the copy', async () => {
		expect(await env.store.listUnsealedContracts(100)).toEqual([]);
		const nss = await nssTrusting(env.config.seal.mode === 'test' ? env.config.seal.caFile! : '');
		for (const { id, pdf } of registered) {
			const res = await env.app.request(`/api/v1/contracts/${id}/sealed`, { headers: auth(token) });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/pdf');
			const sealed = new Uint8Array(await res.arrayBuffer());
			expect(Buffer.from(sealed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
			expect(res.headers.get('etag')).toBe(`"${createHash('sha256').update(sealed).digest('hex')}"`);
			const out = await tool('pdfsig', ['-nssdir', nss, writeTemp(env.dir, `${id}.pdf`, sealed)]);
			expect(out.out).toContain('Signature is Valid');
			expect(out.out).toContain('Certificate is Trusted');
		}
	}, 60_000);

	it('answers 404 for another account’s contract and for an unknown one', async () => {
		const other = await signIn(env.app, 'demo-unverified');
		expect(
			(await env.app.request(`/api/v1/contracts/${registered[0]!.id}/sealed`, { headers: auth(other) })).status
		).toBe(404);
		expect(
			(await env.app.request(`/api/v1/contracts/${crypto.randomUUID()}/sealed`, { headers: auth(token) })).status
		).toBe(404);
		expect((await env.app.request(`/api/v1/contracts/${registered[0]!.id}/sealed`)).status).toBe(401);
	});

	it('tells devices in the pull that a sealed copy exists', async () => {
		const res = await env.app.request('/api/v1/changes?since=0', { headers: auth(token) });
		const body = (await res.json()) as { contracts: { id: string; sealed: { sha256: string; size: number } | null }[] };
		for (const { id } of registered) {
			const copy = (await env.store.getSealedCopy(id))!;
			expect(body.contracts.find((c) => c.id === id)!.sealed).toEqual({
				sha256: copy.pdfSha256,
				size: copy.pdf.length,
				sealedAt: copy.sealedAt
			});
		}
	});

	it('serves the seal certificate chain publicly, marked as a test seal', async () => {
		const res = await env.app.request('/api/v1/seal/certificate');
		expect(res.status).toBe(200);
		const body = (await res.json()) as { certificates: string[]; test: boolean };
		expect(body.test).toBe(true);
		expect(body.certificates).toHaveLength(2);
		const pem = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
		const subject = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'utf8'], {
			input: pem(body.certificates[0]!)
		}).toString();
		expect(subject).toContain('测试印章');
	});
});

describe('the evidence report', () => {
	it('is a sealed PDF of the contract’s number, fingerprints and history, for its owner only', async () => {
		const { id } = registered[0]!;
		expect(
			(await put(env.app, `/api/v1/contracts/${id}/stamping`, { returnAddress: RETURN_ADDRESS }, { token })).status
		).toBe(201);
		const added = await env.store.addStampingEvent({
			contractId: id,
			kind: 'received',
			now: '2026-06-16T02:00:00.000Z'
		});
		expect(added.kind).toBe('added');
		const res = await env.app.request(`/api/v1/contracts/${id}/evidence`, { headers: auth(token) });
		expect(res.status).toBe(200);
		const pdf = new Uint8Array(await res.arrayBuffer());
		const path = writeTemp(env.dir, 'evidence.pdf', pdf);
		const nss = await nssTrusting(env.config.seal.mode === 'test' ? env.config.seal.caFile! : '');
		const sig = await tool('pdfsig', ['-nssdir', nss, path]);
		expect(sig.out).toContain('Signature is Valid');
		expect(sig.out).toContain('Total document signed');
		expect(sig.out).toContain('ETSI.CAdES.detached');
		expect(sig.out).toContain('Certificate is Trusted');
		expect((await tool('qpdf', ['--check', path])).code).toBe(0);
		const other = await signIn(env.app, 'demo-unverified');
		expect((await env.app.request(`/api/v1/contracts/${id}/evidence`, { headers: auth(other) })).status).toBe(404);

		const contract = (await env.store.getContract(id))!;
		const copy = (await env.store.getSealedCopy(id))!;
		const text = evidenceLines({
			record: contract.record,
			accountId: contract.accountId,
			registeredAt: contract.registeredAt,
			contentHash: 'c'.repeat(64),
			pdfSha256: contract.pdfSha256,
			registeredCopySha256: 'd'.repeat(64),
			sealed: { sha256: copy.pdfSha256, sealedAt: copy.sealedAt },
			events: await env.store.listStampingEvents(id),
			verifyUrl: 'https://x.example/verify/N#c',
			generatedAt: copy.sealedAt,
			providerName: env.config.provider.name
		})
			.map((l) => l.text)
			.join('\n');
		for (const part of [
			contract.record.number,
			contract.record.templateVersion,
			contract.pdfSha256,
			copy.pdfSha256,
			'd'.repeat(64),
			'服务商登记',
			'服务商收到纸质合同',
			'https://x.example/verify/N#c'
		]) {
			expect(text).toContain(part);
		}
	}, 60_000);
});

describe('seal configuration', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'seal-config-'));

	it('refuses a production server without a configured seal or SEAL=off', () => {
		const prod = {
			NODE_ENV: 'production',
			ADMIN_TOKEN: 'x'.repeat(16),
			PUBLIC_URL: 'https://c.example',
			DATA_DIR: dataDir
		};
		expect(() => loadConfig(prod)).toThrow(/SEAL_P12.*SEAL=off/);
		expect(loadConfig({ ...prod, SEAL: 'off' }).seal).toEqual({ mode: 'off' });
		expect(() => loadSealConfig({ SEAL: 'on' }, { production: false, dataDir })).toThrow(/SEAL must be off/);
		expect(() => loadSealConfig({ TSA_URL: 'ftp://x' }, { production: false, dataDir })).toThrow(/TSA_URL/);
		expect(loadSealConfig({}, { production: false, dataDir }).mode).toBe('test');
	});

	it('signs with a PEM key and chain, or a PKCS#12 file and its password', async () => {
		const made = await ensureTestSeal(join(dataDir, 'made'), '云栈科技（深圳）有限公司');
		const pem = loadSealConfig(
			{ SEAL_KEY_FILE: made.keyFile, SEAL_CERT_FILE: made.certFile },
			{ production: true, dataDir }
		);
		expect(pem.mode).toBe('pem');
		const p12 = join(dataDir, 'seal.p12');
		execFileSync('openssl', [
			'pkcs12',
			'-export',
			'-inkey',
			made.keyFile,
			'-in',
			made.certFile,
			'-out',
			p12,
			'-passout',
			'pass:s3cret'
		]);
		const fromP12 = loadSealConfig({ SEAL_P12: p12, SEAL_P12_PASSWORD: 's3cret' }, { production: true, dataDir });
		expect(fromP12.mode).toBe('p12');
		const nss = await nssTrusting(made.caFile);
		const original = registered[0]!.pdf;
		for (const signer of [await loadSigner(made), await loadSigner({ p12: { file: p12, password: 's3cret' } })]) {
			const sealed = await sealPdf(original, {
				signer,
				name: '云栈科技（深圳）有限公司',
				test: true,
				signingTime: new Date()
			});
			const out = await tool('pdfsig', ['-nssdir', nss, writeTemp(dataDir, 'p.pdf', sealed)]);
			expect(out.out).toContain('Signature is Valid');
			expect(out.out).toContain('Certificate is Trusted');
		}
		await expect(loadSigner({ p12: { file: p12, password: 'wrong' } })).rejects.toThrow();
		writeFileSync(join(dataDir, 'empty.pem'), '');
		expect(() => loadSealConfig({ SEAL_KEY_FILE: made.keyFile }, { production: false, dataDir })).toThrow(/together/);
	}, 60_000);
});
