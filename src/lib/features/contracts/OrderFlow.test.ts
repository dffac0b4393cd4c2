// @vitest-environment jsdom
// The order flow in the DOM: select all that match, the running count and total, the 1,000-order limit, paid orders only.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetDb, getDb } from '../../db/database';
import { exampleOrder } from '../../../../tests/support/lib/db/records';
import OrderFlow from './OrderFlow.svelte';
import { TEST_IDENTITY, TEST_PROVIDER } from '../../../../tests/support/lib/features/contracts/parties';

vi.mock('$app/navigation', () => ({ goto: vi.fn(), preloadCode: vi.fn(async () => {}) }));

const identity = TEST_IDENTITY;
const provider = TEST_PROVIDER;

async function seedOrders(n: number, amountFen: number) {
	const rows = Array.from({ length: n }, (_, i) => {
		const paidAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().replace('.000Z', 'Z');
		return { ...exampleOrder(String(10_000_000_000 + i), paidAt), amountFen };
	});
	await getDb().orders.bulkAdd(rows);
}

beforeEach(async () => {
	await getDb().delete();
	forgetDb();
});
afterEach(() => {
	cleanup();
	getDb().close();
});

describe('OrderFlow', () => {
	it('selects all matching orders with a running count and an exact total', async () => {
		await seedOrders(3, 10); // 0.10 yuan each: a float sum of 0.1 three times would not be 0.30
		render(OrderFlow, { identity, provider });
		const selectAll = await screen.findByRole('button', { name: '全选符合条件的 3 个订单' }, { timeout: 10_000 });
		await fireEvent.click(selectAll);
		await waitFor(() => expect(screen.getByTestId('selection-text').textContent).toBe('已选 3 个订单，合计 ¥0.30'));
		expect(screen.getByText(/大写金额：叁角/)).toBeTruthy();
		expect(screen.getAllByRole('checkbox', { checked: true })).toHaveLength(3);
	});

	it('says clearly when more than 1,000 orders are selected and disables going on', async () => {
		await seedOrders(1001, 100);
		render(OrderFlow, { identity, provider });
		// The label counts paid, unattached matches, which reads 1,001 rows: slower than the default 1 s under a loaded test run.
		await fireEvent.click(
			await screen.findByRole('button', { name: '全选符合条件的 1001 个订单' }, { timeout: 10_000 })
		);
		const message = await screen.findByTestId('too-many-orders', {}, { timeout: 10_000 });
		expect(message.textContent).toContain('最多包含 1000 个订单');
		expect(message.textContent).toContain('减少 1 个');
		expect((screen.getByTestId('to-confirm') as HTMLButtonElement).disabled).toBe(true);
		// Unticking one brings the selection back within the limit.
		await fireEvent.click(screen.getAllByRole('checkbox', { checked: true })[0]!);
		await waitFor(() => expect(screen.queryByTestId('too-many-orders')).toBeNull());
		expect((screen.getByTestId('to-confirm') as HTMLButtonElement).disabled).toBe(false);
		expect(screen.getByTestId('selection-text').textContent).toBe('已选 1000 个订单，合计 ¥1,000.00');
	});

	it('counts only paid orders in "select all that match", and adds only those', async () => {
		await seedOrders(3, 10);
		await getDb().orders.update('10000000001', { status: 'refunded' });
		render(OrderFlow, { identity, provider });
		// The label says what the click adds: 2 paid of 3 matching.
		const selectAll = await screen.findByRole('button', { name: '全选符合条件的 2 个订单' });
		await fireEvent.click(selectAll);
		await waitFor(() => expect(screen.getByTestId('selection-text').textContent).toBe('已选 2 个订单，合计 ¥0.20'));
	});

	it('holds back an order refunded after it was picked until it is removed', async () => {
		await seedOrders(2, 10);
		render(OrderFlow, { identity, provider });
		await fireEvent.click(await screen.findByRole('button', { name: '全选符合条件的 2 个订单' }));
		await waitFor(() => expect(screen.getByTestId('selection-text').textContent).toBe('已选 2 个订单，合计 ¥0.20'));
		// A pull marks one refunded while it is selected.
		await getDb().orders.update('10000000000', { status: 'refunded' });
		const message = await screen.findByTestId('refunded-selected');
		expect(message.textContent).toContain('10000000000');
		expect((screen.getByTestId('to-confirm') as HTMLButtonElement).disabled).toBe(true);
		await fireEvent.click(screen.getByTestId('remove-refunded'));
		await waitFor(() => expect(screen.getByTestId('selection-text').textContent).toBe('已选 1 个订单，合计 ¥0.10'));
		expect(screen.queryByTestId('refunded-selected')).toBeNull();
		expect((screen.getByTestId('to-confirm') as HTMLButtonElement).disabled).toBe(false);
	});
});
