// PWA building blocks: precache list, eviction warnings, platform detection, PNG encoder, icons and manifest.
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deferredEntries, precacheEntries, FALLBACK_PAGE, NAVIGATION_DENYLIST } from '../../src/lib/pwa/precache';
import { currentFontUrls } from '../../src/lib/pdf/fontFiles';
import { evictionRisks, formatBytes } from '../../src/lib/pwa/storage';
import { detectPlatform } from '../../src/lib/pwa/install.svelte';
import { crc32, encodePng } from '../../scripts/png';
import { buildIcons, ICON_FILES, MASKABLE_SCALE, SCREENSHOT_FILES } from '../../scripts/build-icons';

/** Decodes the PNGs we write (8-bit RGBA, filter 0) back to pixels. */
function decodePng(png: Buffer): { width: number; height: number; px: (x: number, y: number) => number[] } {
	expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
	const width = png.readUInt32BE(16);
	const height = png.readUInt32BE(20);
	let offset = 8;
	const idat: Buffer[] = [];
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('latin1', offset + 4, offset + 8);
		const data = png.subarray(offset + 8, offset + 8 + length);
		expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
		if (type === 'IDAT') idat.push(data);
		offset += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(idat));
	const px = (x: number, y: number) => {
		const i = y * (width * 4 + 1) + 1 + x * 4;
		return [raw[i]!, raw[i + 1]!, raw[i + 2]!, raw[i + 3]!];
	};
	return { width, height, px };
}

describe('precache manifest', () => {
	const lists = {
		build: ['/_app/immutable/entry/start.abc.js', '/_app/immutable/chunks/jspdf.es.min.def.js', '/_app/immutable/assets/app.123.css'],
		files: ['/fonts/contract-serif-regular.ttf', '/fonts/contract-serif-regular.ttf.br', '/fonts/contract-serif-regular.ttf.gz', '/fonts/.stamp', '/icons/icon-192.png', '/manifest.webmanifest', '/screenshots/wide.png'],
		prerendered: [],
		version: '42'
	};
	const entries = precacheEntries(lists);
	const byUrl = new Map(entries.map((e) => [e.url, e.revision]));

	it('holds the app shell, the PDF code, the fonts and the fallback page', () => {
		expect(byUrl.get('/_app/immutable/chunks/jspdf.es.min.def.js')).toBeNull();
		expect(byUrl.get('/fonts/contract-serif-regular.ttf')).toBe('42');
		expect(byUrl.get(FALLBACK_PAGE)).toBe('42');
		expect(byUrl.get('/manifest.webmanifest')).toBe('42');
	});
	it('revisions the fonts by their build stamp, so a release that did not change them keeps the cached bytes', () => {
		const stamped = new Map(precacheEntries({ ...lists, fontRevision: 'f00d' }).map((e) => [e.url, e.revision]));
		expect(stamped.get('/fonts/contract-serif-regular.ttf')).toBe('f00d');
		expect(stamped.get('/manifest.webmanifest')).toBe('42');
		const nextRelease = new Map(precacheEntries({ ...lists, version: '43', fontRevision: 'f00d' }).map((e) => [e.url, e.revision]));
		expect(nextRelease.get('/fonts/contract-serif-regular.ttf')).toBe('f00d');
		expect(nextRelease.get('/manifest.webmanifest')).toBe('43');
	});
	it('leaves out dotfiles and install screenshots', () => {
		expect(byUrl.has('/fonts/.stamp')).toBe(false);
		expect(byUrl.has('/fonts/contract-serif-regular.ttf.br')).toBe(false);
		expect(byUrl.has('/fonts/contract-serif-regular.ttf.gz')).toBe(false);
		expect(byUrl.has('/screenshots/wide.png')).toBe(false);
	});
	it('precaches only today\'s font core and bold face; the rest and pdf.js\'s worker come right after; older fonts never', () => {
		const fonts = currentFontUrls();
		const today = {
			...lists,
			build: [...lists.build, '/_app/immutable/assets/pdf.worker.min.FHbmGBN0.mjs'],
			files: [
				'/fonts/contract-serif-regular.ttf',
				'/fonts/contract-serif-bold-2026.2.ttf',
				'/fonts/contract-serif-regular-2026.3.core',
				'/fonts/contract-serif-regular-2026.3.core.br',
				'/fonts/contract-serif-regular-2026.3.rest',
				'/fonts/contract-serif-bold-2026.3.ttf',
				'/manifest.webmanifest'
			],
			fontRevision: 'f00d',
			fonts
		};
		const first = precacheEntries(today).map((e) => e.url);
		const later = deferredEntries(today);
		expect(first).toEqual(expect.arrayContaining(['/fonts/contract-serif-regular-2026.3.core', '/fonts/contract-serif-bold-2026.3.ttf', '/manifest.webmanifest']));
		for (const url of ['/fonts/contract-serif-regular-2026.3.rest', '/_app/immutable/assets/pdf.worker.min.FHbmGBN0.mjs', '/fonts/contract-serif-regular.ttf', '/fonts/contract-serif-bold-2026.2.ttf']) {
			expect(first, url).not.toContain(url);
		}
		expect(later).toEqual([
			{ url: '/_app/immutable/assets/pdf.worker.min.FHbmGBN0.mjs', revision: null },
			{ url: '/fonts/contract-serif-regular-2026.3.rest', revision: 'f00d' }
		]);
	});
	it('never sends an API navigation to the fallback page', () => {
		expect(NAVIGATION_DENYLIST.some((r) => r.test('/api/v1/changes'))).toBe(true);
		expect(NAVIGATION_DENYLIST.some((r) => r.test('/contracts/1'))).toBe(false);
	});
});

