// The cover sheet's data from what the device holds (the contract, the submitted return address, the pulled provider), and the file it becomes.
import type { ContractRow, StampingRequestRow } from '../../../db/types';
import { oneLine } from '../form';
import type { Provider } from '../../../domain/provider';
import type { CoverSheet } from '../../../pdf/cover/render';

/** Null until the address was submitted: the sheet prints the address the provider has. */
export function coverSheetOf(
	contract: ContractRow,
	request: StampingRequestRow | null | undefined,
	provider: Provider | null | undefined
): CoverSheet | null {
	if (!provider || request?.status !== 'submitted') return null;
	const a = request.submission.returnAddress;
	return {
		number: contract.number,
		kind: contract.kind,
		partyA: { name: contract.partyA.name, creditCode: contract.partyA.creditCode },
		partyB: { name: contract.partyB.name, creditCode: contract.partyB.creditCode },
		returnAddress: { recipient: a.recipient, phone: a.phone, line: oneLine(a), postalCode: a.postalCode },
		// The pulled row carries its Dexie key; the sheet wants the provider alone.
		provider: { ...provider, key: undefined } as Provider
	};
}

export const coverFileName = (number: string): string => `${number}-cover.pdf`;

/** Made on the device with the fonts already there (precached), so it works offline; the PDF code loads on demand. */
export async function makeCoverSheet(sheet: CoverSheet): Promise<Blob> {
	const [{ renderCoverSheet }, { loadContractFonts }] = await Promise.all([
		import('../../../pdf/cover/render'),
		import('../../../pdf/fonts')
	]);
	const bytes = await renderCoverSheet(sheet, await loadContractFonts());
	return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
