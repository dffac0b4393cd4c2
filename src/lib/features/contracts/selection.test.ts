// Order selection: set operations, the 1,000-order limit and totals in integer fen.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ORDERS_PER_CONTRACT } from '../../domain/contract';
import { addAll, removeAll, selectionState, toggle, totalFen } from './selection';

const fen = (amounts: number[]) =>
	amounts.map((amountFen, i) => ({ id: String(1_000_000_000 + i), amountFen, status: 'paid' as 'paid' | 'refunded' }));

describe('selection', () => {
	it('toggles without duplicates and keeps order', () => {
		expect(toggle(['a'], 'b', true)).toEqual(['a', 'b']);
		expect(toggle(['a', 'b'], 'b', true)).toEqual(['a', 'b']);
		expect(toggle(['a', 'b'], 'a', false)).toEqual(['b']);
		expect(toggle(['a'], 'z', false)).toEqual(['a']);
	});

	it('adds all matching ids once, and removes them again', () => {
		expect(addAll(['b', 'a'], ['a', 'c', 'c', 'd'])).toEqual(['b', 'a', 'c', 'd']);
		expect(removeAll(['b', 'a', 'c', 'd'], ['a', 'd', 'x'])).toEqual(['b', 'c']);
		fc.assert(
			fc.property(fc.array(fc.string()), fc.array(fc.string()), (sel, ids) => {
				const out = addAll(sel, ids);
				return (
					new Set(out).size === new Set([...sel, ...ids]).size && removeAll(out, ids).every((id) => !ids.includes(id))
				);
			})
		);
	});

	it('allows exactly 1,000 orders and disables confirming above', () => {
		const at = selectionState(fen(Array(MAX_ORDERS_PER_CONTRACT).fill(1)));
		expect(at).toEqual({ count: 1000, totalFen: 1000, excess: 0, unattachable: [], canConfirm: true });
		const over = selectionState(fen(Array(MAX_ORDERS_PER_CONTRACT + 3).fill(1)));
		expect(over).toMatchObject({ count: 1003, excess: 3, canConfirm: false });
		expect(selectionState([])).toMatchObject({ count: 0, canConfirm: false });
	});

	it('disables confirming while a selected order is refunded, and names it', () => {
		const orders = fen([100, 200, 300]);
		orders[1] = { ...orders[1]!, status: 'refunded' };
		expect(selectionState(orders)).toMatchObject({ count: 3, unattachable: [orders[1]!.id], canConfirm: false });
		expect(selectionState([orders[0]!, orders[2]!])).toMatchObject({ unattachable: [], canConfirm: true });
	});

	it('sums integer fen exactly where floats of yuan would drift', () => {
		// 0.1 + 0.2 yuan as floats is 0.30000000000000004; in fen it is exactly 30.
		expect(totalFen(fen([10, 20]))).toBe(30);
		expect(totalFen(fen(Array(1000).fill(1)))).toBe(1000);
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_00 }), { maxLength: 1000 }), (amounts) => {
				const total = totalFen(fen(amounts));
				return Number.isSafeInteger(total) && total === amounts.reduce((a, b) => a + b, 0);
			})
		);
	});

	it('refuses amounts that are not integer fen', () => {
		expect(() => totalFen(fen([1.5]))).toThrow(RangeError);
		expect(() => totalFen(fen([-1]))).toThrow(RangeError);
		expect(() => totalFen(fen([Number.MAX_SAFE_INTEGER, 1]))).toThrow(RangeError);
	});
});
