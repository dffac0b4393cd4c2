// Browser font loading: fetch both faces once, lazily, when the first document is made (served from the precache offline).
import type { ContractFonts } from './render';

export const FONT_URLS = {
	regular: '/fonts/contract-serif-regular.ttf',
	bold: '/fonts/contract-serif-bold.ttf'
} as const;

let loading: Promise<ContractFonts> | undefined;

async function fetchFont(url: string): Promise<Uint8Array> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`font ${url}: HTTP ${res.status}`);
	return new Uint8Array(await res.arrayBuffer());
}

/** Both faces; the promise is shared, and dropped on failure so a later call can retry. */
export function loadContractFonts(): Promise<ContractFonts> {
	loading ??= Promise.all([fetchFont(FONT_URLS.regular), fetchFont(FONT_URLS.bold)]).then(
		([regular, bold]) => ({ regular, bold }),
		(error: unknown) => {
			loading = undefined;
			throw error;
		}
	);
	return loading;
}
