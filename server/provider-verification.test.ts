// PROVIDER_VERIFICATION_URL: the provider's real-name verification page, configured once and synced to every device with the provider's details.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROVIDER, loadConfig } from './config';
import { DEMO_CODES } from './seed';
import { auth, makeEnv, signIn, type TestEnv } from '../tests/support/server/app';

let env: TestEnv | undefined;
afterEach(async () => {
	await env?.cleanup();
	env = undefined;
});

describe('PROVIDER_VERIFICATION_URL', () => {
	it('defaults to the demo provider’s page, takes the configured one, and refuses what is not an http(s) URL', () => {
		const base = { DATA_DIR: '/nonexistent-never-written', ADMIN_TOKEN: 'x'.repeat(16) };
		expect(loadConfig(base).provider.verificationUrl).toBe(DEFAULT_PROVIDER.verificationUrl);
		const url = 'https://console.example.cn/account/real-name?from=contracts';
		expect(loadConfig({ ...base, PROVIDER_VERIFICATION_URL: url }).provider.verificationUrl).toBe(url);
		for (const bad of ['javascript:alert(1)', '/account/verify', 'ftp://example.cn/x'])
			expect(() => loadConfig({ ...base, PROVIDER_VERIFICATION_URL: bad })).toThrow(/verificationUrl/);
	});

	it('reaches the unverified account’s device with the provider’s details on its pull', async () => {
		const url = 'https://console.example.cn/account/real-name';
		env = await makeEnv({ env: { PROVIDER_VERIFICATION_URL: url } });
		const token = await signIn(env.app, DEMO_CODES.unverified);
		const res = await env.app.request('/api/v1/changes', { headers: auth(token) });
		expect(res.status).toBe(200);
		const body = (await res.json()) as { provider: { verificationUrl?: string } };
		expect(body.provider.verificationUrl).toBe(url);
	});
});
