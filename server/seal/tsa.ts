// RFC 3161 timestamps for PAdES B-T: asks the TSA at TSA_URL for a token over the signature value and checks the answer's imprint before it goes into the CMS.
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TimestampSource } from './cms';

const SHA256 = '2.16.840.1.101.3.4.2.1';
const buf = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export class TimestampError extends Error {
	override name = 'TimestampError';
}

export function tsaClient(url: string, fetchImpl: typeof fetch = fetch, timeoutMs = 15_000): TimestampSource {
	return async (signatureValue) => {
		const imprint = new Uint8Array(createHash('sha256').update(signatureValue).digest());
		const nonce = randomBytes(8);
		// Positive and without a leading zero byte, so that its INTEGER encoding is these 8 bytes.
		nonce[0] = (nonce[0]! & 0x7f) | 0x40;
		const request = new pkijs.TimeStampReq({
			version: 1,
			messageImprint: new pkijs.MessageImprint({
				hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
				hashedMessage: new asn1js.OctetString({ valueHex: buf(imprint) })
			}),
			nonce: new asn1js.Integer({ valueHex: buf(new Uint8Array(nonce)) }),
			certReq: true
		});
		const res = await fetchImpl(url, {
			method: 'POST',
			headers: { 'content-type': 'application/timestamp-query' },
			body: new Uint8Array(request.toSchema().toBER(false)),
			signal: AbortSignal.timeout(timeoutMs)
		});
		if (!res.ok) throw new TimestampError(`TSA answered ${res.status}`);
		const response = pkijs.TimeStampResp.fromBER(await res.arrayBuffer());
		const status = response.status.status;
		if ((status !== 0 && status !== 1) || !response.timeStampToken) {
			throw new TimestampError(`TSA refused the request (status ${status})`);
		}
		const signed = new pkijs.SignedData({ schema: response.timeStampToken.content });
		const content = signed.encapContentInfo.eContent;
		if (!content) throw new TimestampError('timestamp token without TSTInfo');
		const info = pkijs.TSTInfo.fromBER(content.getValue());
		const got = new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView);
		if (info.messageImprint.hashAlgorithm.algorithmId !== SHA256 || Buffer.compare(got, imprint) !== 0) {
			throw new TimestampError('the timestamp token is over something else');
		}
		if (!info.nonce || Buffer.compare(Buffer.from(info.nonce.valueBlock.valueHexView), Buffer.from(nonce)) !== 0) {
			throw new TimestampError('the timestamp token answers another request');
		}
		return new Uint8Array(response.timeStampToken.toSchema().toBER(false));
	};
}
