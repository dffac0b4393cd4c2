// The provider's seal key and certificate chain: PEM files an operator configures, or a self-signed test CA and seal certificate made once in DATA_DIR for development (0600, never printed).
import { randomBytes, webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// tsyringe, under @peculiar/x509, needs the Reflect metadata API at load.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { SealSigner } from './cms';
import { readP12 } from './p12';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const TEST_SEAL_DIR = 'seal';
const RSA = {
	name: 'RSASSA-PKCS1-v1_5',
	hash: 'SHA-256',
	publicExponent: new Uint8Array([1, 0, 1]),
	modulusLength: 2048
} as const;

export interface SealKeyFiles {
	/** PKCS#8 private key, PEM. */
	keyFile: string;
	/** The certificate chain, PEM, seal certificate first. */
	certFile: string;
}

export function testSealFiles(dataDir: string): SealKeyFiles & { caFile: string } {
	const dir = join(dataDir, TEST_SEAL_DIR);
	return {
		keyFile: join(dir, 'test-seal-key.pem'),
		certFile: join(dir, 'test-seal-chain.pem'),
		caFile: join(dir, 'test-ca.pem')
	};
}

/**
 * Makes the test CA and a seal certificate it issued, once: the CA's private key is dropped at once (nothing more is
 * issued with it), the seal's key is written 0600. A folder that has them already is left as it is.
 */
export async function ensureTestSeal(dataDir: string, subjectName: string): Promise<SealKeyFiles & { caFile: string }> {
	const files = testSealFiles(dataDir);
	if (existsSync(files.keyFile) && existsSync(files.certFile)) {
		if (process.platform !== 'win32' && (statSync(files.keyFile).mode & 0o077) !== 0) chmodSync(files.keyFile, 0o600);
		return files;
	}
	mkdirSync(join(dataDir, TEST_SEAL_DIR), { recursive: true, mode: 0o700 });
	const notBefore = new Date(Date.now() - 24 * 3600_000);
	const notAfter = new Date(notBefore.getTime() + 20 * 365 * 24 * 3600_000);
	const caKeys = (await webcrypto.subtle.generateKey(RSA, false, ['sign', 'verify'])) as CryptoKeyPair;
	const ca = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: randomBytes(8)
			.toString('hex')
			.replace(/^[89a-f]/, '1'),
		name: [{ CN: ['Contract Desk Test Seal CA'] }, { O: [subjectName] }, { C: ['CN'] }],
		notBefore,
		notAfter,
		keys: caKeys,
		signingAlgorithm: RSA,
		extensions: [
			new x509.BasicConstraintsExtension(true, 0, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
			await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey)
		]
	});
	const sealKeys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
	const seal = await x509.X509CertificateGenerator.create({
		serialNumber: randomBytes(8)
			.toString('hex')
			.replace(/^[89a-f]/, '1'),
		subject: [{ CN: [`${subjectName}（测试印章）`] }, { O: [subjectName] }, { C: ['CN'] }],
		issuer: ca.subject,
		notBefore,
		notAfter,
		publicKey: sealKeys.publicKey,
		signingKey: caKeys.privateKey,
		signingAlgorithm: RSA,
		extensions: [
			new x509.BasicConstraintsExtension(false, undefined, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
			await x509.SubjectKeyIdentifierExtension.create(sealKeys.publicKey),
			await x509.AuthorityKeyIdentifierExtension.create(ca)
		]
	});
	const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', sealKeys.privateKey));
	writeFileSync(files.keyFile, x509.PemConverter.encode(pkcs8.buffer, 'PRIVATE KEY'), { mode: 0o600, flag: 'wx' });
	writeFileSync(files.certFile, `${seal.toString('pem')}\n${ca.toString('pem')}\n`, { mode: 0o644 });
	writeFileSync(files.caFile, `${ca.toString('pem')}\n`, { mode: 0o644 });
	return files;
}

/** The chain of a PEM file as DER, in file order (seal certificate first). */
export function readChain(certFile: string): Uint8Array<ArrayBuffer>[] {
	return x509.PemConverter.decode(readFileSync(certFile, 'utf8')).map((b) => new Uint8Array(b));
}

/** Loads the signer where signing happens: the key never leaves this process. */
export async function loadSigner(
	source: SealKeyFiles | { p12: { file: string; password: string } }
): Promise<SealSigner> {
	let der: ArrayBuffer | Uint8Array<ArrayBuffer> | undefined;
	let chain: Uint8Array<ArrayBuffer>[];
	if ('p12' in source) {
		({ key: der, chain } = await readP12(source.p12.file, source.p12.password));
	} else {
		[der] = x509.PemConverter.decode(readFileSync(source.keyFile, 'utf8'));
		if (!der) throw new Error(`no PEM private key in ${source.keyFile}`);
		chain = readChain(source.certFile);
		if (!chain.length) throw new Error(`no PEM certificate in ${source.certFile}`);
	}
	const leaf = new x509.X509Certificate(new Uint8Array(chain[0]!));
	const algorithm = leaf.publicKey.algorithm as RsaHashedImportParams | EcKeyImportParams;
	const params =
		algorithm.name === 'ECDSA'
			? { name: 'ECDSA', namedCurve: (algorithm as EcKeyImportParams).namedCurve }
			: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
	const privateKey = await webcrypto.subtle.importKey('pkcs8', der, params, false, ['sign']);
	return { privateKey: privateKey as unknown as CryptoKey, chain };
}
