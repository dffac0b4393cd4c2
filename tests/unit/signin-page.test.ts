// @vitest-environment jsdom
// The sign-in page asks before another account's sign-in wipes unsent work, in the user's language.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../src/lib/i18n/index.svelte';

const goto = vi.fn(async () => undefined);
const startSync = vi.fn();
const signIn = vi.fn();
vi.mock('$app/navigation', () => ({ goto }));
// The page loads session, API and engine lazily through one module: that module hands it the fakes (and the real API errors).
vi.mock('#lib/features/account/signin-modules.ts', async () => {
	const api = await import('../../src/lib/sync/api');
	return { signInModules: async () => [{ signIn }, api, { startSync }] };
});

const { default: SignInPage } = await import('../../src/routes/signin/+page.svelte');

async function submitCode(code: string) {
	const input = (await screen.findByLabelText(/访问码|Access code/)) as HTMLInputElement;
	await waitFor(() => expect(input.disabled).toBe(false));
	await fireEvent.input(input, { target: { value: code } });
	await fireEvent.click(screen.getByRole('button', { name: /^(登录|Sign in)$/ }));
}

beforeEach(() => {
	goto.mockClear();
	startSync.mockClear();
	signIn.mockReset();
});
afterEach(() => {
	cleanup();
	i18n.locale = 'zh-CN';
});

describe('sign-in page, switching accounts', () => {
	it('shows what would be lost; cancel keeps everything; "sign in anyway" wipes and enters', async () => {
		i18n.locale = 'zh-CN';
		const confirm = vi.fn(async () => ({ token: 't', accountId: 'acct-2' }));
		signIn.mockResolvedValue({ kind: 'needsConfirmation', loss: { unsent: 1, contracts: 2 }, confirm });
		render(SignInPage);

		await submitCode('code-2');
		const dialog = await screen.findByRole('alertdialog');
		expect(dialog.textContent).toContain('切换账号会清除本设备上的数据');
		expect(dialog.textContent).toContain('1 项尚未发送到服务商的提交');
		expect(dialog.textContent).toContain('2 份尚未在服务商登记的合同及其 PDF 文件');
		// The safe choice has the focus.
		await waitFor(() => expect(document.activeElement?.textContent).toBe('取消'));

		await fireEvent.click(screen.getByRole('button', { name: '取消' }));
		expect(screen.queryByRole('alertdialog')).toBeNull();
		expect(confirm).not.toHaveBeenCalled();
		expect(goto).not.toHaveBeenCalled();

		await submitCode('code-2');
		await fireEvent.click(await screen.findByRole('button', { name: '仍然登录' }));
		await waitFor(() => expect(goto).toHaveBeenCalledWith('/', { replace: true }));
		expect(confirm).toHaveBeenCalledOnce();
		expect(startSync).toHaveBeenCalledOnce();
	});

	it('speaks English, listing only what exists', async () => {
		i18n.locale = 'en';
		signIn.mockResolvedValue({ kind: 'needsConfirmation', loss: { unsent: 3, contracts: 0 }, confirm: vi.fn() });
		render(SignInPage);
		await submitCode('code-2');
		const dialog = await screen.findByRole('alertdialog');
		expect(dialog.textContent).toContain('Switching accounts clears this device');
		expect(dialog.textContent).toContain('3 submissions that have not reached the provider');
		expect(dialog.textContent).not.toContain('contracts and their PDF');
		expect(screen.getByRole('button', { name: 'Sign in anyway' })).toBeTruthy();
		expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
	});

	it('the same account goes straight in', async () => {
		signIn.mockResolvedValue({ kind: 'signedIn', session: { token: 't', accountId: 'acct-1' } });
		render(SignInPage);
		await submitCode('code-1');
		await waitFor(() => expect(goto).toHaveBeenCalledWith('/', { replace: true }));
		expect(screen.queryByRole('alertdialog')).toBeNull();
	});
});

describe('sign-in page, throttled', () => {
	it('a 429 says until when (Beijing time), counts down, keeps the button off, then lets the user try again', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
		try {
			vi.setSystemTime(Date.parse('2026-06-15T04:00:00Z'));
			i18n.locale = 'zh-CN';
			const { HttpError } = await import('../../src/lib/sync/api');
			signIn.mockRejectedValue(new HttpError(429, { error: 'tooManyAttempts' }, 90_000));
			render(SignInPage);
			await submitCode('guess');
			const alert = await screen.findByText(/访问码错误次数过多/);
			expect(alert.textContent).toContain('12:01:30（北京时间）');
			expect(alert.getAttribute('role')).toBe('alert');
			expect(screen.getByTestId('signin-wait').textContent).toBe('还需等待 90 秒');
			const button = screen.getByRole('button', { name: '登录' }) as HTMLButtonElement;
			expect(button.disabled).toBe(true);

			await vi.advanceTimersByTimeAsync(30_000);
			expect(screen.getByTestId('signin-wait').textContent).toBe('还需等待 60 秒');
			await vi.advanceTimersByTimeAsync(61_000);
			expect(screen.getByRole('status').textContent).toContain('现在可以再试一次');
			expect(button.disabled).toBe(false);
		} finally {
			vi.useRealTimers();
		}
	});
});
