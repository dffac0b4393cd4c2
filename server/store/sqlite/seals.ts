// The provider's sealed copy of each registered contract: which still need one, storing it (bumping the contract's change sequence so devices learn of it), reading it.
import type { SealedCopy } from '../types';
import { str, type Row, type SqliteContext } from './context';

export function listUnsealedContracts(ctx: SqliteContext, limit: number): string[] {
	const rows = ctx.db
		.prepare(
			`SELECT c.id FROM contracts c
			 WHERE c.registered_at IS NOT NULL AND c.pdf IS NOT NULL
			   AND NOT EXISTS (SELECT 1 FROM contract_seals s WHERE s.contract_id = c.id)
			 ORDER BY c.registered_at, c.id LIMIT ?`
		)
		.all(limit) as Row[];
	return rows.map((r) => str(r.id));
}

/** The first sealed copy stays: a second process sealing the same contract at once changes nothing. */
export function putSealedCopy(ctx: SqliteContext, input: SealedCopy): 'stored' | 'exists' | 'notFound' {
	const { db } = ctx;
	return db.transaction(() => {
		if (!db.prepare(`SELECT 1 FROM contracts WHERE id = ?`).get(input.contractId)) return 'notFound' as const;
		const inserted = db
			.prepare(
				`INSERT INTO contract_seals (contract_id, pdf, pdf_sha256, sealed_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (contract_id) DO NOTHING`
			)
			.run(input.contractId, Buffer.from(input.pdf), input.pdfSha256, input.sealedAt);
		if (inserted.changes === 0) return 'exists' as const;
		db.prepare(`UPDATE contracts SET seq = ? WHERE id = ?`).run(ctx.nextSeq(), input.contractId);
		return 'stored' as const;
	})();
}

export function getSealedCopy(ctx: SqliteContext, contractId: string): SealedCopy | undefined {
	const row = ctx.db
		.prepare(`SELECT contract_id, pdf, pdf_sha256, sealed_at FROM contract_seals WHERE contract_id = ?`)
		.get(contractId) as Row | undefined;
	if (!row) return undefined;
	return {
		contractId: str(row.contract_id),
		pdf: new Uint8Array(row.pdf as Buffer),
		pdfSha256: str(row.pdf_sha256),
		sealedAt: str(row.sealed_at)
	};
}
