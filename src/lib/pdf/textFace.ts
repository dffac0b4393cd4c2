// A copy of a face for a browser text layer whose glyphs each map back from one code point only (print view).
import { readCmapGlyphs } from './cmap';

/*
 * The complete Noto Serif SC maps some glyphs from several code points: 生 and the Kangxi radical ⽣ (U+2F63),
 * – and ‒, ／ and ∕. A browser printing text set in it names each glyph by the lowest of them, so a printed copy
 * would read ⽣成 for 生成. This copy keeps, per glyph, the code point GBK has (the one real text uses), else the
 * lowest; its cmap is rebuilt (format 4 for the BMP, format 12 for all) and appended. Outlines stay as they are.
 */

function gbkCodePoints(): Set<number> {
	const decoder = new TextDecoder('gbk');
	const out = new Set<number>();
	for (let c = 0; c < 0x80; c++) out.add(c);
	const pair = new Uint8Array(2);
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			pair[0] = lead;
			pair[1] = trail;
			const s = decoder.decode(pair);
			if ([...s].length === 1) out.add(s.codePointAt(0)!);
		}
	}
	return out;
}

/** Code point → glyph, one code point per glyph. */
export function unaliasedCmap(font: Uint8Array): Map<number, number> {
	const byGlyph = new Map<number, number[]>();
	for (const [cp, glyph] of readCmapGlyphs(font)) {
		const list = byGlyph.get(glyph);
		if (list) list.push(cp);
		else byGlyph.set(glyph, [cp]);
	}
	const gbk = gbkCodePoints();
	const out = new Map<number, number>();
	for (const [glyph, cps] of byGlyph) {
		cps.sort((a, b) => a - b);
		out.set(cps.find((c) => gbk.has(c)) ?? cps[0]!, glyph);
	}
	return new Map([...out].sort((a, b) => a[0] - b[0]));
}

type Run = { start: number; end: number; glyph: number };

function runs(map: Map<number, number>, max: number): Run[] {
	const out: Run[] = [];
	for (const [cp, glyph] of map) {
		if (cp > max) break;
		const last = out[out.length - 1];
		if (last && cp === last.end + 1 && glyph === last.glyph + (cp - last.start)) last.end = cp;
		else out.push({ start: cp, end: cp, glyph });
	}
	return out;
}

function format4(map: Map<number, number>): Uint8Array {
	const segs = [...runs(map, 0xfffe), { start: 0xffff, end: 0xffff, glyph: 1 }];
	const n = segs.length;
	const length = 16 + n * 8;
	if (length > 0xffff) throw new Error('format 4 subtable too long');
	const v = new DataView(new ArrayBuffer(length));
	const searchRange = 2 * 2 ** Math.floor(Math.log2(n));
	v.setUint16(0, 4);
	v.setUint16(2, length);
	v.setUint16(6, n * 2);
	v.setUint16(8, searchRange);
	v.setUint16(10, Math.log2(searchRange / 2));
	v.setUint16(12, n * 2 - searchRange);
	segs.forEach((s, i) => {
		v.setUint16(14 + i * 2, s.end);
		v.setUint16(16 + n * 2 + i * 2, s.start);
		// The last segment maps 0xFFFF to glyph 0 (start + delta ≡ 0).
		v.setUint16(16 + n * 4 + i * 2, (i === n - 1 ? 1 : s.glyph - s.start) & 0xffff);
		v.setUint16(16 + n * 6 + i * 2, 0);
	});
	return new Uint8Array(v.buffer);
}

function format12(map: Map<number, number>): Uint8Array {
	const groups = runs(map, 0x10ffff);
	const v = new DataView(new ArrayBuffer(16 + groups.length * 12));
	v.setUint16(0, 12);
	v.setUint32(4, v.byteLength);
	v.setUint32(12, groups.length);
	groups.forEach((g, i) => {
		v.setUint32(16 + i * 12, g.start);
		v.setUint32(20 + i * 12, g.end);
		v.setUint32(24 + i * 12, g.glyph);
	});
	return new Uint8Array(v.buffer);
}

function checksum(bytes: Uint8Array): number {
	let sum = 0;
	const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
	padded.set(bytes);
	const v = new DataView(padded.buffer);
	for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
	return sum;
}

/** The font with its cmap replaced by one that maps each glyph from one code point (see above). */
export function unaliasedFace(font: Uint8Array): Uint8Array {
	const map = unaliasedCmap(font);
	const f4 = format4(map);
	const f12 = format12(map);
	const records: [number, number, Uint8Array][] = [
		[0, 3, f4],
		[0, 4, f12],
		[3, 1, f4],
		[3, 10, f12]
	];
	const header = 4 + records.length * 8;
	const cmap = new Uint8Array(header + f4.length + f12.length);
	const cv = new DataView(cmap.buffer);
	cv.setUint16(2, records.length);
	records.forEach(([platform, encoding, table], i) => {
		cv.setUint16(4 + i * 8, platform);
		cv.setUint16(6 + i * 8, encoding);
		cv.setUint32(8 + i * 8, table === f4 ? header : header + f4.length);
	});
	cmap.set(f4, header);
	cmap.set(f12, header + f4.length);

	const at = Math.ceil(font.length / 4) * 4;
	const out = new Uint8Array(at + Math.ceil(cmap.length / 4) * 4);
	out.set(font);
	out.set(cmap, at);
	const v = new DataView(out.buffer);
	for (let i = 0; i < v.getUint16(4); i++) {
		const rec = 12 + i * 16;
		if (String.fromCharCode(out[rec]!, out[rec + 1]!, out[rec + 2]!, out[rec + 3]!) !== 'cmap') continue;
		v.setUint32(rec + 4, checksum(cmap));
		v.setUint32(rec + 8, at);
		v.setUint32(rec + 12, cmap.length);
	}
	return out;
}
