import { describe, expect, it } from 'vitest';
import { returnAddress } from './address';
import { contactDetails, contractNumber, contractRecord } from './contract';
import { filingNumber } from './filing';
import { order } from './order';
import { chinaPhone } from './phone';
import { stampingSubmission } from './stamping';
import { outboxEntry, newOutboxEntry } from './outbox';
import { identity } from './identity';
import { formatYuan } from './money';
import { shanghaiDateTime, shanghaiIso, shanghaiMonth } from './time';
import { canonicalJson, sha256Hex } from './canonical';

const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe('phone', () => {
	it.each([
		'13800138000',
		'19912345678',
		'010-12345678',
		'0755-1234567',
		'0755 12345678',
		'021-12345678-123',
		'02112345678'
	])('accepts %s', (p) => expect(ok(chinaPhone, p)).toBe(true));
	it.each([
		'12800138000',
		'1380013800',
		'138001380000',
		'755-12345678',
		'010-123456',
		'010-12345678-1234567',
		'abc',
		''
	])('rejects %s', (p) => expect(ok(chinaPhone, p)).toBe(false));
});

describe('ICP filing number', () => {
	it.each(['粤ICP备12345678号', '京ICP备2023012345号', '沪ICP备12345678号-1', '新ICP备1234号-12'])('accepts %s', (n) =>
		expect(ok(filingNumber, n)).toBe(true)
	);
	it.each([
		'粤ICP备12345678',
		'ICP备12345678号',
		'港ICP备12345678号',
		'粤ICP备12345678号-0',
		'粤ICP证12345678号',
		'粤ICP备123号'
	])('rejects %s', (n) => expect(ok(filingNumber, n)).toBe(false));
});

describe('order', () => {
	const base = {
		id: '2026112600000001',
		product: '云服务器',
		spec: '2核4G',
		billingMode: 'prepaid',
		amountFen: 9900,
		currency: 'CNY',
		paidAt: '2026-11-26T10:00:00+08:00',
		status: 'paid',
		updatedAt: '2026-11-26T10:00:00+08:00'
	};
	it('accepts integer fen', () => expect(ok(order, base)).toBe(true));
	it.each([[99.5], [-1], ['9900'], [Number.MAX_SAFE_INTEGER + 1]])('rejects amount %s', (amountFen) =>
		expect(ok(order, { ...base, amountFen })).toBe(false)
	);
	it('rejects another currency', () => expect(ok(order, { ...base, currency: 'USD' })).toBe(false));
});

describe('return address', () => {
	const base = {
		recipient: '李玥',
		phone: '13800138000',
		province: '广东省',
		city: '深圳市',
		district: '南山区',
		address: '科技园科苑路 8 号',
		postalCode: '518057'
	};
	it('accepts an address on the official division tree', () => expect(ok(returnAddress, base)).toBe(true));
	it('accepts a landline with extension', () =>
		expect(ok(returnAddress, { ...base, phone: '0755-86013388-801' })).toBe(true));
	it.each([
		[{ district: '朝阳区' }, 'district'],
		[{ city: '广州市' }, 'district'],
		[{ postalCode: '51805' }, 'postalCode'],
		[{ recipient: '  ' }, 'recipient'],
		[{ phone: '12345' }, 'phone'],
		[{ address: 'x'.repeat(121) }, 'address'],
		[{ address: '科技园\u0007' }, 'address']
	])('rejects %o at %s', (patch, field) => {
		const r = returnAddress.safeParse({ ...base, ...patch });
		expect(r.success).toBe(false);
		expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(field);
	});
	it('carries an optional outbound shipment in a stamping submission', () => {
		expect(
			ok(stampingSubmission, { returnAddress: base, outbound: { courier: '顺丰速运', trackingNumber: 'SF1234567890' } })
		).toBe(true);
		expect(
			ok(stampingSubmission, { returnAddress: base, outbound: { courier: '顺丰速运', trackingNumber: '12' } })
		).toBe(false);
	});
});

describe('contact details', () => {
	it('validates each field with a message key', () => {
		const r = contactDetails.safeParse({ person: '', phone: '123', email: 'not-mail', mailingAddress: '深圳' });
		expect(r.success).toBe(false);
		const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(byField).toEqual({ person: 'required', phone: 'phoneFormat', email: 'email' });
	});
});

