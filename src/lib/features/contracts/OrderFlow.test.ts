// @vitest-environment jsdom
// The order flow in the DOM: select all that match, the running count and total, and the 1,000-order limit.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetDb, getDb } from '../../db/database';
import { exampleOrder } from '../../db/test-fixtures';
import type { VerifiedIdentity } from '../../domain/identity';
import type { ProviderRow } from '../../db/types';
import OrderFlow from './OrderFlow.svelte';

vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

const CODE = '91350100M000100Y43';
const identity: VerifiedIdentity = {
	status: 'verified',
	accountId: 'acct-1',
	entityType: 'enterprise',
	legalName: '深圳市喆堃珺玥网络科技有限公司',
	creditCode: CODE,
	legalRepresentative: '张喆',
	registeredAddress: '深圳',
	verifiedAt: '2023-03-15T10:20:00+08:00'
};
const provider: ProviderRow = {
	key: 'provider',
	name: '云栈科技有限公司',
	creditCode: CODE,
	registeredAddress: '北京',
	mailingAddress: '北京',
	mailingRecipient: '合同组',
	mailingPhone: '010-12345678',
	mailingPostalCode: '100080'
};

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
		const selectAll = await screen.findByRole('button', { name: '全选符合条件的 3 个订单' });
		await fireEvent.click(selectAll);
		await waitFor(() => expect(screen.getByTestId('selection-text').textContent).toBe('已选 3 个订单，合计 ¥0.30'));
		expect(screen.getByText(/大写金额：叁角/)).toBeTruthy();
		expect(screen.getAllByRole('checkbox', { checked: true })).toHaveLength(3);
	});

	it('says clearly when more than 1,000 orders are selected and disables going on', async () => {
		await seedOrders(1001, 100);
		render(OrderFlow, { identity, provider });
		await fireEvent.click(await screen.findByRole('button', { name: '全选符合条件的 1001 个订单' }));
		const message = await screen.findByTestId('too-many-orders');
		expect(message.textContent).toContain('最多包含 1000 个订单');
		expect(message.textContent).toContain('减少 1 个');
		expect((screen.getByTestId('to-confirm') as HTMLButtonElement).disabled).toBe(true);
		// Unticking one brings the selection back within the limit.
		await fireEvent.click(screen.getAllByRole('checkbox', { checked: true })[0]!);
		await waitFor(() => expect(screen.queryByTestId('too-many-orders')).toBeNull());
		expect((screen.getByTestId('to-confirm') as HTMLButtonElement).disabled).toBe(false);
		expect(screen.getByTestId('selection-text').textContent).toBe('已选 1000 个订单，合计 ¥1,000.00');
	});
});
