// The seeded demo data and the default configuration must satisfy the shared schemas.
import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../src/lib/domain/creditCode';
import { filing } from '../src/lib/domain/filing';
import { identity, verifiedIdentity } from '../src/lib/domain/identity';
import { order } from '../src/lib/domain/order';
import { provider } from '../src/lib/domain/provider';
import { DEFAULT_PROVIDER, loadConfig } from './config';
import { verifyDetails } from './routes/admin';
import {
	DEFAULT_VERIFICATION,
	DEMO_ACCOUNT_ID,
	DEMO_IDENTITY,
	demoOrders,
	demoSeed,
	DEMO_UNVERIFIED_ACCOUNT_ID
} from './seed';

const NOW = Date.parse('2026-06-15T04:00:00Z');

describe('seed data', () => {
	const seed = demoSeed(NOW);

	it('has a verified and an unverified account, both valid identities', () => {
		expect(seed.accounts.map((a) => [a.code, a.identity.status])).toEqual([
			['demo', 'verified'],
			['demo-unverified', 'unverified']
		]);
		for (const a of seed.accounts) {
			expect(identity.safeParse(a.identity).success).toBe(true);
			expect(a.identity.accountId).toBe(a.id);
		}
		expect(isValidCreditCode(DEMO_IDENTITY.creditCode)).toBe(true);
		// A character outside GB2312 in the name, so PDF font coverage is exercised.
		expect(DEMO_IDENTITY.legalName).toMatch(/[喆堃珺玥]/);
	});

	it('has 3 valid filings, one with two sites', () => {
		expect(seed.filings).toHaveLength(3);
		for (const f of seed.filings) {
			const parsed = filing.safeParse(f.filing);
			expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
			expect(f.accountId).toBe(DEMO_ACCOUNT_ID);
		}
		expect(seed.filings.map((f) => f.filing.sites.length).sort()).toEqual([1, 1, 2]);
	});

	it('has 300 valid paid orders with unique ids over the last 12 months in several products', () => {
		expect(seed.orders).toHaveLength(300);
		const ids = new Set<string>();
		for (const { order: o } of seed.orders) {
			const parsed = order.safeParse(o);
			expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
			expect(Number.isInteger(o.amountFen)).toBe(true);
			expect(o.status).toBe('paid');
			const t = Date.parse(o.paidAt);
			expect(t).toBeLessThan(NOW);
			expect(t).toBeGreaterThan(NOW - 366 * 24 * 3600 * 1000);
			ids.add(o.id);
		}
		expect(ids.size).toBe(300);
		expect(new Set(seed.orders.map((o) => o.order.product)).size).toBeGreaterThanOrEqual(5);
		const months = new Set(seed.orders.map((o) => o.order.paidAt.slice(0, 7)));
		expect(months.size).toBeGreaterThanOrEqual(12);
	});

	it('never repeats the billing mode in a spec (the app shows 「spec · 计费方式」)', () => {
		const labels = ['包年包月', '按量计费', '预付费', '后付费'];
		for (const o of demoOrders(NOW)) for (const label of labels) expect(o.spec, o.id).not.toContain(label);
		// A resource pack is bought in advance: never billed as pay-as-you-go.
		for (const o of demoOrders(NOW)) if (/包/.test(o.spec)) expect(o.billingMode, o.spec).toBe('prepaid');
	});

	it('is deterministic for the same clock', () => {
		expect(demoOrders(NOW)).toEqual(demoOrders(NOW));
		expect(demoOrders(NOW)[0]).not.toEqual(demoOrders(NOW, 300, 1)[0]);
		expect(seed.orders.every((o) => o.accountId !== DEMO_UNVERIFIED_ACCOUNT_ID)).toBe(true);
	});

	it('default verification and provider are valid', () => {
		expect(verifyDetails.safeParse(DEFAULT_VERIFICATION).success).toBe(true);
		expect(
			verifiedIdentity.safeParse({
				status: 'verified',
				accountId: 'x',
				verifiedAt: new Date(NOW).toISOString(),
				...DEFAULT_VERIFICATION
			}).success
		).toBe(true);
		expect(provider.safeParse(DEFAULT_PROVIDER).success).toBe(true);
	});
});

describe('config', () => {
	it('reads defaults and provider overrides', () => {
		const cfg = loadConfig({ PROVIDER_NAME: '示例云计算有限公司', PORT: '9000', ADMIN_TOKEN: 'x'.repeat(20) });
		expect(cfg.port).toBe(9000);
		expect(cfg.provider.name).toBe('示例云计算有限公司');
		expect(cfg.provider.creditCode).toBe(DEFAULT_PROVIDER.creditCode);
		expect(cfg).toMatchObject({ adminToken: 'x'.repeat(20), adminTokenFile: null, seedDemo: true, production: false });
	});

	it('refuses an invalid provider credit code or phone', () => {
		const bad = DEFAULT_PROVIDER.creditCode.slice(0, 17) + (DEFAULT_PROVIDER.creditCode.endsWith('0') ? '1' : '0');
		expect(() => loadConfig({ PROVIDER_CREDIT_CODE: bad })).toThrow(/creditCode/);
		expect(() => loadConfig({ PROVIDER_MAILING_PHONE: '12345' })).toThrow(/mailingPhone/);
		expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
	});
});
