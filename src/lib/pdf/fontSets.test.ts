// Font sets: today's set is the one the service worker precaches, and every version has one (2026.4 and 2026.5 share 2026.3's).
import { describe, expect, it } from 'vitest';
import { CURRENT_TEMPLATE_VERSION, TEMPLATE_VERSIONS } from '../domain/templateVersions';
import { CURRENT_FONT_SET, currentFontUrls } from './fontFiles';
import { FONT_SET_OF, FONT_SETS, fontFiles, fontSetOf } from './fontSets';

describe('font sets', () => {
	it('today every kind renders with the set the service worker precaches', () => {
		for (const version of Object.values(CURRENT_TEMPLATE_VERSION)) expect(fontSetOf(version)).toBe(CURRENT_FONT_SET);
		expect(currentFontUrls()).toEqual({
			precache: ['/fonts/contract-serif-regular-2026.3.core', '/fonts/contract-serif-bold-2026.3.ttf'],
			deferred: ['/fonts/contract-serif-regular-2026.3.rest']
		});
	});

	it('every released version has a set, and the build writes every file of every set', () => {
		expect(Object.keys(FONT_SET_OF).sort()).toEqual(Object.keys(TEMPLATE_VERSIONS).sort());
		// 2026.4 changed words of the regular text only, 2026.5 how lines are set and characters the set has: no new
		// set, no new file.
		expect(Object.keys(FONT_SETS)).toEqual(['serif-2026.1', 'serif-2026.2', 'serif-2026.3']);
		for (const kind of ['FA', 'FL', 'OR'])
			for (const v of ['2026.4', '2026.5']) expect(fontSetOf(`CD-${kind}-${v}`)).toBe('serif-2026.3');
		expect(fontFiles()).toEqual(
			expect.arrayContaining([
				'contract-serif-regular.ttf',
				'contract-serif-regular-2026.3.core',
				'contract-serif-regular-2026.3.rest',
				'contract-serif-bold-2026.3.ttf'
			])
		);
	});
});
