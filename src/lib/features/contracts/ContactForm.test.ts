// @vitest-environment jsdom
// The contact form checks with the shared schema when a field is left, in the user's language, accessibly.
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
	it('shows a field error when the field is left, tied to it with aria-describedby, and follows the typing', async () => {
		i18n.locale = 'zh-CN';
		render(ContactForm, { contact: { ...EMPTY_CONTACT } });
		const phone = screen.getByLabelText('联系电话（手机或座机）') as HTMLInputElement;
		expect(phone.getAttribute('aria-invalid')).toBeNull();
		await fireEvent.input(phone, { target: { value: '12345' } });
		// Not while the number is still being typed.
		expect(phone.getAttribute('aria-invalid')).toBeNull();
		await fireEvent.blur(phone);
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

	it('refuses an emoji in 联系人 at once, next to the field, naming the character', async () => {
		i18n.locale = 'zh-CN';
		render(ContactForm, { contact: { ...EMPTY_CONTACT } });
		const person = screen.getByLabelText('联系人') as HTMLInputElement;
		await fireEvent.input(person, { target: { value: '张三😀' } });
		expect(person.getAttribute('aria-invalid')).toBe('true');
		expect(person.getAttribute('aria-describedby')).toContain('contact-person-error');
		expect(document.getElementById('contact-person-error')?.textContent?.trim()).toBe(
			'合同字体中没有「😀」，无法打印。请删去或换一种写法。'
		);
		await fireEvent.input(person, { target: { value: '张三' } });
		expect(person.getAttribute('aria-invalid')).toBeNull();
	});

	it('shows each limit, counts as the schema does, and says how much is over without cutting it', async () => {
		i18n.locale = 'zh-CN';
		render(ContactForm, { contact: { ...EMPTY_CONTACT } });
		const address = screen.getByLabelText('通讯地址') as HTMLTextAreaElement;
		expect(document.getElementById('contact-mailingAddress-limit')?.textContent?.trim()).toBe('最多 200 字');
		expect(address.getAttribute('aria-describedby')).toContain('contact-mailingAddress-limit');
		expect(address.hasAttribute('maxlength')).toBe(false);
		const long = '深'.repeat(5000);
		await fireEvent.input(address, { target: { value: long } });
		expect(address.value).toHaveLength(5000);
		expect(document.getElementById('contact-mailingAddress-error')?.textContent?.trim()).toBe(
			'最多 200 字，现有 5000 字，请删去 4800 字。内容不会被自动截断。'
		);
		expect(document.getElementById('contact-mailingAddress-limit')?.textContent?.trim()).toBe(
			'已输入 5000 字，最多 200 字'
		);
		expect(document.getElementById('contact-person-limit')?.textContent?.trim()).toBe('最多 30 字');
	});

	it('says the limit in English too', async () => {
		i18n.locale = 'en';
		render(ContactForm, { contact: { ...EMPTY_CONTACT, person: 'A'.repeat(31) } });
		expect(document.getElementById('contact-person-error')?.textContent?.trim()).toBe(
			'Up to 30 characters; this has 31. Please remove 1: nothing is cut off for you.'
		);
	});

	it('accepts a name with characters outside GB2312', () => {
		render(ContactForm, {
			contact: { person: '王喆', phone: '13800138000', email: 'a@b.cn', mailingAddress: '深圳' },
			showAll: true
		});
		expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
	});
});