describe('storage health', () => {
	const ok = { persisted: true, usage: 10, quota: 1000, lastBackupAt: '2026-11-26T00:00:00Z' };
	it('is calm when persisted and backed up', () => {
		expect(evictionRisks(ok, { ios: false, standalone: false })).toEqual([]);
	});
	it('warns on Safari outside the home screen, without persistence, near the quota and without backup', () => {
		expect(evictionRisks({ ...ok, persisted: false, usage: 900, lastBackupAt: null }, { ios: true, standalone: false })).toEqual([
			'safariNotInstalled',
			'notPersisted',
			'lowQuota',
			'noBackup'
		]);
		expect(evictionRisks({ ...ok, persisted: null }, { ios: true, standalone: true })).toEqual(['noStorageManager']);
	});
	it('formats sizes', () => {
		expect(formatBytes(512)).toBe('512 B');
		expect(formatBytes(1536)).toBe('1.5 KB');
		expect(formatBytes(10 * 1024 * 1024)).toBe('10.0 MB');
	});
});

describe('platform', () => {
	it('recognises iPhone, iPadOS (a Mac with touch) and the installed app', () => {
		expect(detectPlatform({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' }, false)).toEqual({ ios: true, standalone: false });
		expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Macintosh)', platform: 'MacIntel', maxTouchPoints: 5 }, false).ios).toBe(true);
		expect(detectPlatform({ userAgent: 'Mozilla/5.0 (Macintosh)', platform: 'MacIntel', maxTouchPoints: 0 }, false).ios).toBe(false);
		expect(detectPlatform({ userAgent: 'iPhone', standalone: true }, false).standalone).toBe(true);
		expect(detectPlatform({ userAgent: 'Android' }, true)).toEqual({ ios: false, standalone: true });
	});
});

describe('PNG encoder and icons', () => {
	it('computes the standard CRC-32', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});
	it('round-trips pixels', () => {
		const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
		const png = decodePng(encodePng(2, 2, rgba));
		expect(png.px(0, 0)).toEqual([255, 0, 0, 255]);
		expect(png.px(1, 1)).toEqual([1, 2, 3, 4]);
	});

	const dir = mkdtempSync(join(tmpdir(), 'icons-'));
	buildIcons(dir);

	it('writes every icon at its size; regular icons have transparent corners, maskable ones bleed', () => {
		for (const icon of ICON_FILES) {
			const png = decodePng(readFileSync(join(dir, icon.file)));
			expect([png.width, png.height]).toEqual([icon.size, icon.size]);
			const corner = png.px(0, 0);
			if (icon.file.includes('maskable')) expect(corner).toEqual([0x1f, 0x4e, 0x8c, 255]);
			else expect(corner[3]).toBe(0);
		}
	});
	it('keeps the maskable artwork inside the 40 % safe circle', () => {
		const size = 512;
		const png = decodePng(readFileSync(join(dir, 'icons/maskable-512.png')));
		for (let y = 0; y < size; y += 2) {
			for (let x = 0; x < size; x += 2) {
				const r = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) / size;
				if (r > 0.4) expect(png.px(x, y), `${x},${y}`).toEqual([0x1f, 0x4e, 0x8c, 255]);
			}
		}
		expect(MASKABLE_SCALE).toBeLessThanOrEqual(0.8);
	});
	it('matches what is committed in static/', () => {
		for (const f of [...ICON_FILES, ...SCREENSHOT_FILES]) expect(readFileSync(join(dir, f.file)).equals(readFileSync(join('static', f.file))), f.file).toBe(true);
	});
});

describe('web app manifest', () => {
	const manifest = JSON.parse(readFileSync('static/manifest.webmanifest', 'utf8'));
	it('is complete for installation', () => {
		expect(manifest).toMatchObject({
			name: '合同台 Contract Desk',
			short_name: '合同台',
			lang: 'zh-CN',
			start_url: '/',
			scope: '/',
			display: 'standalone',
			theme_color: '#1f4e8c',
			background_color: '#f5f7fa'
		});
		expect(manifest.description.length).toBeGreaterThan(10);
		const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
		for (const [size, purpose] of [['192x192', 'any'], ['512x512', 'any'], ['192x192', 'maskable'], ['512x512', 'maskable']]) {
			expect(icons.some((i) => i.sizes === size && i.purpose === purpose), `${size} ${purpose}`).toBe(true);
		}
		for (const icon of icons) expect(existsSync(join('static', icon.src))).toBe(true);
		const shots = manifest.screenshots as { src: string; sizes: string; form_factor: string }[];
		expect(shots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
		for (const s of shots) {
			const png = decodePng(readFileSync(join('static', s.src)));
			expect(`${png.width}x${png.height}`).toBe(s.sizes);
		}
	});
});

describe('page messages loaded with their pages', () => {
	it('have a non-empty English text for every zh-CN key', async () => {
		const { pageMessages } = await import('../../src/lib/pwa/i18n/pages');
		const { faqMessages } = await import('../../src/lib/pwa/i18n/faq');
		for (const m of [pageMessages, faqMessages]) {
			expect(Object.keys(m.en).sort()).toEqual(Object.keys(m['zh-CN']).sort());
			for (const [k, v] of Object.entries(m.en)) expect(v.trim(), k).not.toBe('');
		}
	});
});
