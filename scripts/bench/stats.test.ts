// The bench's arithmetic: medians and percentiles as the figures in the notes are read.
import { describe, expect, it } from 'vitest';
import { median, percentile } from './stats';

describe('bench statistics', () => {
	it('takes the middle value, or the mean of the two middle ones', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});
	it('interpolates percentiles between ranks and keeps the extremes', () => {
		const values = Array.from({ length: 101 }, (_, i) => 100 - i);
		expect(percentile(values, 99)).toBe(99);
		expect(percentile(values, 0)).toBe(0);
		expect(percentile(values, 100)).toBe(100);
		expect(percentile([10, 20], 75)).toBe(17.5);
		expect(() => percentile([], 50)).toThrow();
	});
});
