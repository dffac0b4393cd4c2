// Public verification's reads and the registered copy's PDF hash, computed after registration and kept once.
import type { NumberedContract, RenditionHash } from '../types';
import { nullableStr, parse, str, type Row, type SqliteContext } from './context';
import type { ContractRecord } from '../../../src/lib/domain/contract';

/** The contracts carrying a number (a seek on the unique number index) with the registered copy's hash once known. */
export function contractsByNumber(ctx: SqliteContext, number: string): NumberedContract[] {
	const rows = ctx.db
		.prepare(
			`SELECT c.id, c.record, c.content_hash, c.pdf_sha256, c.registered_at, r.pdf_sha256 AS registered_copy_sha256
			 FROM contracts c
			 LEFT JOIN contract_renditions r ON r.contract_id = c.id AND r.rendition = 'registeredCopy'
			 WHERE c.number = ? ORDER BY c.registered_at, c.id`
		)
		.all(number) as Row[];
	return rows.map((row) => ({
		id: str(row.id),
		record: parse<ContractRecord>(row.record),
		contentHash: str(row.content_hash),
		pdfSha256: str(row.pdf_sha256),
		registeredAt: nullableStr(row.registered_at),
		registeredCopySha256: nullableStr(row.registered_copy_sha256)
	}));
}

/** The first hash stored wins: every computation of one rendition gives the same bytes, so a second adds nothing. */
export function putRenditionHash(ctx: SqliteContext, input: RenditionHash): void {
	ctx.db
		.prepare(
			`INSERT INTO contract_renditions (contract_id, rendition, pdf_sha256, computed_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (contract_id, rendition) DO NOTHING`
		)
		.run(input.contractId, input.rendition, input.pdfSha256, input.computedAt);
}
