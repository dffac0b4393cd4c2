// Checks the provider's electronic seal in a sealed contract PDF on the device (pkijs, loaded only by /verify): the signed byte ranges cover the whole file, the CMS signature holds over them, and the signer is the provider's seal certificate.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesToLatin1 } from '../../bytes/latin1';
import { lastSignature } from './sealed-file';

export type SealCheck =
	| { status: 'valid'; signedAt: string | null; timestamped: boolean }
	/** The bytes are not the ones signed (changed after sealing), or the signature does not hold. */
	| { status: 'broken' }
	/** A valid signature by someone else's certificate. */
	| { status: 'otherSigner' };

const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

function pdfTime(m: string | null): string | null {
	if (!m) return null;
	return `${m.slice(0, 4)}-${m.slice(4, 6)}-${m.slice(6, 8)}T${m.slice(8, 10)}:${m.slice(10, 12)}:${m.slice(12, 14)}Z`;
}

const same = (a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array) => {
	const x = new Uint8Array(a);
	const y = new Uint8Array(b);
	return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** `providerChain`: the provider's seal certificate first, as DER (from /api/v1/seal/certificate). */
export async function checkSeal(bytes: Uint8Array, providerChain: Uint8Array[]): Promise<SealCheck> {
	const sig = lastSignature(bytesToLatin1(bytes));
	if (!sig) return { status: 'broken' };
	const [start, a, b, c] = sig.range as [number, number, number, number];
	// The signature must cover the whole file but its own hex string: nothing added or kept outside it.
	if (start !== 0 || a >= b || b + c !== bytes.length || !/^[0-9A-Fa-f]*$/.test(sig.hex)) return { status: 'broken' };
	const signed = new Uint8Array(a + c);
	signed.set(bytes.subarray(0, a), 0);
	signed.set(bytes.subarray(b, b + c), a);
	try {
		const hex = sig.hex.replace(/(00)+$/, '');
		const der = new Uint8Array((hex.length + (hex.length % 2)) / 2);
		for (let i = 0; i < der.length; i++) der[i] = parseInt(hex.slice(i * 2, i * 2 + 2).padEnd(2, '0'), 16);
		const info = pkijs.ContentInfo.fromBER(der.buffer);
		const cms = new pkijs.SignedData({ schema: info.content });
		const signer = cms.signerInfos[0];
		if (!signer?.signedAttrs) return { status: 'broken' };
		const digestAttr = signer.signedAttrs.attributes.find((x) => x.type === MESSAGE_DIGEST);
		const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', signed));
		const claimed = (digestAttr?.values[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView;
		if (!claimed || !same(claimed, digest)) return { status: 'broken' };
		const ok = await cms.verify({ signer: 0, data: signed.buffer, checkChain: false, extendedMode: false });
		if (!ok) return { status: 'broken' };
		const leaf = (cms.certificates ?? []).find(
			(x): x is pkijs.Certificate =>
				x instanceof pkijs.Certificate &&
				signer.sid instanceof pkijs.IssuerAndSerialNumber &&
				x.serialNumber.isEqual(signer.sid.serialNumber) &&
				x.issuer.isEqual(signer.sid.issuer)
		);
		const provider = providerChain[0];
		if (!leaf || !provider || !same(leaf.toSchema().toBER(false), provider)) return { status: 'otherSigner' };
		const timestamped = signer.unsignedAttrs?.attributes.some((x) => x.type === TIMESTAMP_TOKEN) ?? false;
		return { status: 'valid', signedAt: pdfTime(sig.m), timestamped };
	} catch {
		return { status: 'broken' };
	}
}
