// Renders every app icon from the one SVG source (static/icons/icon.svg) with resvg into static/icons/.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

export const STATIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'static');
/** The artwork: a blue tile, a white contract sheet, 合 built from strokes, a red seal. Also served as the SVG favicon. */
export const SOURCE_SVG = 'icons/icon.svg';

/**
 * Maskable icons: the platform cuts its own shape out of a full-bleed square, and only the centred circle of 40 %
 * radius is sure to be kept; the artwork scaled to 80 % keeps every corner of the sheet inside it (farthest: 0.365).
 */
export const MASKABLE_SCALE = 0.8;

/** `source` is the icon as drawn; `bleed` a full square of the tile's colour with the artwork scaled by `scale`. */
export type Variant = { kind: 'source' } | { kind: 'bleed'; scale: number };

export const ICON_FILES = [
	{ file: 'icons/icon-192.png', size: 192, variant: { kind: 'source' } },
	{ file: 'icons/icon-512.png', size: 512, variant: { kind: 'source' } },
	{ file: 'icons/maskable-192.png', size: 192, variant: { kind: 'bleed', scale: MASKABLE_SCALE } },
	{ file: 'icons/maskable-512.png', size: 512, variant: { kind: 'bleed', scale: MASKABLE_SCALE } },
	// iOS fills transparency with black and rounds the corners itself: a full-bleed square, artwork at full size.
	{ file: 'icons/apple-touch-icon-180.png', size: 180, variant: { kind: 'bleed', scale: 1 } },
	// For browsers without SVG favicons (Safari before 26 among them).
	{ file: 'icons/favicon-32.png', size: 32, variant: { kind: 'source' } }
] as const satisfies readonly { file: string; size: number; variant: Variant }[];

function only(source: string, pattern: RegExp, what: string): RegExpMatchArray {
	const all = [...source.matchAll(new RegExp(pattern.source, 'g'))];
	if (all.length !== 1) throw new Error(`${SOURCE_SVG}: expected exactly one ${what}, found ${all.length}`);
	return all[0]!;
}

/** The source's parts the variants reuse: its square viewBox, the tile's colour and the artwork group as written. */
export function parseSource(source: string): { size: number; background: string; artwork: string } {
	const [, w, h] = only(source, /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/, 'viewBox "0 0 W H"');
	if (w !== h) throw new Error(`${SOURCE_SVG}: the viewBox must be square, is ${w}×${h}`);
	const [tile] = only(source, /<rect id="tile"[^>]*\/>/, '<rect id="tile" …/>');
	const [, background] = only(tile!, /fill="(#[0-9a-fA-F]{6})"/, 'fill on the tile');
	// The artwork holds shapes only (no nested <g>), so its first </g> closes it.
	const [artwork] = only(source, /<g id="artwork">[\s\S]*?<\/g>/, '<g id="artwork">');
	return { size: Number(w), background: background!, artwork: artwork! };
}

/** The SVG of one variant: the source itself, or the source's artwork wrapped in a full-bleed background. */
export function variantSvg(source: string, variant: Variant): string {
	if (variant.kind === 'source') return source;
	const { size, background, artwork } = parseSource(source);
	const offset = ((1 - variant.scale) / 2) * size;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}">`,
		`<rect width="${size}" height="${size}" fill="${background}"/>`,
		`<g transform="translate(${offset} ${offset}) scale(${variant.scale})">${artwork}</g>`,
		'</svg>'
	].join('');
}

/** A square PNG of `svg`, `size` pixels wide. System fonts stay unloaded: the output cannot depend on the machine. */
export function renderPng(svg: string, size: number): Buffer {
	const image = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render();
	if (image.width !== size || image.height !== size)
		throw new Error(`rendered ${image.width}×${image.height}, wanted ${size}×${size}`);
	return image.asPng();
}

/** Writes every icon below `outDir` (static/ by default); returns the written paths. */
export function buildIcons(outDir = STATIC_DIR, source = readFileSync(join(STATIC_DIR, SOURCE_SVG), 'utf8')): string[] {
	return ICON_FILES.map((icon) => {
		const path = join(outDir, icon.file);
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, renderPng(variantSvg(source, icon.variant), icon.size));
		return path;
	});
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	for (const path of buildIcons()) console.log(`wrote ${path}`);
}
