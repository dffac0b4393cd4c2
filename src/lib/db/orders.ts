// Orders on the device: indexed, paged queries for the orders list and the order picker.
import { getDb } from './database';
import type { OrderRow } from './types';

export type OrderQuery = { search?: string; month?: string; product?: string };
export type Page<T> = { rows: T[]; total: number };

function matches(row: OrderRow, search: string, product: string | undefined): boolean {
	if (product && row.product !== product) return false;
	if (!search) return true;
	return row.id.includes(search) || row.product.toLowerCase().includes(search);
}

function collection(q: OrderQuery) {
	const db = getDb();
	const search = q.search?.trim().toLowerCase() ?? '';
	// With a month, the compound index gives the month's rows already ordered by payment time.
	const base = q.month
		? db.orders.where('[month+paidAt]').between([q.month, ''], [q.month, '\uffff']).reverse()
		: db.orders.orderBy('paidAt').reverse();
	return search || q.product ? base.filter((r) => matches(r, search, q.product)) : base;
}

/** Newest first. */
export async function queryOrders(q: OrderQuery, offset: number, limit: number): Promise<Page<OrderRow>> {
	const c = collection(q);
	const [rows, total] = await Promise.all([c.clone().offset(offset).limit(limit).toArray(), c.count()]);
	return { rows, total };
}

/** Every id that matches: for "select all that match" (bounded by the account's order count). */
export async function matchingOrderIds(q: OrderQuery): Promise<string[]> {
	return (await collection(q).primaryKeys()) as string[];
}

export async function orderMonths(): Promise<string[]> {
	const months = (await getDb().orders.orderBy('month').uniqueKeys()) as string[];
	return months.reverse();
}

export async function orderProducts(): Promise<string[]> {
	const products = (await getDb().orders.orderBy('product').uniqueKeys()) as string[];
	return products;
}
