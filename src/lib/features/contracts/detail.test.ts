// @vitest-environment jsdom
// The detail page's parts: registration time once effective, read errors as messages, the shared order cells.
import { cleanup, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.svelte';
import ContractSummary from './ContractSummary.svelte';
import OrderCells from './OrderCells.svelte';
import { loadErrorText } from './errors';

afterEach(() => {
	cleanup();
	i18n.locale = 'zh-CN';
});

const base = {
	id: '5f0c3b5e-8f64-4a9b-9a57-3d1c2b7e9f10',
	number: 'HT-20261126-1A2B3C4D',
	createdAt: '2026-11-26T10:00:00.000+08:00'
};

describe('ContractSummary', () => {
	it('shows when an effective contract was registered, in Shanghai time', () => {
		render(ContractSummary, { contract: { ...base, status: 'effective', registeredAt: '2026-11-26T03:05:00.000Z' } });
		const registered = screen.getByTestId('detail-registered-at');
		expect(registered.textContent).toBe('2026-11-26 11:05');
		expect(registered.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-26T03:05:00.000Z');
		expect(screen.getByText('登记时间')).toBeTruthy();
		expect(screen.queryByTestId('registration-note')).toBeNull();
	});

	it('shows no registration time while pending, but the note', () => {
		render(ContractSummary, { contract: { ...base, status: 'pending', registeredAt: null } });
		expect(screen.queryByTestId('detail-registered-at')).toBeNull();
		expect(screen.getByTestId('registration-note')).toBeTruthy();
	});
});

describe('loadErrorText', () => {
	it.each([
		[Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' }), '数据库已关闭'],
		[Object.assign(new Error('IndexedDB API missing'), { name: 'MissingAPIError' }), '无法使用本设备的存储'],
		[new DOMException('full', 'QuotaExceededError'), '无法使用本设备的存储'],
		[new TypeError('x is undefined'), '读取这份合同时出错']
	])('maps %s to a message, keeping the raw error as detail', (error, text) => {
		const { message, detail } = loadErrorText(error);
		expect(message).toContain(text);
		expect(message).not.toContain(error.message);
		expect(detail).toBe(`${error.name}: ${error.message}`);
	});

	it('speaks English too', () => {
		i18n.locale = 'en';
		expect(loadErrorText(new Error('boom')).message).toBe(
			'Something went wrong reading this contract. Reload the page and try again.'
		);
		expect(loadErrorText('odd').detail).toBe('odd');
	});
});

describe('OrderCells', () => {
	const order = {
		id: '20260101000100000002',
		product: '云服务器 CVM',
		spec: '标准型 S5',
		billingMode: 'prepaid' as const,
		paidAt: '2026-01-01T01:30:00Z',
		amountFen: 123456
	};
	const cells = (container: HTMLElement) =>
		[...container.querySelectorAll('td')].map((td) => [td.dataset.label, td.textContent?.trim()]);

	it('renders one order as the lists show it: id, product, spec with billing, paid time, amount', () => {
		const { container } = render(OrderCells, { order, idTestId: 'the-id' });
		expect(cells(container)).toEqual([
			['订单号', order.id],
			['产品', order.product],
			['规格', '标准型 S5 · 包年包月'],
			['支付时间', '2026-01-01 09:30'],
			['金额', '¥1,234.56']
		]);
		expect(screen.getByTestId('the-id').textContent).toBe(order.id);
	});

	it("prints the date only for the attachment, and takes the picker's own id cell", () => {
		const id = createRawSnippet(() => ({ render: () => '<label>picked</label>' }));
		const { container } = render(OrderCells, { order, dateOnly: true, id });
		expect(cells(container)[0]).toEqual(['订单号', 'picked']);
		expect(cells(container)[3]).toEqual(['支付时间', '2026-01-01']);
	});
});
