// The seal's visible appearance: a red round seal drawn as vector paths from Party B's name (no font embedded in the signature).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FONT_DIR } from '../../src/lib/pdf/fonts-node';

/** The complete contract face: every name a contract prints is in it. */
const FACE_FILE = 'contract-serif-regular.ttf';
const RED = '0.85 0.09 0.11';

export interface Outlines {
	upem: number;
	/** SVG path data of the character's glyph in font units (y up) and its advance, or undefined when missing. */
	glyph(char: string): { path: string; advance: number } | undefined;
}

let outlines: Promise<Outlines> | undefined;

export function loadOutlines(): Promise<Outlines> {
	outlines ??= (async () => {
		const [hb, bytes] = await Promise.all([import('harfbuzzjs'), readFile(join(FONT_DIR, FACE_FILE))]);
		const face = new hb.Face(new hb.Blob(new Uint8Array(bytes)), 0);
		const font = new hb.Font(face);
		return {
			upem: face.upem,
			glyph(char: string) {
				const id = font.nominalGlyph(char.codePointAt(0)!);
				if (id === undefined || id === 0) return undefined;
				return { path: font.glyphToPath(id), advance: font.glyphHAdvance(id) };
			}
		};
	})();
	return outlines;
}

const n = (v: number) => (Math.abs(v) < 0.0005 ? '0' : v.toFixed(3).replace(/\.?0+$/, ''));

export type Matrix = [number, number, number, number, number, number];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
	m[0] * x + m[2] * y + m[4],
	m[1] * x + m[3] * y + m[5]
];

/** SVG path data (absolute M L Q C Z, as HarfBuzz writes it) to PDF path operators under the matrix. */
export function svgToPdf(path: string, m: Matrix): string {
	const out: string[] = [];
	let cx = 0;
	let cy = 0;
	const p = (x: number, y: number) => apply(m, x, y).map(n).join(' ');
	for (const [, op, args] of path.matchAll(/([MLQCZ])([^MLQCZ]*)/g)) {
		const v = (args ?? '').split(/[ ,]+/).filter(Boolean).map(Number);
		switch (op) {
			case 'M':
				out.push(`${p(v[0]!, v[1]!)} m`);
				[cx, cy] = [v[0]!, v[1]!];
				break;
			case 'L':
				out.push(`${p(v[0]!, v[1]!)} l`);
				[cx, cy] = [v[0]!, v[1]!];
				break;
			case 'Q': {
				// A quadratic Bézier as the cubic with control points two thirds of the way to the quadratic's one.
				const [qx, qy, x, y] = v as [number, number, number, number];
				out.push(
					`${p(cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy))} ${p(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y))} ${p(x, y)} c`
				);
				[cx, cy] = [x, y];
				break;
			}
			case 'C':
				out.push(`${p(v[0]!, v[1]!)} ${p(v[2]!, v[3]!)} ${p(v[4]!, v[5]!)} c`);
				[cx, cy] = [v[4]!, v[5]!];
				break;
			case 'Z':
				out.push('h');
				break;
		}
	}
	return out.join('\n');
}

function circle(cx: number, cy: number, r: number): string {
	const k = 0.5523 * r;
	return [
		`${n(cx + r)} ${n(cy)} m`,
		`${n(cx + r)} ${n(cy + k)} ${n(cx + k)} ${n(cy + r)} ${n(cx)} ${n(cy + r)} c`,
		`${n(cx - k)} ${n(cy + r)} ${n(cx - r)} ${n(cy + k)} ${n(cx - r)} ${n(cy)} c`,
		`${n(cx - r)} ${n(cy - k)} ${n(cx - k)} ${n(cy - r)} ${n(cx)} ${n(cy - r)} c`,
		`${n(cx + k)} ${n(cy - r)} ${n(cx + r)} ${n(cy - k)} ${n(cx + r)} ${n(cy)} c`,
		'h'
	].join('\n');
}

function star(cx: number, cy: number, r: number): string {
	const points: string[] = [];
	for (let i = 0; i < 10; i++) {
		const radius = i % 2 === 0 ? r : r * 0.382;
		const a = Math.PI / 2 + (i * Math.PI) / 5;
		points.push(`${n(cx + radius * Math.cos(a))} ${n(cy + radius * Math.sin(a))} ${i === 0 ? 'm' : 'l'}`);
	}
	return `${points.join('\n')}\nh`;
}

export class MissingSealGlyphError extends Error {
	override name = 'MissingSealGlyphError';
}

/**
 * The content stream of a square form of `size` points: a ring, the name along the upper arc, a star, and
 * 测试印章 across the bottom for a test seal. Everything is filled paths in red.
 */
export async function sealAppearance(name: string, size: number, test: boolean): Promise<string> {
	const font = await loadOutlines();
	const c = size / 2;
	const ring = c * 0.93;
	const width = size * 0.025;
	const ops: string[] = [`q ${RED} rg ${RED} RG`, `${n(width)} w`, circle(c, c, ring - width / 2), 'S'];

	const chars = [...name.replace(/\s+/g, '')];
	const glyphs = chars.map((ch) => {
		const g = font.glyph(ch);
		if (!g) throw new MissingSealGlyphError(`The seal face has no glyph for ${ch}`);
		return g;
	});
	const textRadius = ring - width - size * 0.03;
	// The name runs over at most 250° of the upper arc; characters shrink to fit a long name.
	const span = Math.min((250 * Math.PI) / 180, chars.length * 0.36);
	const step = chars.length > 1 ? span / (chars.length - 1) : 0;
	const fontSize = Math.min(size * 0.13, textRadius * step * 0.85 || size * 0.13);
	const scale = fontSize / font.upem;
	glyphs.forEach((g, i) => {
		const angle = Math.PI / 2 + span / 2 - i * step;
		const [ox, oy] = [c + textRadius * Math.cos(angle), c + textRadius * Math.sin(angle)];
		const rot = angle - Math.PI / 2;
		const [cos, sin] = [Math.cos(rot), Math.sin(rot)];
		// Glyph space: horizontally centred, its top (0.88 em) on the text circle, upright facing outwards.
		const dx = -g.advance / 2;
		const dy = -0.88 * font.upem;
		const m: Matrix = [
			cos * scale,
			sin * scale,
			-sin * scale,
			cos * scale,
			ox + (cos * dx - sin * dy) * scale,
			oy + (sin * dx + cos * dy) * scale
		];
		ops.push(svgToPdf(g.path, m), 'f');
	});
	ops.push(star(c, c, size * 0.14), 'f');

	if (test) {
		const label = [...'测试印章'].map((ch) => {
			const g = font.glyph(ch);
			if (!g) throw new MissingSealGlyphError(`The seal face has no glyph for ${ch}`);
			return g;
		});
		const labelSize = size * 0.1;
		const s = labelSize / font.upem;
		const total = label.reduce((sum, g) => sum + g.advance, 0) * s;
		let x = c - total / 2;
		const y = c - size * 0.28;
		for (const g of label) {
			ops.push(svgToPdf(g.path, [s, 0, 0, s, x, y]), 'f');
			x += g.advance * s;
		}
	}
	ops.push('Q');
	return ops.join('\n');
}
