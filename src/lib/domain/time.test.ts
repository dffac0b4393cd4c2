import { describe, expect, it } from 'vitest';
import { shanghaiDateTime, shanghaiShortDateTime } from './time';

describe('shanghaiShortDateTime', () => {
	const now = '2026-12-02T06:30:00Z'; // 14:30 in Shanghai
	it('gives the time alone for a moment of the same Shanghai day', () => {
		expect(shanghaiShortDateTime('2026-12-02T01:05:00Z', now)).toBe('09:05');
		// 23:59 UTC on the 1st is already 07:59 on the 2nd in Shanghai.
		expect(shanghaiShortDateTime('2026-12-01T23:59:00Z', now)).toBe('07:59');
	});
	it('adds month and day for another day of the year, the year only for another year', () => {
		expect(shanghaiShortDateTime('2026-12-01T15:59:00Z', now)).toBe('12-01 23:59');
		expect(shanghaiShortDateTime('2025-12-30T06:05:00Z', now)).toBe(shanghaiDateTime('2025-12-30T06:05:00Z'));
		expect(shanghaiShortDateTime('2025-12-30T06:05:00Z', now)).toBe('2025-12-30 14:05');
	});
});
