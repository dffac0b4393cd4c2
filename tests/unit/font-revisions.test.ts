// Font files are cached by content: templates 2026.4 and 2026.5 on 2026.3's font set (and any refactoring) have devices download no font again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_DIR, fontRevision, fontRevisions, REVISIONS_FILE } from '../../scripts/build-font';
import { CURRENT_TEMPLATE_VERSION } from '../../src/lib/domain/templateVersions';
import { currentFontUrls } from '../../src/lib/pdf/fontFiles';
import { fontFiles, fontSetOf } from '../../src/lib/pdf/fontSets';
import { deferredEntries, precacheEntries, revalidateFonts } from '../../src/lib/pwa/precache';

/** A font file's revision as anyone can compute it from the served bytes. */
const contentRevision = (file: string) =>
	createHash('sha256')
		.update(readFileSync(join(FONT_DIR, file)))
		.digest('hex')
		.slice(0, 16);

describe('font revisions', () => {
	it("today's fonts are 2026.3's files, precached and fetched under their content's revision, whatever the release", () => {
		expect(Object.values(CURRENT_TEMPLATE_VERSION)).toEqual(['CD-FA-2026.5', 'CD-FL-2026.5', 'CD-OR-2026.5']);
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
			{
				url: '/fonts/contract-serif-regular-2026.3.core',
				revision: contentRevision('contract-serif-regular-2026.3.core')
			},
			{ url: '/fonts/contract-serif-bold-2026.3.ttf', revision: contentRevision('contract-serif-bold-2026.3.ttf') }
		]);
		expect(fonts(deferredEntries(lists))).toEqual([
			{
				url: '/fonts/contract-serif-regular-2026.3.rest',
				revision: contentRevision('contract-serif-regular-2026.3.rest')
			}
		]);
		// The next release (another app version) caches the same fonts under the same revisions: nothing to download.
		expect(fonts(precacheEntries({ ...lists, version: 'the-release-after' }))).toEqual(fonts(precacheEntries(lists)));
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

	it('the precacher revalidates a font against the HTTP cache (one download with the render worker), other files as Workbox asks', async () => {
		const font = await revalidateFonts.requestWillFetch({
			request: new Request('https://desk.test/fonts/contract-serif-regular-2026.3.core', { cache: 'reload' })
		});
		expect(font.cache).toBe('no-cache');
		expect(font.url).toBe('https://desk.test/fonts/contract-serif-regular-2026.3.core');
		const page = new Request('https://desk.test/200.html', { cache: 'reload' });
		expect(await revalidateFonts.requestWillFetch({ request: page })).toBe(page);
	});
});
