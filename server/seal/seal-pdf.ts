// Seals one PDF: the provider's signature appended as an incremental update, visible in Party B's seal area when the template has one.
import { sealAppearance } from './appearance';
import { cadesDetached, digestRanges, type SealSigner, type TimestampSource } from './cms';
import { signIncrementally } from './incremental';
import { pageObjects, readPdf } from './pdf-file';
import { findPartyBSealArea } from './seal-area';

export interface SealOptions {
	signer: SealSigner;
	/** The name the round seal is drawn from (Party B's). */
	name: string;
	/** A test seal says 测试印章. */
	test: boolean;
	signingTime: Date;
	timestamp?: TimestampSource;
	/** Where an invisible signature's field goes when the document has no seal area: the last page by default. */
	invisible?: boolean;
}

export async function sealPdf(original: Uint8Array, options: SealOptions): Promise<Uint8Array> {
	const pdf = readPdf(original);
	const area = options.invisible ? undefined : findPartyBSealArea(pdf);
	const widget = area
		? { page: area.page, rect: area.rect, appearance: await sealAppearance(options.name, area.rect[2], options.test) }
		: { page: pageObjects(pdf).at(-1)! };
	return signIncrementally(original, {
		signingTime: options.signingTime,
		widget,
		sign: (ranges) => cadesDetached(digestRanges(ranges), options.signer, options.timestamp)
	});
}
