// PROVIDER_PAPER_INSTRUCTIONS: the provider's own words on the customer's cover sheet (copies, where to seal), configured once and pulled with the provider's details.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROVIDER, loadConfig } from './config';
import { DEMO_CODES } from './seed';
import { auth, makeEnv, signIn, type TestEnv } from '../tests/support/server/app';

let env: TestEnv | undefined;
afterEach(async () => {
	await env?.cleanup();
	env = undefined;
});

const base = { DATA_DIR: '/nonexistent-never-written', ADMIN_TOKEN: 'x'.repeat(16) };

describe('PROVIDER_PAPER_INSTRUCTIONS', () => {
	it('defaults to the demo provider’s steps (骑缝章, 乙方 left blank), takes configured ones, refuses what is not', () => {
		const steps = DEFAULT_PROVIDER.paperInstructions!.steps.join('');
		expect(steps).toContain('骑缝章');
		expect(steps).toContain('乙方签署栏');
		expect(loadConfig(base).provider.paperInstructions).toEqual(DEFAULT_PROVIDER.paperInstructions);
		const mine = { copies: 3, steps: ['在甲方签署栏盖公章。'] };
		expect(
			loadConfig({ ...base, PROVIDER_PAPER_INSTRUCTIONS: JSON.stringify(mine) }).provider.paperInstructions
		).toEqual(mine);
		expect(() => loadConfig({ ...base, PROVIDER_PAPER_INSTRUCTIONS: '{copies:2' })).toThrow(/not JSON/);
		expect(() => loadConfig({ ...base, PROVIDER_PAPER_INSTRUCTIONS: '{"copies":0,"steps":[]}' })).toThrow(
			/paperInstructions/
		);
	});

	it('reaches the customer’s device with the provider’s details on a pull', async () => {
		env = await makeEnv();
		const token = await signIn(env.app, DEMO_CODES.verified);
		const res = await env.app.request('/api/v1/changes', { headers: auth(token) });
		expect(res.status).toBe(200);
		const body = (await res.json()) as { provider: { paperInstructions?: unknown } };
		expect(body.provider.paperInstructions).toEqual(DEFAULT_PROVIDER.paperInstructions);
	});
});
