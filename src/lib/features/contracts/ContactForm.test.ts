// @vitest-environment jsdom
// The contact form validates with the shared schema as the user types, in the user's language, accessibly.
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.svelte';
import ContactForm from './ContactForm.svelte';
import { EMPTY_CONTACT } from './fields';

afterEach(() => {
	cleanup();
	i18n.locale = 'zh-CN';
});

describe('ContactForm', () => {
	it('shows a field error after typing, tied to the field with aria-describedby', async () => {
		i18n.locale = 'zh-CN';
		render(ContactForm, { contact: { ...EMPTY_CONTACT } });
		const phone = screen.getByLabelText('联系电话（手机或座机）') as HTMLInputElement;
		expect(phone.getAttribute('aria-invalid')).toBeNull();
		await fireEvent.input(phone, { target: { value: '12345' } });
		expect(phone.getAttribute('aria-invalid')).toBe('true');
		const error = document.getElementById('contact-phone-error');
		expect(error?.textContent).toContain('请输入手机号或带区号的座机号');
		expect(phone.getAttribute('aria-describedby')).toContain('contact-phone-error');
		await fireEvent.input(phone, { target: { value: '0755-12345678' } });
		expect(phone.getAttribute('aria-invalid')).toBeNull();
		expect(document.getElementById('contact-phone-error')).toBeNull();
	});

	it('shows every error in English when asked to, without touching the fields', () => {
		i18n.locale = 'en';
		render(ContactForm, { contact: { ...EMPTY_CONTACT, email: 'not-an-email' }, showAll: true });
		expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
		expect(document.getElementById('contact-email-error')?.textContent).toBe('Enter a valid e-mail address');
		expect(document.getElementById('contact-person-error')?.textContent).toBe('Required');
	});

	it('accepts a name with characters outside GB2312', () => {
		render(ContactForm, {
			contact: { person: '王喆', phone: '13800138000', email: 'a@b.cn', mailingAddress: '深圳' },
			showAll: true
		});
		expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
	});
});
