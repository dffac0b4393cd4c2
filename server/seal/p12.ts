// Reads the provider's PKCS#12 (SEAL_P12): its private key and certificates, with the password, through pkijs (PBES2 and the legacy PKCS#12 PBE the library supports).
import { readFileSync } from 'node:fs';
import * as pkijs from 'pkijs';
import { engine } from './cms';

const BAG = {
	key: '1.2.840.113549.1.12.10.1.1',
	shroudedKey: '1.2.840.113549.1.12.10.1.2',
	cert: '1.2.840.113549.1.12.10.1.3'
};
const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';

export interface P12Contents {
	/** PKCS#8 DER. */
	key: Uint8Array<ArrayBuffer>;
	/** Certificates as DER, the one matching the key first. */
	chain: Uint8Array<ArrayBuffer>[];
}

export async function readP12(file: string, password: string): Promise<P12Contents> {
	const der = readFileSync(file);
	const pass = new TextEncoder().encode(password).buffer as ArrayBuffer;
	const pfx = pkijs.PFX.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
	await pfx.parseInternalValues({ password: pass, checkIntegrity: true }, engine);
	const safe = pfx.parsedValue?.authenticatedSafe;
	if (!safe) throw new Error('SEAL_P12: no authenticated safe');
	await safe.parseInternalValues(
		{ safeContents: safe.safeContents.map((c) => (c.contentType === ENCRYPTED_DATA ? { password: pass } : {})) },
		engine
	);
	let key: Uint8Array<ArrayBuffer> | undefined;
	const certs: pkijs.Certificate[] = [];
	for (const contents of safe.parsedValue?.safeContents ?? []) {
		for (const bag of contents.value.safeBags) {
			if (bag.bagId === BAG.shroudedKey) {
				const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
				// Decrypting the bag is what PFX parsing does with it; pkijs types the method protected.
				const decrypt = shrouded as unknown as {
					parseInternalValues(p: { password: ArrayBuffer }, c: pkijs.ICryptoEngine): Promise<void>;
				};
				await decrypt.parseInternalValues({ password: pass }, engine);
				key = new Uint8Array(shrouded.parsedValue!.toSchema().toBER(false));
			} else if (bag.bagId === BAG.key) {
				key = new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false));
			} else if (bag.bagId === BAG.cert) {
				certs.push((bag.bagValue as pkijs.CertBag).parsedValue as pkijs.Certificate);
			}
		}
	}
	if (!key || !certs.length) throw new Error('SEAL_P12 holds no private key or no certificate');
	// The seal certificate is the one that issued none of the others; its issuers follow it in order.
	const subjects = (c: pkijs.Certificate) => Buffer.from(c.subject.toSchema().toBER(false)).toString('hex');
	const issuers = (c: pkijs.Certificate) => Buffer.from(c.issuer.toSchema().toBER(false)).toString('hex');
	const leaf = certs.find((c) => !certs.some((o) => o !== c && issuers(o) === subjects(c))) ?? certs[0]!;
	const chain = [leaf];
	for (let cur = leaf; chain.length < certs.length;) {
		const next = certs.find((c) => !chain.includes(c) && subjects(c) === issuers(cur));
		if (!next) break;
		chain.push(next);
		cur = next;
	}
	return { key, chain: chain.map((c) => new Uint8Array(c.toSchema().toBER(false))) };
}
