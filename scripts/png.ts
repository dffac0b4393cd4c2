// Minimal PNG encoder and vector rasteriser (RGBA, anti-aliased) for build-time icons; no image tool needed.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'latin1');
	Buffer.from(data).copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/** Encodes 8-bit RGBA pixels (row-major, width*height*4 bytes) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
	if (rgba.length !== width * height * 4) throw new Error('pixel buffer size does not match');
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method variants, no interlace
	const raw = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) {
		raw[y * (width * 4 + 1)] = 0; // filter type None: simple and deterministic
		Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
	}
	const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
	return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

/** Colour as [r, g, b, a] with 0–255 channels. */
export type Rgba = readonly [number, number, number, number];
export function hex(colour: string, alpha = 255): Rgba {
	const n = Number.parseInt(colour.replace('#', ''), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

/** A shape in unit coordinates (0..1 on both axes of the canvas it is drawn on). */
export type Shape =
	| { kind: 'rect'; x: number; y: number; w: number; h: number; r?: number; fill: Rgba }
	| { kind: 'polygon'; points: readonly (readonly [number, number])[]; fill: Rgba };

function insideRoundRect(px: number, py: number, s: Extract<Shape, { kind: 'rect' }>): boolean {
	if (px < s.x || py < s.y || px > s.x + s.w || py > s.y + s.h) return false;
	const r = Math.min(s.r ?? 0, s.w / 2, s.h / 2);
	if (r <= 0) return true;
	const cx = Math.min(Math.max(px, s.x + r), s.x + s.w - r);
	const cy = Math.min(Math.max(py, s.y + r), s.y + s.h - r);
	return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

function insidePolygon(px: number, py: number, points: readonly (readonly [number, number])[]): boolean {
	let inside = false;
	for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
		const [xi, yi] = points[i]!;
		const [xj, yj] = points[j]!;
		if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function bbox(s: Shape): [number, number, number, number] {
	if (s.kind === 'rect') return [s.x, s.y, s.x + s.w, s.y + s.h];
	const xs = s.points.map((p) => p[0]);
	const ys = s.points.map((p) => p[1]);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function inside(px: number, py: number, s: Shape): boolean {
	return s.kind === 'rect' ? insideRoundRect(px, py, s) : insidePolygon(px, py, s.points);
}

/**
 * Rasterises shapes (painted in order, "over" compositing) with 4×4 supersampling.
 * `sx/sy` scale unit coordinates to the canvas so one design serves square icons and wide screenshots.
 */
export function rasterise(width: number, height: number, shapes: readonly Shape[], background: Rgba = [0, 0, 0, 0], n = 4): Uint8Array {
	const out = new Uint8Array(width * height * 4);
	const boxes = shapes.map(bbox);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			// Only shapes whose bounding box touches this pixel are sampled: keeps big canvases fast.
			const x0 = x / width, x1 = (x + 1) / width, y0 = y / height, y1 = (y + 1) / height;
			const near = shapes.filter((_, k) => { const bb = boxes[k]!; return bb[0] <= x1 && bb[2] >= x0 && bb[1] <= y1 && bb[3] >= y0; });
			let r = 0, g = 0, b = 0, a = 0;
			for (let sy = 0; sy < n; sy++) {
				for (let sx = 0; sx < n; sx++) {
					const u = (x + (sx + 0.5) / n) / width;
					const v = (y + (sy + 0.5) / n) / height;
					let c: Rgba = background;
					for (const s of near) {
						if (!inside(u, v, s)) continue;
						const fa = s.fill[3] / 255;
						const ca = c[3] / 255;
						const oa = fa + ca * (1 - fa);
						c = oa === 0 ? [0, 0, 0, 0] : [
							(s.fill[0] * fa + c[0] * ca * (1 - fa)) / oa,
							(s.fill[1] * fa + c[1] * ca * (1 - fa)) / oa,
							(s.fill[2] * fa + c[2] * ca * (1 - fa)) / oa,
							oa * 255
						];
					}
					// Premultiply while averaging so transparent edges do not darken.
					r += (c[0] * c[3]) / 255; g += (c[1] * c[3]) / 255; b += (c[2] * c[3]) / 255; a += c[3];
				}
			}
			const i = (y * width + x) * 4;
			const samples = n * n;
			const alpha = a / samples;
			out[i + 3] = Math.round(alpha);
			if (alpha > 0) {
				out[i] = Math.round((r / samples) * 255 / alpha);
				out[i + 1] = Math.round((g / samples) * 255 / alpha);
				out[i + 2] = Math.round((b / samples) * 255 / alpha);
			}
		}
	}
	return out;
}
