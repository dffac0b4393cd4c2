// The pull: everything of an account changed after a cursor (the commit-ordered change sequence), whole or page by page.
import type { ContractState } from '../../../src/lib/domain/changes';
import type { ContractRecord, ContractStatus } from '../../../src/lib/domain/contract';
import type { Filing } from '../../../src/lib/domain/filing';
import type { Identity } from '../../../src/lib/domain/identity';
import type { Order } from '../../../src/lib/domain/order';
import type { StampingSubmission } from '../../../src/lib/domain/stamping';
import { decodePageToken, encodePageToken } from '../sqlite/changes';
import type { ChangesPage, ChangesPageResult, ChangesSince, PulledContract } from '../types';
import { nullableStr, parse, str, type PgContext, type Row } from './context';
import { toEvent } from '../rows';

/**
 * Pulls read in one REPEATABLE READ snapshot: the counter value it shows is n exactly when every transaction that
 * took a sequence ≤ n has committed (they hold the counter row's lock until they end, see PgContext.nextSeq), so
 * "seq ≤ cursor" in this snapshot is complete, and everything later waits for the next pull.
 */
const SNAPSHOT = { isolation: 'repeatable read', readOnly: true } as const;

export async function changes(ctx: PgContext, accountId: string, since: number): Promise<ChangesSince | undefined> {
	return ctx.tx(async (q) => {
		const account = (await q.query(`SELECT identity FROM accounts WHERE id = $1`, [accountId])).rows[0];
		if (!account) return undefined;
		const cursor = await ctx.currentSeq(q);
		// A cursor from the future means this database was reset: send everything again.
		if (since > cursor) since = 0;
		const args = [accountId, since];
		const filings = (
			await q.query(`SELECT data FROM filings WHERE account_id = $1 AND seq > $2 ORDER BY id`, args)
		).rows.map((r) => parse<Filing>(r.data));
		const orders = (
			await q.query(`SELECT data FROM orders WHERE account_id = $1 AND seq > $2 ORDER BY paid_at DESC, id`, args)
		).rows.map((r) => parse<Order>(r.data));
		const contracts = (
			await q.query(
				`SELECT id, status, registered_at FROM contracts WHERE account_id = $1 AND seq > $2 ORDER BY seq`,
				args
			)
		).rows.map((r): ContractState => ({
			id: str(r.id),
			status: str(r.status) as ContractStatus,
			registeredAt: nullableStr(r.registered_at)
		}));
		const stampingEvents = (
			await q.query(`SELECT * FROM stamping_events WHERE account_id = $1 AND seq > $2 ORDER BY seq`, args)
		).rows.map(toEvent);
		return {
			cursor: String(cursor),
			identity: parse<Identity>(account.identity),
			filings,
			orders,
			contracts,
			stampingEvents
		};
	}, SNAPSHOT);
}

/** Contracts weigh this many rows of the other tables: a page holds `limit` contracts or `limit × 25` orders. */
const CONTRACT_WEIGHT = 25;

type Sink = Omit<ChangesPage, 'cursor' | 'next' | 'totalContracts' | 'identity'>;

interface PhaseDef {
	table: string;
	key: string;
	columns: string;
	weight: number;
	add: (row: Row, out: Sink) => void;
}

