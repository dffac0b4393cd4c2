// Types shared by the renderer registry and the per-version renderers.
import type { ContractRecord } from '../domain/contract';
import type { FontSetId } from './fontSets';

/**
 * The two faces of a font set; `set` names it so a renderer refuses the faces of another version.
 * `pending`: code points of a split regular face whose outlines are not in `regular` yet (its rest is not on
 * the device); a record using one is refused with GlyphPendingError, so they are never drawn.
 */
export type ContractFonts = { regular: Uint8Array; bold: Uint8Array; set?: FontSetId; pending?: ReadonlySet<number> };

export interface TemplateRenderer {
	/** The font set this version was released with (src/lib/pdf/fontSets.ts). */
	readonly fontSet: FontSetId;
	/** Draws a record already parsed and checked for coverage; the fingerprint is the record's content SHA-256. */
	render(
		record: ContractRecord,
		fonts: ContractFonts,
		fingerprint: string,
		options: RenderOptions
	): Promise<Uint8Array>;
}

export type RenderOptions = {
	/**
	 * When the provider registered the contract (ISO time): a registered copy prints it in its electronic
	 * record (versions since 2026.2). Without it the document is the one the device generated, which is the
	 * one the server verifies; the record and its content fingerprint are the same either way.
	 */
	registeredAt?: string;
};
