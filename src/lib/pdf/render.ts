// The pure renderer: a contract record and its version's font bytes in, deterministic PDF bytes out (browser and Node).
import { canonicalJson, sha256Hex } from '../domain/canonical';
import { contractRecord, type ContractRecord } from '../domain/contract';
import { checkRecordCoverage } from './coverage';
import { rendererFor } from './registry';
import type { ContractFonts, RenderOptions } from './types';

export type { ContractFonts, RenderOptions } from './types';
export { UnknownTemplateVersionError } from './registry';

/** SHA-256 of the record's canonical JSON: printed on every page and carried by the QR code. */
export function contentFingerprint(record: ContractRecord): Promise<string> {
	return sha256Hex(canonicalJson(record));
}

/**
 * Renders a contract record to PDF bytes with the renderer of its `templateVersion`. Throws the zod
 * error for an invalid record, UnknownTemplateVersionError for a version without a renderer for its
 * kind, MissingGlyphError (with char, codePoint, field) when the font lacks a character, and GlyphPendingError
 * when the complete face has it but its outline is not on this device yet.
 * `fonts` must be the font set of the record's version (`loadContractFonts(record.templateVersion)`).
 */
export async function renderContractPdf(
	record: ContractRecord,
	fonts: ContractFonts,
	options: RenderOptions = {}
): Promise<Uint8Array> {
	const parsed = contractRecord.parse(record);
	const renderer = rendererFor(parsed.templateVersion, parsed.kind);
	if (fonts.set !== undefined && fonts.set !== renderer.fontSet) {
		throw new Error(
			`Template version ${parsed.templateVersion} renders with font set ${renderer.fontSet}, not ${fonts.set}`
		);
	}
	checkRecordCoverage(parsed, fonts.regular, fonts.pending);
	const fingerprint = await contentFingerprint(parsed);
	return renderer.render(parsed, fonts, fingerprint, options);
}
