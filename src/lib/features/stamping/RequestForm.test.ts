// @vitest-environment jsdom
// The return-address form: limits shown and never cut, the font check at once, errors on leaving a field, and the
// error summary read out once per submit attempt.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetDb, getDb } from '../../db/database';
import { i18n } from '../../i18n/index.svelte';
import RequestForm from './RequestForm.svelte';

const contractId = '5f0c7d2e-8a41-4b6f-9c3d-1e2f3a4b5c6d';
beforeEach(async () => {
	await getDb().delete();
	forgetDb();
	i18n.locale = 'zh-CN';
});
afterEach(() => {
	cleanup();
	getDb().close();
});

const field = (id: string) => document.getElementById(`stamp-${id}`) as HTMLInputElement & HTMLSelectElement;
const type = (id: string, value: string) => fireEvent.input(field(id), { target: { value } });

async function form() {
	render(RequestForm, { contractId, provider: null, onsubmitted: () => {} });
	await screen.findByTestId('stamp-form');
}

describe('RequestForm', () => {
	it('keeps a pasted 5,000-character address whole and says the limit and the count beside it', async () => {
		await form();
		expect(field('address').hasAttribute('maxlength')).toBe(false);
		expect(screen.getByTestId('stamp-limit-address').textContent?.trim()).toBe('最多 120 字');
		await type('address', '科'.repeat(5000));
		expect(field('address').value).toHaveLength(5000);
		expect(field('address').getAttribute('aria-invalid')).toBe('true');
		const error = screen.getByTestId('stamp-error-address');
		expect(error.textContent?.trim()).toBe('最多 120 字，现有 5000 字，请删去 4880 字。内容不会被自动截断。');
		expect(field('address').getAttribute('aria-describedby')).toBe(
			'stamp-address-hint stamp-address-limit stamp-address-error'
		);
	});

	it('no field of the form cuts what is typed', async () => {
		await form();
		for (const id of ['recipient', 'phone', 'address', 'postalCode', 'courier', 'trackingNumber'])
			expect(field(id).hasAttribute('maxlength'), id).toBe(false);
		await type('postalCode', '518 057');
		expect(field('postalCode').value).toBe('518 057');
	});

	it('refuses an emoji in 收件人 at once; a wrong phone only when the field is left', async () => {
		await form();
		await type('recipient', '王珺🎉');
		expect(screen.getByTestId('stamp-error-recipient').textContent?.trim()).toBe(
			'合同字体中没有「🎉」，无法打印。请删去或换一种写法。'
		);
		await type('phone', '0755');
		expect(screen.queryByTestId('stamp-error-phone')).toBeNull();
		await fireEvent.blur(field('phone'));
		expect(screen.getByTestId('stamp-error-phone').textContent).toContain('手机号');
	});

	it('announces the error summary once per submit attempt, not on each correction', async () => {
		await form();
		const announced = () => screen.getByTestId('stamp-fix-errors-announced').textContent?.trim() ?? '';
		await fireEvent.click(screen.getByTestId('stamp-submit'));
		await waitFor(() => expect(announced()).toBe('请先修正标出的 7 处问题。'));
		expect(screen.getByTestId('stamp-fix-errors').getAttribute('role')).toBeNull();
		// Corrections update the visible count; the alert stays as it was.
		await type('recipient', '王珺');
		await type('phone', '13800138000');
		await tick();
		expect(screen.getByTestId('stamp-fix-errors').textContent?.trim()).toBe('请先修正标出的 5 处问题。');
		expect(announced()).toBe('请先修正标出的 7 处问题。');
		// The next attempt is read out again, with the count as it is then.
		await fireEvent.click(screen.getByTestId('stamp-submit'));
		await waitFor(() => expect(announced()).toBe('请先修正标出的 5 处问题。'));
	});

	it('refuses a paste longer than any address beside the box, and reads none of it', async () => {
		await form();
		expect(screen.getByTestId('paste-limit').textContent?.trim()).toBe('最多 500 字');
		await fireEvent.input(screen.getByTestId('paste-input'), {
			target: { value: `张三 13800138000 ${'科'.repeat(600)}` }
		});
		expect(screen.getByTestId('paste-error').textContent).toContain('最多 500 字');
		expect((screen.getByTestId('paste-fill') as HTMLButtonElement).disabled).toBe(true);
		expect(screen.getByTestId('paste-input').getAttribute('aria-invalid')).toBe('true');
	});
});
