// Phone numbers as people type them, normalised before the shared schema validates them (device and server alike).
import { describe, expect, it } from 'vitest';
import { chinaPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
	it.each([
		['138 1234 5678', '13812345678'],
		['138-1234-5678', '13812345678'],
		['+86 138 1234 5678', '13812345678'],
		['+8613812345678', '13812345678'],
		['0086 138 1234 5678', '13812345678'],
		['１３８１２３４５６７８', '13812345678'],
		['(0755) 8601 3388', '0755-86013388'],
		['+86 755 8601 3388', '0755-86013388'],
		['+86 10 6552 9988', '010-65529988'],
		['021 6888 8888 转 123', '021-68888888-123']
	])('%s → %s', (typed, stored) => {
		expect(normalizePhone(typed)).toBe(stored);
		expect(chinaPhone.parse(typed)).toBe(stored);
	});

	it('leaves numbers that were already valid exactly as they were (their contracts are fingerprinted)', () => {
		for (const v of ['13812345678', '0755-86013388', '0755 86013388', '010-12345678-123'])
			expect(normalizePhone(v)).toBe(v);
	});

	it('still refuses what is no phone number', () => {
		for (const v of ['0755', '12345678901', '+1 415 555 0100', '138 1234 567', 'abc 138 1234 5678'])
			expect(chinaPhone.safeParse(v).success, v).toBe(false);
	});
});
