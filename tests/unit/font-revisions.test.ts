// Font files are cached by content: template 2026.4 on 2026.3's font set (and any refactoring) has devices download no font again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_DIR, fontRevision, fontRevisions, REVISIONS_FILE } from '../../scripts/build-font';
import { CURRENT_TEMPLATE_VERSION } from '../../src/lib/domain/templateVersions';
import { currentFontUrls } from '../../src/lib/pdf/fontFiles';
import { fontFiles, fontSetOf } from '../../src/lib/pdf/fontSets';
import { deferredEntries, precacheEntries } from '../../src/lib/pwa/precache';

/** What the service worker of the 2026.3 release cached its fonts under (the font build's stamp of that release). */
const RELEASED_2026_3 = 'f0729a845211690b9088f5c02d33d28d27bd0dd8952b3b7c6080076b2e4479f6';

describe('font revisions', () => {
	it("today's fonts are precached and fetched under the very URLs and revisions a device of the 2026.3 release holds", () => {
		expect(Object.values(CURRENT_TEMPLATE_VERSION)).toEqual(['CD-FA-2026.4', 'CD-FL-2026.4', 'CD-OR-2026.4']);
		for (const version of Object.values(CURRENT_TEMPLATE_VERSION)) expect(fontSetOf(version)).toBe('serif-2026.3');
		const lists = {
			build: [],
			files: fontFiles().flatMap((f) => [`/fonts/${f}`, `/fonts/${f}.br`]),
			prerendered: [],
			version: 'a-later-release',
			fontRevisions: fontRevisions(),
			fonts: currentFontUrls()
		};
		const fonts = (entries: { url: string }[]) => entries.filter((e) => e.url.startsWith('/fonts/'));
		expect(fonts(precacheEntries(lists))).toEqual([
			{ url: '/fonts/contract-serif-regular-2026.3.core', revision: RELEASED_2026_3 },
			{ url: '/fonts/contract-serif-bold-2026.3.ttf', revision: RELEASED_2026_3 }
		]);
		expect(fonts(deferredEntries(lists))).toEqual([{ url: '/fonts/contract-serif-regular-2026.3.rest', revision: RELEASED_2026_3 }]);
	});

	it('a revision is the content: the same bytes keep theirs wherever they are built, one changed byte makes a new one', () => {
		const bold = new Uint8Array(readFileSync(join(FONT_DIR, 'contract-serif-bold.ttf')));
		const revision = fontRevision(bold);
		expect(revision).toMatch(/^[0-9a-f]{16}$/);
		expect(fontRevision(bold.slice())).toBe(revision);
		const changed = bold.slice();
		changed[100] = changed[100]! ^ 1;
		expect(fontRevision(changed)).not.toBe(revision);
	});

	it('the font build wrote the revisions the service worker reads', () => {
		expect(JSON.parse(readFileSync(join(FONT_DIR, REVISIONS_FILE), 'utf8'))).toEqual(fontRevisions());
	});
});
