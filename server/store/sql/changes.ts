// The pull, written once for both stores: everything of an account changed after a cursor (the global change sequence), whole or page by page.
import type { ContractState } from '../../../src/lib/domain/changes';
import type { ContractRecord, ContractStatus } from '../../../src/lib/domain/contract';
import type { Filing } from '../../../src/lib/domain/filing';
import type { Identity } from '../../../src/lib/domain/identity';
import type { Order } from '../../../src/lib/domain/order';
import type { StampingSubmission } from '../../../src/lib/domain/stamping';
import { nullableStr, parse, str, toEvent, type Row } from '../rows';
import type { ChangesPage, ChangesPageResult, ChangesSince, PulledContract } from '../types';
import { currentSeq } from './ledger';
import { all, get, type Dialect, type Steps } from './steps';

/** Run in a read snapshot: the cursor matches exactly the rows returned. */
export function* changes(_d: Dialect, accountId: string, since: number): Steps<ChangesSince | undefined> {
	const account = yield* get(`SELECT identity FROM accounts WHERE id = ?`, accountId);
	if (!account) return undefined;
	const cursor = yield* currentSeq();
	// A cursor from the future means this database was reset: send everything again.
	if (since > cursor) since = 0;
	const filings = (yield* all(
		`SELECT data FROM filings WHERE account_id = ? AND seq > ? ORDER BY id`,
		accountId,
		since
	)).map((r) => parse<Filing>(r.data));
	const orders = (yield* all(
		`SELECT data FROM orders WHERE account_id = ? AND seq > ? ORDER BY paid_at DESC, id`,
		accountId,
		since
	)).map((r) => parse<Order>(r.data));
	const contracts = (yield* all(
		`SELECT id, status, registered_at FROM contracts WHERE account_id = ? AND seq > ? ORDER BY seq`,
		accountId,
		since
	)).map((r): ContractState => ({
		id: str(r.id),
		status: str(r.status) as ContractStatus,
		registeredAt: nullableStr(r.registered_at)
	}));
	const stampingEvents = (yield* all(
		`SELECT * FROM stamping_events WHERE account_id = ? AND seq > ? ORDER BY seq`,
		accountId,
		since
	)).map(toEvent);
	return {
		cursor: String(cursor),
		identity: parse<Identity>(account.identity),
		filings,
		orders,
		contracts,
		stampingEvents
	};
}

// ---------------------------------------------------------------------------------------------
// The paged pull. A page token names the pull (since, upto: the sequence its first page saw), the table
// being walked and the last (seq, key) sent from it. Rows written after the first page have seq > upto
// and wait for the next pull; every row with since < seq <= upto is sent exactly once, in (seq, key) order.
// Both stores walk the same phases in the same order, so a page token is valid for either.
// ---------------------------------------------------------------------------------------------

/** Contracts weigh this many rows of the other tables: a page holds `limit` contracts or `limit × 25` orders. */
const CONTRACT_WEIGHT = 25;

type Token = { since: number; upto: number; phase: number; afterSeq: number; afterKey: string | null };

const TOKEN = /^v1\.(\d{1,15})\.(\d{1,15})\.([0-4])\.(\d{1,15})\.([A-Za-z0-9_-]{0,400})$/;

export function encodePageToken(t: Token): string {
	const key = t.afterKey === null ? '' : Buffer.from(t.afterKey, 'utf8').toString('base64url');
	return `v1.${t.since}.${t.upto}.${t.phase}.${t.afterSeq}.${key}`;
}

export function decodePageToken(s: string): Token | null {
	const m = TOKEN.exec(s);
	if (!m) return null;
	const [since, upto, phase, afterSeq] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
	const afterKey = m[5] ? Buffer.from(m[5], 'base64url').toString('utf8') : null;
	if (since > afterSeq || afterSeq > upto) return null;
	return { since, upto, phase, afterSeq, afterKey };
}

type Sink = Omit<ChangesPage, 'cursor' | 'next' | 'totalContracts' | 'identity'>;