// The same phases, in the same order, as the SQLite store: a page token is valid for both.
const PHASES: PhaseDef[] = [
	{
		table: 'contracts',
		key: 'id',
		columns: `id, status, registered_at, record, content_hash, pdf_sha256, octet_length(pdf) AS pdf_size,
			(SELECT json_build_object('sha256', s.pdf_sha256, 'size', octet_length(s.pdf), 'sealedAt', s.sealed_at)
			 FROM contract_seals s WHERE s.contract_id = contracts.id) AS sealed`,
		weight: CONTRACT_WEIGHT,
		add: (r, out) =>
			out.contracts.push({
				id: str(r.id),
				status: str(r.status) as ContractStatus,
				registeredAt: nullableStr(r.registered_at),
				record: parse<ContractRecord>(r.record),
				contentHash: str(r.content_hash),
				pdfSha256: str(r.pdf_sha256),
				pdfSize: r.pdf_size == null ? null : Number(r.pdf_size),
				sealed: r.sealed == null ? null : (r.sealed as PulledContract['sealed'])
			})
	},
	{
		table: 'stamping_requests',
		key: 'contract_id',
		columns: 'contract_id, submission, created_at',
		weight: 1,
		add: (r, out) =>
			out.stampingRequests.push({
				contractId: str(r.contract_id),
				submission: parse<StampingSubmission>(r.submission),
				submittedAt: str(r.created_at)
			})
	},
	{
		table: 'stamping_events',
		key: 'id',
		columns: '*',
		weight: 1,
		add: (r, out) => out.stampingEvents.push(toEvent(r))
	},
	{ table: 'filings', key: 'id', columns: 'data', weight: 1, add: (r, out) => out.filings.push(parse<Filing>(r.data)) },
	{ table: 'orders', key: 'id', columns: 'data', weight: 1, add: (r, out) => out.orders.push(parse<Order>(r.data)) }
];

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
		if (Number(rows[0].value) === query.since) {
			const empty: ChangesPage = {
				cursor: String(query.since),
				next: null,
				totalContracts: 0,
				identity: parse<Identity>(rows[0].identity),
				filings: [],
				orders: [],
				contracts: [],
				stampingRequests: [],
				stampingEvents: []
			};
			return { kind: 'page', page: empty };
		}
	}
	return ctx.tx(async (q): Promise<ChangesPageResult> => {
		const account = (await q.query(`SELECT identity FROM accounts WHERE id = $1`, [accountId])).rows[0];
		if (!account) return { kind: 'noAccount' };
		const current = await ctx.currentSeq(q);
		let token;
		let totalContracts: number | undefined;
		if (query.page !== undefined) {
			const decoded = decodePageToken(query.page);
			// A page of a pull this database cannot have started (it was reset since): the device starts over.
			if (!decoded || decoded.upto > current) return { kind: 'badPage' };
			token = decoded;
		} else {
			const since = query.since > current ? 0 : query.since;
			token = { since, upto: current, phase: 0, afterSeq: since, afterKey: null as string | null };
			const { rows } = await q.query(
				`SELECT count(*) AS n FROM contracts WHERE account_id = $1 AND seq > $2 AND seq <= $3`,
				[accountId, since, current]
			);
			totalContracts = Number(rows[0].n);
		}
		const out: Sink = { filings: [], orders: [], contracts: [], stampingRequests: [], stampingEvents: [] };
		let budget = Math.max(1, query.limit) * CONTRACT_WEIGHT;
		let next: string | null = null;
		for (let phase = token.phase; phase < PHASES.length; phase++) {
			const def = PHASES[phase]!;
			const resume = phase === token.phase && token.afterKey !== null;
			const room = Math.floor(budget / def.weight);
			if (room === 0) {
				next = encodePageToken({
					...token,
					phase,
					afterSeq: resume ? token.afterSeq : token.since,
					afterKey: resume ? token.afterKey : null
				});
				break;
			}
			const after = resume ? `(seq, ${def.key}) > ($2, $3)` : `seq > $2`;
			const args: unknown[] = resume ? [accountId, token.afterSeq, token.afterKey] : [accountId, token.since];
			const n = args.length;
			// One row more than fits tells whether the table goes on past this page.
			const { rows } = await q.query(
				`SELECT ${def.columns}, seq, ${def.key} AS page_key FROM ${def.table}
				 WHERE account_id = $1 AND ${after} AND seq <= $${n + 1} ORDER BY seq, ${def.key} LIMIT $${n + 2}`,
				[...args, token.upto, room + 1]
			);
			const taken = rows.slice(0, room);
			for (const r of taken) def.add(r, out);
			budget -= taken.length * def.weight;
			if (rows.length > room) {
				const last = taken[taken.length - 1]!;
				next = encodePageToken({ ...token, phase, afterSeq: Number(last.seq), afterKey: str(last.page_key) });
				break;
			}
		}
		const page: ChangesPage = {
			cursor: String(token.upto),
			next,
			...(totalContracts === undefined ? {} : { totalContracts }),
			identity: parse<Identity>(account.identity),
			...out
		};
		return { kind: 'page', page };
	}, SNAPSHOT);
}