describe('identity', () => {
	it('is a union over verification status', () => {
		expect(ok(identity, { status: 'unverified', accountId: 'a1', accountName: '某某' })).toBe(true);
		expect(ok(identity, { status: 'verified', accountId: 'a1', accountName: '某某' })).toBe(false);
	});
});

describe('contract record', () => {
	const id = '5f0c3b5e-8f64-4a9b-9a57-3d1c2b7e9f10';
	const createdAt = '2026-11-25T17:30:00Z';
	const base = {
		id,
		number: contractNumber(id, createdAt, 'CD-FA-2026.1'),
		templateVersion: 'CD-FA-2026.1',
		createdAt,
		partyA: {
			name: '深圳市喆堃科技有限公司',
			creditCode: '91350100M000100Y43',
			legalRepresentative: '张喆',
			registeredAddress: '深圳市南山区'
		},
		partyB: { name: '云栈科技有限公司', creditCode: '91110000600037341L', registeredAddress: '北京市海淀区' },
		contact: { person: '王珺', phone: '13800138000', email: 'wang@example.com', mailingAddress: '深圳市南山区' }
	};
	const line = (n: number, amountFen: number) => ({
		id: `20261126${String(n).padStart(8, '0')}`,
		product: '云服务器',
		spec: '2核4G',
		billingMode: 'prepaid',
		amountFen,
		paidAt: createdAt
	});

	it('numbers contracts by their Shanghai date', () => expect(base.number).toBe('HT-20261126-5F0C3B5E'));
	it('accepts each kind and discriminates on kind', () => {
		expect(ok(contractRecord, { kind: 'framework', ...base })).toBe(true);
		expect(ok(contractRecord, { kind: 'order', ...base, orders: [line(1, 100), line(2, 250)], totalFen: 350 })).toBe(
			true
		);
		expect(ok(contractRecord, { kind: 'filing', ...base })).toBe(false);
	});
	it('refuses a total that is not the sum, duplicate orders and more than 1,000 orders', () => {
		expect(ok(contractRecord, { kind: 'order', ...base, orders: [line(1, 100)], totalFen: 101 })).toBe(false);
		expect(ok(contractRecord, { kind: 'order', ...base, orders: [line(1, 100), line(1, 100)], totalFen: 200 })).toBe(
			false
		);
		const many = Array.from({ length: 1001 }, (_, i) => line(i, 1));
		expect(ok(contractRecord, { kind: 'order', ...base, orders: many, totalFen: 1001 })).toBe(false);
		expect(ok(contractRecord, { kind: 'order', ...base, orders: many.slice(0, 1000), totalFen: 1000 })).toBe(true);
	});
});

describe('outbox entry', () => {
	it('makes pending rows with a UUID key', () => {
		const row = newOutboxEntry('registerContract', 'c1', { contractId: 'c1' }, 1000);
		expect(ok(outboxEntry, row)).toBe(true);
		expect(row).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: 1000 });
		expect(ok(outboxEntry, { ...row, status: 'lost' })).toBe(false);
	});
});

describe('money and time', () => {
	it.each([
		[0, '0.00'],
		[5, '0.05'],
		[123456, '1,234.56'],
		[100000000, '1,000,000.00'],
		[-250, '-2.50']
	])('%i fen → %s', (f, s) => expect(formatYuan(f)).toBe(s));
	it('refuses non-integer fen', () => expect(() => formatYuan(1.5)).toThrow());
	it('shows times in Asia/Shanghai', () => {
		expect(shanghaiDateTime('2026-01-31T17:00:00Z')).toBe('2026-02-01 01:00');
		expect(shanghaiMonth('2026-01-31T15:59:59Z')).toBe('2026-01');
		expect(shanghaiIso(new Date('2026-12-31T16:30:00.250Z'))).toBe('2027-01-01T00:30:00.250+08:00');
		expect(Date.parse(shanghaiIso(new Date(1_790_000_000_123)))).toBe(1_790_000_000_123);
	});
});

describe('canonical JSON', () => {
	it('is independent of key order and hashes stably', async () => {
		expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
		expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});
});
