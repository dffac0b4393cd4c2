// The provider's published seal certificate chain for /verify: fetched from the public endpoint when online and kept on the device, so seals are checked offline too.
import { base64ToBytes } from '../../bytes/base64';

const CACHE_KEY = 'contract-desk.seal-certificate';

/**
 * The provider's seal chain: fetched from the public endpoint when online and kept, so /verify checks seals offline
 * too; null when this device never got it (or the server has no seal).
 */
export async function providerSealChain(
	fetchImpl: typeof fetch = fetch
): Promise<{ chain: Uint8Array[]; test: boolean } | null> {
	const decode = (list: string[]) => list.map(base64ToBytes);
	try {
		const res = await fetchImpl('/api/v1/seal/certificate', { signal: AbortSignal.timeout(10_000) });
		if (res.ok) {
			const body = (await res.json()) as { certificates?: unknown; test?: unknown };
			if (Array.isArray(body.certificates) && body.certificates.every((x) => typeof x === 'string')) {
				const kept = { certificates: body.certificates as string[], test: body.test === true };
				try {
					localStorage.setItem(CACHE_KEY, JSON.stringify(kept));
				} catch {
					// Storage full or unavailable: this check still has the answer.
				}
				return { chain: decode(kept.certificates), test: kept.test };
			}
		}
	} catch {
		// Offline: the kept copy below.
	}
	try {
		const kept = JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null') as {
			certificates: string[];
			test: boolean;
		} | null;
		return kept ? { chain: decode(kept.certificates), test: kept.test } : null;
	} catch {
		return null;
	}
}

let keptThisLoad = false;

/**
 * Keeps the provider's certificate with the app, not only once /verify was opened online: called by the signed-in
 * shell at idle time when online, once per page load, so a phone that later opens /verify offline can still check a seal.
 */
export function keepProviderSealChain(): void {
	if (keptThisLoad) return;
	keptThisLoad = true;
	void providerSealChain().catch(() => {});
}
