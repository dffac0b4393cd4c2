// The calendar editor's lines: read back what they were written from, and a wrong line named by its number.
import { describe, expect, it } from 'vitest';
import { daysToText, textToDays } from './calendarText';

describe('calendar text', () => {
	it('round-trips days and skips blank lines', () => {
		const days = [
			{ date: '2027-01-01', name: '元旦' },
			{ date: '2027-02-06', name: '春节' }
		];
		expect(textToDays(`${daysToText(days)}\n\n`)).toEqual({ days });
	});
	it('names the first line that is not a date and a name', () => {
		expect(textToDays('2027-01-01 元旦\n2027/01/02 元旦')).toEqual({ badLine: 2 });
		expect(textToDays('2027-01-01')).toEqual({ badLine: 1 });
	});
});
