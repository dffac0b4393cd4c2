// The provider's sealed copy of each registered contract: which still need one, storing it (bumping the contract's change sequence so devices learn of it), reading it.
import type { SealedCopy } from '../types';
import { str, type PgContext } from './context';

export async function listUnsealedContracts(ctx: PgContext, limit: number): Promise<string[]> {
	const { rows } = await ctx.pool.query(
		`SELECT c.id FROM contracts c
		 WHERE c.registered_at IS NOT NULL AND c.pdf IS NOT NULL
		   AND NOT EXISTS (SELECT 1 FROM contract_seals s WHERE s.contract_id = c.id)
		 ORDER BY c.registered_at, c.id LIMIT $1`,
		[limit]
	);
	return rows.map((r) => str(r.id));
}

/** The first sealed copy stays: another process sealing the same contract at once changes nothing. */
export async function putSealedCopy(ctx: PgContext, input: SealedCopy): Promise<'stored' | 'exists' | 'notFound'> {
	return ctx.tx(async (q) => {
		const found = await q.query(`SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE`, [input.contractId]);
		if (found.rowCount === 0) return 'notFound' as const;
		const inserted = await q.query(
			`INSERT INTO contract_seals (contract_id, pdf, pdf_sha256, sealed_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (contract_id) DO NOTHING`,
			[input.contractId, Buffer.from(input.pdf), input.pdfSha256, input.sealedAt]
		);
		if (inserted.rowCount === 0) return 'exists' as const;
		const seq = await ctx.nextSeq(q);
		await q.query(`UPDATE contracts SET seq = $1 WHERE id = $2`, [seq, input.contractId]);
		return 'stored' as const;
	});
}

export async function getSealedCopy(ctx: PgContext, contractId: string): Promise<SealedCopy | undefined> {
	const { rows } = await ctx.pool.query(
		`SELECT contract_id, pdf, pdf_sha256, sealed_at FROM contract_seals WHERE contract_id = $1`,
		[contractId]
	);
	const row = rows[0];
	if (!row) return undefined;
	return {
		contractId: str(row.contract_id),
		pdf: new Uint8Array(row.pdf as Buffer),
		pdfSha256: str(row.pdf_sha256),
		sealedAt: str(row.sealed_at)
	};
}
