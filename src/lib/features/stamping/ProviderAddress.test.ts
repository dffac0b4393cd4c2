// @vitest-environment jsdom
// The provider's mailing address: copied whole through the clipboard, or selected for the user when the clipboard is refused.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProviderRow } from '../../db/types';
import ProviderAddress from './ProviderAddress.svelte';

const provider: ProviderRow = {
	key: 'provider',
	name: '云栈科技有限公司',
	creditCode: '91350100M000100Y43',
	registeredAddress: '北京市海淀区',
	mailingAddress: '北京市海淀区中关村大街 1 号 合同组',
	mailingRecipient: '合同管理部',
	mailingPhone: '010-12345678',
	mailingPostalCode: '100080'
};

function withClipboard(writeText: (text: string) => Promise<void>) {
	Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

afterEach(() => {
	cleanup();
	Reflect.deleteProperty(navigator, 'clipboard');
	window.getSelection()?.removeAllRanges();
});

describe('ProviderAddress', () => {
	it('copies address, recipient, phone and postal code, and says so politely', async () => {
		const writeText = vi.fn(async () => {});
		withClipboard(writeText);
		render(ProviderAddress, { provider });
		const status = screen.getByTestId('stamp-copy-status');
		expect(status.getAttribute('role')).toBe('status');
		expect(status.textContent?.trim()).toBe('');
		await fireEvent.click(screen.getByTestId('stamp-copy-address'));
		await vi.waitFor(() => expect(status.textContent?.trim()).toBe('已复制'));
		expect(writeText).toHaveBeenCalledWith('北京市海淀区中关村大街 1 号 合同组 合同管理部 010-12345678 100080');
	});

	it('selects the address for a manual copy when the clipboard is refused', async () => {
		withClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
		render(ProviderAddress, { provider });
		await fireEvent.click(screen.getByTestId('stamp-copy-address'));
		const status = screen.getByTestId('stamp-copy-status');
		await vi.waitFor(() => expect(status.dataset.state).toBe('failed'));
		expect(status.textContent).toContain('地址已选中');
		const selected = window.getSelection()?.toString() ?? '';
		expect(selected).toContain('北京市海淀区中关村大街 1 号 合同组');
		expect(selected).toContain('100080');
	});

	it('selects it too where there is no clipboard API at all (an insecure origin)', async () => {
		render(ProviderAddress, { provider });
		await fireEvent.click(screen.getByTestId('stamp-copy-address'));
		await vi.waitFor(() => expect(screen.getByTestId('stamp-copy-status').dataset.state).toBe('failed'));
		expect(window.getSelection()?.toString()).toContain('合同管理部');
	});
});