interface PhaseDef {
	table: string;
	key: string;
	columns: (d: Dialect) => string;
	weight: number;
	add: (row: Row, out: Sink, d: Dialect) => void;
}

const PHASES: PhaseDef[] = [
	{
		table: 'contracts',
		key: 'id',
		columns: (d) => `id, status, registered_at, record, content_hash, pdf_sha256, ${d.byteLength}(pdf) AS pdf_size,
			(SELECT ${d.jsonObject}('sha256', s.pdf_sha256, 'size', ${d.byteLength}(s.pdf), 'sealedAt', s.sealed_at)
			 FROM contract_seals s WHERE s.contract_id = contracts.id) AS sealed`,
		weight: CONTRACT_WEIGHT,
		add: (r, out, d) =>
			out.contracts.push({
				id: str(r.id),
				status: str(r.status) as ContractStatus,
				registeredAt: nullableStr(r.registered_at),
				record: parse<ContractRecord>(r.record),
				contentHash: str(r.content_hash),
				pdfSha256: str(r.pdf_sha256),
				pdfSize: r.pdf_size == null ? null : Number(r.pdf_size),
				sealed: r.sealed == null ? null : d.json<PulledContract['sealed']>(r.sealed)
			})
	},
	{
		table: 'stamping_requests',
		key: 'contract_id',
		columns: () => 'contract_id, submission, created_at',
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
		columns: () => '*',
		weight: 1,
		add: (r, out) => out.stampingEvents.push(toEvent(r))
	},
	{
		table: 'filings',
		key: 'id',
		columns: () => 'data',
		weight: 1,
		add: (r, out) => out.filings.push(parse<Filing>(r.data))
	},
	{
		table: 'orders',
		key: 'id',
		columns: () => 'data',
		weight: 1,
		add: (r, out) => out.orders.push(parse<Order>(r.data))
	}
];

/** The page of a pull that finds nothing new (cursor unchanged). */
export function emptyPage(cursor: number, identity: Identity): ChangesPage {
	return {
		cursor: String(cursor),
		next: null,
		totalContracts: 0,
		identity,
		filings: [],
		orders: [],
		contracts: [],
		stampingRequests: [],
		stampingEvents: []
	};
}

/** Run in a read snapshot: the identity and the rows of a page belong together. */
export function* changesPage(
	d: Dialect,
	accountId: string,
	query: { since: number; page?: string; limit: number }
): Steps<ChangesPageResult> {
	const account = yield* get(`SELECT identity FROM accounts WHERE id = ?`, accountId);
	if (!account) return { kind: 'noAccount' };
	const current = yield* currentSeq();
	let token: Token;
	let totalContracts: number | undefined;
	if (query.page !== undefined) {
		const decoded = decodePageToken(query.page);
		// A page of a pull this database cannot have started (it was reset since): the device starts over.
		if (!decoded || decoded.upto > current) return { kind: 'badPage' };
		token = decoded;
	} else {
		// A cursor from the future means this database was reset: send everything again.
		const since = query.since > current ? 0 : query.since;
		token = { since, upto: current, phase: 0, afterSeq: since, afterKey: null };
		const count = yield* get(
			`SELECT COUNT(*) AS n FROM contracts WHERE account_id = ? AND seq > ? AND seq <= ?`,
			accountId,
			since,
			current
		);
		totalContracts = Number(count!.n);
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
		const after = resume ? `(seq, ${def.key}) > (?, ?)` : `seq > ?`;
		const args = resume ? [token.afterSeq, token.afterKey] : [token.since];
		// One row more than fits tells whether the table goes on past this page.
		const rows = yield* all(
			`SELECT ${def.columns(d)}, seq, ${def.key} AS page_key FROM ${def.table}
			 WHERE account_id = ? AND ${after} AND seq <= ? ORDER BY seq, ${def.key} LIMIT ?`,
			accountId,
			...args,
			token.upto,
			room + 1
		);
		const taken = rows.slice(0, room);
		for (const r of taken) def.add(r, out, d);
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
}
