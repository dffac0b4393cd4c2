// Search normalisation, suffix keys and highlighting, as people type numbers read off paper.
import { describe, expect, it } from 'vitest';
import { containsSearch, highlightSegments, normalizeSearch, searchPartsOf } from './search';

describe('normalizeSearch', () => {
	it('ignores case, hyphens, spaces and full-width forms', () => {
		expect(normalizeSearch('HT-20261202-51BFE982')).toBe('ht2026120251bfe982');
		expect(normalizeSearch(' 2026 1202 - 51bfe982 ')).toBe('2026120251bfe982');
		expect(normalizeSearch('２０２６１２０２－５１ＢＦＥ９８２')).toBe('2026120251bfe982');
	});
	it('keeps Chinese characters of filing numbers', () =>
		expect(normalizeSearch('粤ICP备12345678号-1')).toBe('粤icp备12345678号1'));
});

describe('searchPartsOf', () => {
	it('makes every part of at least four characters the prefix of one key', () => {
		const parts = searchPartsOf(['ht-20261202-51bfe982']);
		const number = 'ht2026120251bfe982';
		for (let start = 0; start < number.length; start++) {
			for (let end = start + 4; end <= number.length; end++) {
				const part = number.slice(start, end);
				expect(
					parts.some((p) => p.startsWith(part)),
					part
				).toBe(true);
			}
		}
		expect(parts).toHaveLength(number.length - 3);
		// Nothing shorter than four characters becomes a key of its own.
		expect(parts.every((p) => p.length >= 4)).toBe(true);
	});
	it('keeps a short key whole and drops duplicates', () => {
		expect(searchPartsOf(['ab-1', 'AB1'])).toEqual(['ab1']);
		expect(searchPartsOf(['abcd', 'xabcd'])).toEqual(['abcd', 'xabcd']);
	});
	it('never cuts a character outside the BMP in half', () => {
		const parts = searchPartsOf(['𬘭𬘭1234']);
		expect(parts).toContain('𬘭1234');
		expect(parts.every((p) => p.isWellFormed())).toBe(true);
	});
});

describe('highlightSegments', () => {
	it('marks a tail typed without the hyphens the number shows', () => {
		expect(highlightSegments('HT-20261202-51BFE982', '20261202-51bfe9')).toEqual([
			{ text: 'HT-', match: false },
			{ text: '20261202-51BFE9', match: true },
			{ text: '82', match: false }
		]);
		expect(highlightSegments('HT-20261202-51BFE982', '1202 51bf')).toEqual([
			{ text: 'HT-2026', match: false },
			{ text: '1202-51BF', match: true },
			{ text: 'E982', match: false }
		]);
	});
	it('marks the end of a value', () => {
		expect(highlightSegments('粤ICP备12345678号', '5678号')).toEqual([
			{ text: '粤ICP备1234', match: false },
			{ text: '5678号', match: true }
		]);
	});
	it('leaves a value without the part unmarked', () => {
		expect(highlightSegments('HT-20261202-51BFE982', 'ffff')).toEqual([{ text: 'HT-20261202-51BFE982', match: false }]);
		expect(highlightSegments('HT-1', '')).toEqual([{ text: 'HT-1', match: false }]);
	});
	it('tells whether a value contains the part', () => {
		expect(containsSearch('HT-20261202-51BFE982', 'bfe982')).toBe(true);
		expect(containsSearch('HT-20261202-51BFE982', 'bfe983')).toBe(false);
	});
});
