// Generates the app icons (regular + maskable) and install screenshots from one vector design into static/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng, hex, rasterise, type Rgba, type Shape } from './png';

export const THEME = '#1f4e8c';
export const BACKGROUND = '#f5f7fa';
const PRIMARY = hex(THEME);
const WHITE = hex('#ffffff');
const SEAL = hex('#c8102e', 230);

/**
 * The one source of every icon: a contract sheet with the character 合 built from strokes and a red
 * seal, in a 1×1 artwork square. Variants only place and scale it.
 */
export function artwork(): Shape[] {
	return [
		{ kind: 'rect', x: 0.22, y: 0.14, w: 0.56, h: 0.72, r: 0.05, fill: WHITE },
		// 人 roof of 合 as one chevron
		{ kind: 'polygon', points: [[0.5, 0.22], [0.73, 0.41], [0.68, 0.455], [0.5, 0.3], [0.32, 0.455], [0.27, 0.41]], fill: PRIMARY },
		// 一
		{ kind: 'rect', x: 0.38, y: 0.465, w: 0.24, h: 0.045, fill: PRIMARY },
		// 口 (outer stroke, then the paper shows through)
		{ kind: 'rect', x: 0.355, y: 0.55, w: 0.29, h: 0.22, fill: PRIMARY },
		{ kind: 'rect', x: 0.4, y: 0.595, w: 0.2, h: 0.13, fill: WHITE },
		// seal
		{ kind: 'rect', x: 0.6, y: 0.66, w: 0.14, h: 0.14, r: 0.07, fill: SEAL }
	];
}

type Place = { x: number; y: number; w: number; h: number };

/** Maps artwork coordinates into a box of the canvas (unit coordinates of the canvas). */
export function place(shapes: Shape[], box: Place): Shape[] {
	const mx = (v: number) => box.x + v * box.w;
	const my = (v: number) => box.y + v * box.h;
	return shapes.map((s) =>
		s.kind === 'rect'
			? { ...s, x: mx(s.x), y: my(s.y), w: s.w * box.w, h: s.h * box.h, r: s.r === undefined ? undefined : s.r * Math.min(box.w, box.h) }
			: { ...s, points: s.points.map(([x, y]) => [mx(x), my(y)] as const) }
	);
}

/** A regular icon: a rounded square tile, the artwork at full size. */
export function iconShapes(): Shape[] {
	return [{ kind: 'rect', x: 0, y: 0, w: 1, h: 1, r: 0.2, fill: PRIMARY }, ...artwork()];
}

/**
 * A maskable icon: full-bleed background (the platform cuts its own shape) and the artwork scaled
 * to 80 % so every corner of the sheet stays inside the 40 %-radius safe circle.
 */
export const MASKABLE_SCALE = 0.8;
export function maskableShapes(): Shape[] {
	const o = (1 - MASKABLE_SCALE) / 2;
	return [{ kind: 'rect', x: 0, y: 0, w: 1, h: 1, fill: PRIMARY }, ...place(artwork(), { x: o, y: o, w: MASKABLE_SCALE, h: MASKABLE_SCALE })];
}

/** A calm mock of the home screen (header, counts, cards) for the richer install dialog. */
function screenshotShapes(width: number, height: number): Shape[] {
	const px = (v: number) => v / width;
	const py = (v: number) => v / height;
	const header = 64;
	const pad = 24;
	const shapes: Shape[] = [{ kind: 'rect', x: 0, y: 0, w: 1, h: py(header), fill: PRIMARY }];
	const art = 44;
	shapes.push(...place(iconShapes(), { x: px(pad), y: py(10), w: px(art), h: py(art) }));
	const wide = width > height;
	const left = wide ? 220 : pad;
	if (wide) shapes.push({ kind: 'rect', x: 0, y: py(header), w: px(200), h: 1, fill: hex('#e8edf5') });
	const contentW = width - left - pad;
	let y = header + pad;
	shapes.push({ kind: 'rect', x: px(left), y: py(y), w: px(contentW), h: py(120), r: px(10), fill: WHITE });
	y += 140;
	const gap = 12;
	const cw = (contentW - 2 * gap) / 3;
	for (let i = 0; i < 3; i++) {
		shapes.push({ kind: 'rect', x: px(left + i * (cw + gap)), y: py(y), w: px(cw), h: py(90), r: px(10), fill: WHITE });
		shapes.push({ kind: 'rect', x: px(left + i * (cw + gap) + 16), y: py(y + 20), w: px(Math.min(48, cw - 32)), h: py(26), fill: PRIMARY });
	}
	y += 110;
	while (y + 80 < height - pad) {
		shapes.push({ kind: 'rect', x: px(left), y: py(y), w: px(contentW), h: py(64), r: px(10), fill: WHITE });
		shapes.push({ kind: 'rect', x: px(left + 16), y: py(y + 18), w: px(contentW * 0.45), h: py(12), fill: hex('#c5cedb') });
		shapes.push({ kind: 'rect', x: px(left + 16), y: py(y + 38), w: px(contentW * 0.3), h: py(10), fill: hex('#dde3ec') });
		y += 80;
	}
	return shapes;
}

export const ICON_FILES = [
	{ file: 'icons/icon-192.png', size: 192, shapes: iconShapes },
	{ file: 'icons/icon-512.png', size: 512, shapes: iconShapes },
	{ file: 'icons/maskable-192.png', size: 192, shapes: maskableShapes },
	{ file: 'icons/maskable-512.png', size: 512, shapes: maskableShapes }
] as const;

export const SCREENSHOT_FILES = [
	{ file: 'screenshots/narrow.png', width: 540, height: 1170 },
	{ file: 'screenshots/wide.png', width: 1280, height: 800 }
] as const;

/** Writes every generated asset below `staticDir`; returns the written paths. */
export function buildIcons(staticDir: string): string[] {
	const written: string[] = [];
	const write = (file: string, png: Buffer) => {
		const path = join(staticDir, file);
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, png);
		written.push(path);
	};
	for (const icon of ICON_FILES) write(icon.file, encodePng(icon.size, icon.size, rasterise(icon.size, icon.size, icon.shapes())));
	const bg: Rgba = hex(BACKGROUND);
	for (const s of SCREENSHOT_FILES) write(s.file, encodePng(s.width, s.height, rasterise(s.width, s.height, screenshotShapes(s.width, s.height), bg, 2)));
	return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'static');
	for (const path of buildIcons(root)) console.log(`wrote ${path}`);
}
