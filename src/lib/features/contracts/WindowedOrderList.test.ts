// @vitest-environment jsdom
// The confirm page's order list: all orders of a 1,000-order contract reachable, only a window of them in the DOM, full counts for screen readers.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleOrder } from '../../../../tests/support/lib/db/records';
import { MAX_ORDERS_PER_CONTRACT } from '../../domain/contract';
import type { Order } from '../../domain/order';
import { movedIndex, visibleRange } from '../../components/windowing';
import ContractPreview from './ContractPreview.svelte';
import { buildRecord } from './generate';
import { TEST_IDENTITY, TEST_PROVIDER } from '../../../../tests/support/lib/features/contracts/parties';

function orderRecord(n: number) {
	const orders: Order[] = Array.from({ length: n }, (_, i) => {
		const { month: _m, ...o } = exampleOrder(
			String(20_260_000_000_000 + i),
			new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
		);
		return { ...o, amountFen: 100 };
	});
	const contact = {
		person: '李喆',
		phone: '0755-86013388',
		email: 'zhe.li@example.com',
		mailingAddress: '广东省深圳市南山区科技园 12 层'
	};
	return buildRecord(
		{ kind: 'order', identity: TEST_IDENTITY, provider: TEST_PROVIDER, orders, contact },
		new Date('2026-11-26T10:00:00Z'),
		crypto.randomUUID()
	);
}

afterEach(cleanup);

describe('visibleRange', () => {
	it('covers the rows in the viewport plus the overscan, clamped to the list', () => {
		// List starts 300 px below the top of an 800 px viewport, 50 px rows: rows 0..9 visible (+4 overscan).
		expect(visibleRange(1000, 50, 300, 800, 4)).toEqual({ start: 0, end: 14 });
		// Scrolled 10,000 px past the list top: rows 200..216 visible.
		expect(visibleRange(1000, 50, -10_000, 800, 4)).toEqual({ start: 196, end: 220 });
		// Scrolled to the end: never past the last row.
		expect(visibleRange(21, 60, -1000, 844, 4)).toEqual({ start: 12, end: 21 });
		// List below the viewport: only the overscan.
		expect(visibleRange(1000, 50, 2000, 800, 4)).toEqual({ start: 0, end: 4 });
	});

	it('moves the keyboard row by arrows, pages, Home and End, within bounds', () => {
		expect(movedIndex('ArrowDown', 0, 21, 10)).toBe(1);
		expect(movedIndex('ArrowUp', 0, 21, 10)).toBe(0);
		expect(movedIndex('PageDown', 15, 21, 10)).toBe(20);
		expect(movedIndex('PageUp', 5, 21, 10)).toBe(0);
		expect(movedIndex('End', 0, 21, 10)).toBe(20);
		expect(movedIndex('Home', 20, 21, 10)).toBe(0);
		expect(movedIndex('a', 3, 21, 10)).toBeNull();
	});
});

describe('ContractPreview with all orders', () => {
	it('lists a 1,000-order contract with a window of rows in the DOM and every row reachable by keyboard', async () => {
		const record = orderRecord(MAX_ORDERS_PER_CONTRACT);
		render(ContractPreview, { record, allOrders: true });
		const table = screen.getByRole('table', { name: '附件订单（共 1000 个）' });
		expect(table.getAttribute('aria-rowcount')).toBe('1001');
		const rows = () => within(table).getAllByTestId('attachment-order');
		expect(rows().length).toBeGreaterThan(5);
		expect(rows().length).toBeLessThan(40);
		expect(rows()[0]!.getAttribute('aria-rowindex')).toBe('2');
		expect(screen.getByTestId('attachment-list-total').textContent).toBe('共 1000 个订单，合计 ¥1,000.00');
		expect(screen.queryByText(/前 \d+ 个/)).toBeNull();

		// One tab stop; End brings the last order into the DOM and focuses it.
		const first = rows()[0]!;
		expect(first.tabIndex).toBe(0);
		first.focus();
		await fireEvent.keyDown(first, { key: 'End' });
		const last = table.querySelector<HTMLElement>('[data-index="999"]')!;
		expect(last).not.toBeNull();
		expect(document.activeElement).toBe(last);
		expect(last.getAttribute('aria-rowindex')).toBe('1001');
		expect(within(last).getByTestId('attachment-order-id').textContent).toBe(
			record.kind === 'order' ? record.orders[999]!.id : ''
		);
		expect(last.tabIndex).toBe(0);
		expect(first.isConnected ? first.tabIndex : -1).toBe(-1);
		await fireEvent.keyDown(last, { key: 'ArrowUp' });
		expect((document.activeElement as HTMLElement).dataset.index).toBe('998');
		expect(rows().length).toBeLessThan(40);
	});

	it('keeps the detail page paged', () => {
		render(ContractPreview, { record: orderRecord(21) });
		expect(screen.queryByRole('table', { name: /附件订单/ })).toBeNull();
		expect(screen.getAllByTestId('attachment-order')).toHaveLength(20);
	});
});
