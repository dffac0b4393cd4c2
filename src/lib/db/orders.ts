// Orders on the device: indexed, paged queries for the orders list and the order picker, search through the id suffix index.
import { MIN_PART, normalizeSearch } from '../domain/search';
import { getDb } from './database';
import type { OrderRow } from './types';

export type OrderQuery = { search?: string; month?: string; product?: string };
export type Page<T> = { rows: T[]; total: number };
/** `approximate`: so many orders match that the total is the index's estimate (see searchOrders). */
export type OrderPage = Page<OrderRow> & { approximate?: boolean };

/** Up to this many index entries, load the hits and sort them; above, walk the date index and keep the hits. */
const SMALL_HIT_SET = 500;

function filtersOf(q: OrderQuery) {
	return (r: OrderRow) => (!q.product || r.product === q.product) && (!q.month || r.month === q.month);
}

/** Newest first (with a month, the compound index gives that month's rows already in order). */
function byDate(q: OrderQuery) {
	const db = getDb();
	return q.month
		? db.orders.where('[month+paidAt]').between([q.month, ''], [q.month, '\uffff']).reverse()
		: db.orders.orderBy('paidAt').reverse();
}

function unsearched(q: OrderQuery) {
	const c = byDate(q);
	return q.product ? c.filter((r) => r.product === q.product) : c;
}

/**
 * What a search matches, through indexes only: order ids containing the normalised search (a prefix range of the
 * v7 suffix index `searchParts`; fewer than MIN_PART characters match from the id's start), and every order of a
 * product whose name contains it (the product index, a handful of names).
 */
async function searchPlan(search: string) {
	const db = getDb();
	const part = normalizeSearch(search);
	const text = search.trim().toLowerCase();
	const products = ((await db.orders.orderBy('product').uniqueKeys()) as string[]).filter((p) =>
		p.toLowerCase().includes(text)
	);
	const idRange = () =>
		part.length >= MIN_PART
			? db.orders.where('searchParts').startsWith(part)
			: part
				? db.orders.where('id').startsWith(part)
				: null;
	const productRange = () => (products.length ? db.orders.where('product').anyOf(products) : null);
	// One native count per product: Dexie counts an anyOf() by walking a cursor (≈ 0.5 s at 10,000 hits).
	const counts = await Promise.all([
		idRange()?.count() ?? 0,
		...products.map((p) => db.orders.where('product').equals(p).count())
	]);
	const idEntries = counts[0]!;
	const productEntries = counts.slice(1).reduce((a, b) => a + b, 0);
	const productSet = new Set(products);
	const hit = (r: OrderRow) =>
		productSet.has(r.product) ||
		(part !== '' && (part.length >= MIN_PART ? r.id.includes(part) : r.id.startsWith(part)));
	return { idRange, productRange, entries: idEntries + productEntries, hit };
}

async function hitIds(plan: Awaited<ReturnType<typeof searchPlan>>): Promise<string[]> {
	const [byId, byProduct] = await Promise.all([
		plan.idRange()?.primaryKeys() ?? [],
		plan.productRange()?.primaryKeys() ?? []
	]);
	return [...new Set([...(byId as string[]), ...(byProduct as string[])])];
}

/**
 * Newest first. A search by any part of an order id (≥ 4 characters, as read off an invoice) or of a product name
 * loads only its hits when they are few; a broad one (a part most ids share, such as the year) walks the date index
 * keeping hits until the page is full, and takes the total from the index's entry count.
 */
export async function queryOrders(q: OrderQuery, offset: number, limit: number): Promise<OrderPage> {
	const search = q.search?.trim() ?? '';
	if (!search) {
		const c = unsearched(q);
		const [rows, total] = await Promise.all([c.clone().offset(offset).limit(limit).toArray(), c.count()]);
		return { rows, total };
	}
	const plan = await searchPlan(search);
	const keep = filtersOf(q);
	if (plan.entries <= SMALL_HIT_SET) {
		const rows = (await getDb().orders.bulkGet(await hitIds(plan))).filter((r): r is OrderRow => !!r && keep(r));
		rows.sort((a, b) => (a.paidAt < b.paidAt ? 1 : a.paidAt > b.paidAt ? -1 : 0));
		return { rows: rows.slice(offset, offset + limit), total: rows.length };
	}
	// One row more than the page tells whether another page follows; at the end the total is exact.
	const rows = await byDate(q)
		.filter((r) => keep(r) && plan.hit(r))
		.offset(offset)
		.limit(limit + 1)
		.toArray();
	if (rows.length <= limit) return { rows, total: offset + rows.length };
	return { rows: rows.slice(0, limit), total: Math.max(plan.entries, offset + limit + 1), approximate: true };
}

/** Every id that matches: for "select all that match" (bounded by the account's order count). */
export async function matchingOrderIds(q: OrderQuery): Promise<string[]> {
	const search = q.search?.trim() ?? '';
	if (!search) return (await unsearched(q).primaryKeys()) as string[];
	const plan = await searchPlan(search);
	const keep = filtersOf(q);
	if (plan.entries <= SMALL_HIT_SET) {
		const rows = (await getDb().orders.bulkGet(await hitIds(plan))).filter((r): r is OrderRow => !!r && keep(r));
		return rows.sort((a, b) => (a.paidAt < b.paidAt ? 1 : a.paidAt > b.paidAt ? -1 : 0)).map((r) => r.id);
	}
	return (await byDate(q)
		.filter((r) => keep(r) && plan.hit(r))
		.primaryKeys()) as string[];
}

export async function orderMonths(): Promise<string[]> {
	const months = (await getDb().orders.orderBy('month').uniqueKeys()) as string[];
	return months.reverse();
}

export async function orderProducts(): Promise<string[]> {
	const products = (await getDb().orders.orderBy('product').uniqueKeys()) as string[];
	return products;
}
