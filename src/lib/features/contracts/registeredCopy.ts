// A registered copy: the same record rendered again on the device with the provider's registration time in its 电子签署记录 box.
import { contractRecord, type ContractRecord } from '../../domain/contract';
import type { ContractRow } from '../../db/types';

/** Versions whose execution page prints a registration time (2026.1 has no electronic record box). */
export function hasRegisteredCopy(row: Pick<ContractRow, 'status' | 'registeredAt' | 'templateVersion'>): boolean {
	return row.status === 'effective' && row.registeredAt !== null && row.templateVersion !== 'CD-FA-2026.1';
}

/**
 * The registered copy's PDF bytes. The record (and so its content fingerprint) is the stored one: only the
 * execution page's record box gains the registration time. Needs the record's font set (today's is on the
 * device; an older version's is fetched), so it may throw a font fetch error or GlyphPendingError offline.
 */
export async function renderRegisteredCopy(row: ContractRow): Promise<Uint8Array> {
	if (!hasRegisteredCopy(row)) throw new Error('not a registered contract of a version with an electronic record');
	const record: ContractRecord = contractRecord.parse(row);
	// In the render worker (the page stays responsive), which reuses the fonts it already parsed.
	const { renderWithFonts } = await import('./renderClient');
	return renderWithFonts(record, { registeredAt: row.registeredAt! });
}
