// Public verification's reads and the registered copy's PDF hash, computed after registration and kept once.
import type { ContractRecord } from '../../../src/lib/domain/contract';
import type { NumberedContract, RenditionHash } from '../types';
import { nullableStr, parse, str, type PgContext } from './context';

/** The contracts carrying a number (a seek on the unique number index) with the registered copy's hash once known. */
export async function contractsByNumber(ctx: PgContext, number: string): Promise<NumberedContract[]> {
	const { rows } = await ctx.pool.query(
		`SELECT c.id, c.record, c.content_hash, c.pdf_sha256, c.registered_at, r.pdf_sha256 AS registered_copy_sha256
		 FROM contracts c
		 LEFT JOIN contract_renditions r ON r.contract_id = c.id AND r.rendition = 'registeredCopy'
		 WHERE c.number = $1 ORDER BY c.registered_at, c.id`,
		[number]
	);
	return rows.map((row) => ({
		id: str(row.id),
		record: parse<ContractRecord>(row.record),
		contentHash: str(row.content_hash),
		pdfSha256: str(row.pdf_sha256),
		registeredAt: nullableStr(row.registered_at),
		registeredCopySha256: nullableStr(row.registered_copy_sha256)
	}));
}

/** The first hash stored wins: every process computing one rendition gets the same bytes, so a second adds nothing. */
export async function putRenditionHash(ctx: PgContext, input: RenditionHash): Promise<void> {
	await ctx.pool.query(
		`INSERT INTO contract_renditions (contract_id, rendition, pdf_sha256, computed_at) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (contract_id, rendition) DO NOTHING`,
		[input.contractId, input.rendition, input.pdfSha256, input.computedAt]
	);
}
