// Order selection for a contract's attachment: pure set logic, the 1,000 limit, paid orders only, totals in integer fen.
import { MAX_ORDERS_PER_CONTRACT } from '../../domain/contract';
import { unattachableOrders } from '../../domain/contractRules';
import type { Order } from '../../domain/order';

/** Integer fen in, integer fen out: amounts never pass through floating point yuan. */
export function totalFen(orders: readonly { amountFen: number }[]): number {
	let sum = 0;
	for (const o of orders) {
		if (!Number.isSafeInteger(o.amountFen) || o.amountFen < 0)
			throw new RangeError('amountFen must be a non-negative integer');
		sum += o.amountFen;
	}
	if (!Number.isSafeInteger(sum)) throw new RangeError('total exceeds the safe integer range');
	return sum;
}

export function toggle(selected: readonly string[], id: string, on: boolean): string[] {
	const has = selected.includes(id);
	if (on && !has) return [...selected, id];
	if (!on && has) return selected.filter((x) => x !== id);
	return [...selected];
}

/** Adds every id not yet selected, keeping the existing order (so "first rows" stay stable). */
export function addAll(selected: readonly string[], ids: readonly string[]): string[] {
	const set = new Set(selected);
	const out = [...selected];
	for (const id of ids) {
		if (set.has(id)) continue;
		set.add(id);
		out.push(id);
	}
	return out;
}

export function removeAll(selected: readonly string[], ids: readonly string[]): string[] {
	const drop = new Set(ids);
	return selected.filter((id) => !drop.has(id));
}

export type SelectionState = {
	count: number;
	totalFen: number;
	/** How many over the limit: the confirm button stays disabled while this is above 0. */
	excess: number;
	/**
	 * Selected orders that may not be attached (refunded since they were picked): the confirm
	 * button stays disabled until they are removed.
	 */
	unattachable: string[];
	canConfirm: boolean;
};

export function selectionState(
	orders: readonly { id: string; amountFen: number; status: Order['status'] }[],
	limit = MAX_ORDERS_PER_CONTRACT
): SelectionState {
	const count = orders.length;
	const excess = Math.max(0, count - limit);
	// The rows are the current ones from the device database, so the rule sees today's status.
	const byId = new Map(orders.map((o) => [o.id, o]));
	const unattachable = unattachableOrders(orders, (id) => byId.get(id)).map((b) => b.id);
	return {
		count,
		totalFen: totalFen(orders),
		excess,
		unattachable,
		canConfirm: count > 0 && excess === 0 && unattachable.length === 0
	};
}
