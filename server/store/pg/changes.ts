// The pull on PostgreSQL: the shared paging (sql/changes.ts), with the pull that finds nothing new answered in one statement.
import type { Identity } from '../../../src/lib/domain/identity';
import { changesPage as pagedPull, emptyPage } from '../sql/changes';
import type { ChangesPageResult } from '../types';
import { parse, type PgContext } from './context';

export async function changesPage(
	ctx: PgContext,
	accountId: string,
	query: { since: number; page?: string; limit: number }
): Promise<ChangesPageResult> {
	// The most frequent pull by far — a device asking whether anything is new — is one statement (one snapshot, one
	// round trip): nothing changed exactly when the counter still stands at the device's cursor.
	if (query.page === undefined && query.since > 0) {
		const { rows } = await ctx.pool.query(
			`SELECT a.identity, c.value FROM accounts a CROSS JOIN counters c WHERE a.id = $1 AND c.name = 'seq'`,
			[accountId]
		);
		if (!rows[0]) return { kind: 'noAccount' };
		if (Number(rows[0].value) === query.since)
			return { kind: 'page', page: emptyPage(query.since, parse<Identity>(rows[0].identity)) };
	}
	return ctx.snapshot((d) => pagedPull(d, accountId, query));
}
