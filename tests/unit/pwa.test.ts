// PWA building blocks: precache list, eviction warnings, platform detection, icons rendered from one SVG, manifest.
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { deferredEntries, precacheEntries, FALLBACK_PAGE, NAVIGATION_DENYLIST } from '../../src/lib/pwa/precache';
import { currentFontUrls } from '../../src/lib/pdf/fontFiles';
import { evictionRisks, formatBytes } from '../../src/lib/pwa/storage';
import { detectPlatform } from '../../src/lib/pwa/install.svelte';
import { buildIcons, ICON_FILES, MASKABLE_SCALE, renderPng, SOURCE_SVG, variantSvg } from '../../scripts/build-icons';

type Decoded = { width: number; height: number; px: (x: number, y: number) => number[] };

/** Pixels of a PNG, decoded by pngjs (any colour type comes out as 8-bit RGBA). */
function decodePng(png: Buffer): Decoded {
	const { width, height, data } = PNG.sync.read(png);
	return { width, height, px: (x, y) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)] };
}

/** Width and height from the PNG's signature and IHDR chunk, without decoding the image. */
function pngSize(png: Buffer): [number, number] {
	expect([...png.subarray(0, 8)], 'PNG signature').toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
	expect(png.toString('latin1', 12, 16)).toBe('IHDR');
	return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('precache manifest', () => {
	const lists = {
		build: [
			'/_app/immutable/entry/start.abc.js',
			'/_app/immutable/chunks/jspdf.es.min.def.js',
			'/_app/immutable/assets/app.123.css',
			'/_app/immutable/chunks/Xy12office.js',
			'/_app/immutable/nodes/14.Ab34.js',
			'/_app/immutable/assets/Scanner.Cd56.css',
			'/_app/immutable/assets/zxing_reader.Ef78.wasm'
		],
		files: [
			'/fonts/contract-serif-regular.ttf',
			'/fonts/contract-serif-regular.ttf.br',
			'/fonts/contract-serif-regular.ttf.gz',
			'/fonts/.stamp',
			'/icons/icon-192.png',
			'/manifest.webmanifest',
			'/screenshots/wide.png'
		],
		prerendered: [],
		version: '42',
		office: [
			'/_app/immutable/chunks/Xy12office.js',
			'/_app/immutable/nodes/14.Ab34.js',
			'/_app/immutable/assets/Scanner.Cd56.css'
		]
	};
	const entries = precacheEntries(lists);
	const byUrl = new Map(entries.map((e) => [e.url, e.revision]));

	it('holds the app shell, the PDF code, the fonts and the fallback page', () => {
		expect(byUrl.get('/_app/immutable/chunks/jspdf.es.min.def.js')).toBeNull();
		expect(byUrl.get('/fonts/contract-serif-regular.ttf')).toBe('42');
		expect(byUrl.get(FALLBACK_PAGE)).toBe('42');
		expect(byUrl.get('/manifest.webmanifest')).toBe('42');
	});
	it('revisions the fonts by their content, so a release that did not change them keeps the cached bytes', () => {
		const stamped = new Map(
			precacheEntries({ ...lists, fontRevisions: { '/fonts/contract-serif-regular.ttf': 'f00d' } }).map((e) => [
				e.url,
				e.revision
			])
		);
		expect(stamped.get('/fonts/contract-serif-regular.ttf')).toBe('f00d');
		expect(stamped.get('/manifest.webmanifest')).toBe('42');
		const nextRelease = new Map(
			precacheEntries({ ...lists, version: '43', fontRevisions: { '/fonts/contract-serif-regular.ttf': 'f00d' } }).map(
				(e) => [e.url, e.revision]
			)
		);
		expect(nextRelease.get('/fonts/contract-serif-regular.ttf')).toBe('f00d');
		expect(nextRelease.get('/manifest.webmanifest')).toBe('43');
	});
	it('leaves out dotfiles and install screenshots', () => {
		expect(byUrl.has('/fonts/.stamp')).toBe(false);
		expect(byUrl.has('/fonts/contract-serif-regular.ttf.br')).toBe(false);
		expect(byUrl.has('/fonts/contract-serif-regular.ttf.gz')).toBe(false);
		expect(byUrl.has('/screenshots/wide.png')).toBe(false);
	});
	it("precaches only today's font core and bold face; the rest and pdf.js's worker come right after; older fonts never", () => {
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
			fontRevisions: { '/fonts/contract-serif-regular-2026.3.rest': 'f00d' },
			fonts
		};
		const first = precacheEntries(today).map((e) => e.url);
		const later = deferredEntries(today);
		expect(first).toEqual(
			expect.arrayContaining([
				'/fonts/contract-serif-regular-2026.3.core',
				'/fonts/contract-serif-bold-2026.3.ttf',
				'/manifest.webmanifest'
			])
		);
		for (const url of [
			'/fonts/contract-serif-regular-2026.3.rest',
			'/_app/immutable/assets/pdf.worker.min.FHbmGBN0.mjs',
			'/fonts/contract-serif-regular.ttf',
			'/fonts/contract-serif-bold-2026.2.ttf'
		]) {
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
	it('keeps the back office out: its code is not precached and its pages are not answered with the customers’ shell', () => {
		for (const url of [...entries, ...deferredEntries(lists)].map((e) => e.url)) {
			expect(url).not.toMatch(/office|Scanner|\.wasm$/);
		}
		expect(byUrl.has('/_app/immutable/nodes/14.Ab34.js')).toBe(false);
		expect(byUrl.has('/_app/immutable/assets/app.123.css')).toBe(true);
		for (const path of ['/office', '/office/', '/office/scan', '/office/requests/1'])
			expect(
				NAVIGATION_DENYLIST.some((r) => r.test(path)),
				path
			).toBe(true);
		expect(NAVIGATION_DENYLIST.some((r) => r.test('/officers'))).toBe(false);
	});
});

describe('storage health', () => {
	const ok = { persisted: true, usage: 10, quota: 1000, lastBackupAt: '2026-11-26T00:00:00Z' };
	it('is calm when persisted and backed up', () => {
		expect(evictionRisks(ok, { ios: false, standalone: false })).toEqual([]);
	});
	it('warns on Safari outside the home screen, without persistence, near the quota and without backup', () => {
		expect(
			evictionRisks({ ...ok, persisted: false, usage: 900, lastBackupAt: null }, { ios: true, standalone: false })
		).toEqual(['safariNotInstalled', 'notPersisted', 'lowQuota', 'noBackup']);
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
		expect(detectPlatform({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' }, false)).toEqual({
			ios: true,
			standalone: false
		});
		expect(
			detectPlatform({ userAgent: 'Mozilla/5.0 (Macintosh)', platform: 'MacIntel', maxTouchPoints: 5 }, false).ios
		).toBe(true);
		expect(
			detectPlatform({ userAgent: 'Mozilla/5.0 (Macintosh)', platform: 'MacIntel', maxTouchPoints: 0 }, false).ios
		).toBe(false);
		expect(detectPlatform({ userAgent: 'iPhone', standalone: true }, false).standalone).toBe(true);
		expect(detectPlatform({ userAgent: 'Android' }, true)).toEqual({ ios: false, standalone: true });
	});
});

describe('icons from the one SVG', () => {
	const THEME = [0x1f, 0x4e, 0x8c, 255];
	const source = readFileSync(join('static', SOURCE_SVG), 'utf8');
	const committed = (file: string) => decodePng(readFileSync(join('static', file)));
	const icon = (file: string) => ICON_FILES.find((i) => i.file === file)!;
	/** Bounding box (in unit coordinates) of the pixels that are opaque white: the contract sheet. */
	const sheetBox = (png: Decoded) => {
		let x0 = Infinity,
			y0 = Infinity,
			x1 = -Infinity,
			y1 = -Infinity;
		for (let y = 0; y < png.height; y++) {
			for (let x = 0; x < png.width; x++) {
				if (png.px(x, y).join() !== '255,255,255,255') continue;
				x0 = Math.min(x0, x);
				y0 = Math.min(y0, y);
				x1 = Math.max(x1, x + 1);
				y1 = Math.max(y1, y + 1);
			}
		}
		return [x0 / png.width, y0 / png.height, x1 / png.width, y1 / png.height];
	};

	it('is drawn with shapes only: nothing depends on a font or another file', () => {
		expect(source).toMatch(/<svg[^>]*viewBox="0 0 100 100"/);
		const markup = source.replace(/<!--[\s\S]*?-->/g, '');
		expect(new Set([...markup.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]))).toEqual(
			new Set(['svg', 'rect', 'g', 'path', 'circle'])
		);
		expect(markup).not.toMatch(/font|href|url\(/i);
	});
	it('renders the same bytes every time, and static/ holds exactly what the source renders to', () => {
		for (const i of ICON_FILES) {
			const svg = variantSvg(source, i.variant);
			const png = renderPng(svg, i.size);
			expect(renderPng(svg, i.size).equals(png), i.file).toBe(true);
			expect(readFileSync(join('static', i.file)).equals(png), `${i.file} is stale: run npm run icons`).toBe(true);
		}
	});
	it('has every size the manifest and the page ask for', () => {
		expect(ICON_FILES.map((i) => `${i.file}@${i.size}`).sort()).toEqual([
			'icons/apple-touch-icon-180.png@180',
			'icons/favicon-32.png@32',
			'icons/icon-192.png@192',
			'icons/icon-512.png@512',
			'icons/maskable-192.png@192',
			'icons/maskable-512.png@512'
		]);
		for (const i of ICON_FILES) expect(pngSize(readFileSync(join('static', i.file))), i.file).toEqual([i.size, i.size]);
	});
	it('regular icons: transparent corners, the blue tile, the white sheet, the red seal', () => {
		for (const file of ['icons/icon-192.png', 'icons/icon-512.png', 'icons/favicon-32.png']) {
			const png = committed(file);
			const at = (u: number, v: number) => png.px(Math.floor(u * png.width), Math.floor(v * png.height));
			for (const [x, y] of [
				[0, 0],
				[png.width - 1, 0],
				[0, png.height - 1],
				[png.width - 1, png.height - 1]
			])
				expect(png.px(x!, y!)[3], `${file} ${x},${y}`).toBe(0);
			expect(at(0.1, 0.5), file).toEqual(THEME);
			expect(at(0.3, 0.2), file).toEqual([255, 255, 255, 255]);
			const seal = at(0.67, 0.73);
			expect(seal[0]! - seal[2]!, `${file} seal is red`).toBeGreaterThan(100);
		}
	});
	it('maskable icons: full-bleed background, nothing but background outside the 40 % safe circle, the artwork scaled to 80 %', () => {
		const regular = sheetBox(committed('icons/icon-512.png'));
		for (const file of ['icons/maskable-192.png', 'icons/maskable-512.png']) {
			const png = committed(file);
			const size = png.width;
			const outside: string[] = [];
			for (let y = 0; y < size; y++) {
				for (let x = 0; x < size; x++) {
					const r = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) / size;
					if (r > 0.4 && png.px(x, y).join() !== THEME.join()) outside.push(`${x},${y}`);
				}
			}
			expect(
				outside.slice(0, 5),
				`${file}: ${outside.length} pixels outside the safe circle are not background`
			).toEqual([]);
			// The same sheet as the regular icon's, scaled by MASKABLE_SCALE about the centre (within a pixel of the 192 px one).
			const box = sheetBox(png);
			const expected = regular.map((v) => 0.5 + (v - 0.5) * MASKABLE_SCALE);
			for (let k = 0; k < 4; k++)
				expect(Math.abs(box[k]! - expected[k]!), `${file} sheet edge ${k}`).toBeLessThan(1.5 / size);
		}
		expect(icon('icons/maskable-512.png').variant).toEqual({ kind: 'bleed', scale: MASKABLE_SCALE });
		expect(MASKABLE_SCALE).toBeLessThanOrEqual(0.8);
	});
	it('the apple-touch icon is opaque (iOS paints transparency black) with the artwork at full size', () => {
		const png = committed('icons/apple-touch-icon-180.png');
		let translucent = 0;
		for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) if (png.px(x, y)[3] !== 255) translucent++;
		expect(translucent).toBe(0);
		expect(png.px(0, 0)).toEqual(THEME);
		const regular = sheetBox(committed('icons/icon-512.png'));
		const box = sheetBox(png);
		for (let k = 0; k < 4; k++) expect(Math.abs(box[k]! - regular[k]!)).toBeLessThan(1.5 / 180);
	});
	it('every variant follows the source: a change to the SVG reaches every icon', () => {
		const green = source.replace('fill="#c8102e"', 'fill="#00ff00"');
		expect(green).not.toBe(source);
		const dir = mkdtempSync(join(tmpdir(), 'icons-'));
		buildIcons(dir, green);
		for (const i of ICON_FILES) {
			const png = decodePng(readFileSync(join(dir, i.file)));
			const scale = i.variant.kind === 'bleed' ? i.variant.scale : 1;
			const seal = png.px(
				Math.floor((0.5 + (0.67 - 0.5) * scale) * i.size),
				Math.floor((0.5 + (0.73 - 0.5) * scale) * i.size)
			);
			expect(seal[1]! - seal[0]!, `${i.file} seal is green`).toBeGreaterThan(100);
		}
	});
	it('refuses a source the variants cannot be made from', () => {
		expect(() => variantSvg(source.replace('id="artwork"', 'id="art"'), { kind: 'bleed', scale: 0.8 })).toThrow(
			/artwork/
		);
		expect(() =>
			variantSvg(source.replace('viewBox="0 0 100 100"', 'viewBox="0 0 100 90"'), { kind: 'bleed', scale: 0.8 })
		).toThrow(/square/);
	});
	it('the page links the SVG favicon, the PNG fallback and the apple-touch icon, each at its real size', () => {
		const html = readFileSync('src/app.html', 'utf8');
		const links = [
			...html.matchAll(/<link rel="(icon|apple-touch-icon)" href="%sveltekit\.assets%\/([^"]+)"([^>]*)>/g)
		].map((m) => ({ rel: m[1], file: m[2]!, rest: m[3]! }));
		expect(links.map((l) => `${l.rel} ${l.file}`)).toEqual([
			'icon icons/icon.svg',
			'icon icons/favicon-32.png',
			'apple-touch-icon icons/apple-touch-icon-180.png'
		]);
		for (const l of links) {
			const sizes = /sizes="(\d+)x(\d+)"/.exec(l.rest);
			if (l.file.endsWith('.svg')) expect(l.file).toBe(SOURCE_SVG);
			else
				expect(pngSize(readFileSync(join('static', l.file))), l.file).toEqual([Number(sizes![1]), Number(sizes![2])]);
		}
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
		for (const [size, purpose] of [
			['192x192', 'any'],
			['512x512', 'any'],
			['192x192', 'maskable'],
			['512x512', 'maskable']
		]) {
			expect(
				icons.some((i) => i.sizes === size && i.purpose === purpose),
				`${size} ${purpose}`
			).toBe(true);
		}
		for (const i of icons) {
			expect(pngSize(readFileSync(join('static', i.src))).join('x'), i.src).toBe(i.sizes);
			expect(i.src.includes('maskable'), i.src).toBe(i.purpose === 'maskable');
		}
	});
	it('declares a narrow and a wide screenshot, each file exactly its declared size, each with a Chinese label', () => {
		const shots = manifest.screenshots as { src: string; sizes: string; form_factor: string; label: string }[];
		expect(shots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
		for (const s of shots) {
			const [w, h] = pngSize(readFileSync(join('static', s.src)));
			expect(`${w}x${h}`, s.src).toBe(s.sizes);
			// Chromium shows a "richer install UI" only for screenshots its form factor accepts.
			expect(s.form_factor === 'wide' ? w! > h! : h! > w!, s.src).toBe(true);
			expect(s.label).toMatch(/\p{Script=Han}/u);
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
