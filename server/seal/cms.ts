// The signature's CMS: a detached SignedData with the signed attributes PAdES B-B asks for (content type, message digest, ESS signing-certificate-v2), and an RFC 3161 timestamp token as unsigned attribute for B-T.
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
	timeStampToken: '1.2.840.113549.1.9.16.2.14'
};

/** The signer: a private key usable with WebCrypto and its chain, leaf first, as DER. */
export interface SealSigner {
	privateKey: CryptoKey;
	chain: Uint8Array[];
}

/** Fetches a timestamp token (DER ContentInfo) over the SHA-256 of the signature value. */
export type TimestampSource = (signatureValue: Uint8Array) => Promise<Uint8Array>;

const buf = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function fromDer(der: Uint8Array): asn1js.AsnType {
	const parsed = asn1js.fromBER(buf(der));
	if (parsed.offset === -1) throw new Error('invalid DER');
	return parsed.result;
}

/** SHA-256 over the byte ranges, in order. */
export function digestRanges(ranges: Uint8Array[]): Uint8Array {
	const hash = createHash('sha256');
	for (const r of ranges) hash.update(r);
	return new Uint8Array(hash.digest());
}

/** The DER of a CMS ContentInfo(SignedData) over the detached content whose SHA-256 is `digest`. */
export async function cadesDetached(
	digest: Uint8Array,
	signer: SealSigner,
	timestamp?: TimestampSource
): Promise<Uint8Array> {
	const certificates = signer.chain.map((der) => pkijs.Certificate.fromBER(buf(der)));
	const leaf = certificates[0]!;
	const issuerSerial = new pkijs.IssuerSerial({
		issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: leaf.issuer })] }),
		serialNumber: leaf.serialNumber
	});
	// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with SHA-256 (the default, so omitted).
	const essCertId = new asn1js.Sequence({
		value: [new asn1js.OctetString({ valueHex: buf(digestRanges([signer.chain[0]!])) }), issuerSerial.toSchema()]
	});
	const signingCertificate = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });

	const signedData = new pkijs.SignedData({
		version: 1,
		encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
		signerInfos: [
			new pkijs.SignerInfo({
				version: 1,
				sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
				signedAttrs: new pkijs.SignedAndUnsignedAttributes({
					type: 0,
					attributes: [
						new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
						new pkijs.Attribute({
							type: OID.messageDigest,
							values: [new asn1js.OctetString({ valueHex: buf(digest) })]
						}),
						new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificate] })
					]
				})
			})
		],
		certificates
	});
	await signedData.sign(signer.privateKey, 0, 'SHA-256', undefined, engine);

	if (timestamp) {
		const info = signedData.signerInfos[0]!;
		const token = await timestamp(new Uint8Array(info.signature.valueBlock.valueHexView));
		info.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
			type: 1,
			attributes: [new pkijs.Attribute({ type: OID.timeStampToken, values: [fromDer(token)] })]
		});
	}

	const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
	return new Uint8Array(contentInfo.toSchema().toBER(false));
}
