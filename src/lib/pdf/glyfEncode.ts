// Replaces jsPDF's quadratic glyf-table encoder (Array#concat per glyph) with a linear one giving the same bytes.
import type { jsPDF } from 'jspdf';

type Glyph = { encode(old2new: unknown): ArrayLike<number> };
type GlyfTable = { encode(glyphs: Record<string, Glyph | undefined>, mapping: string[], old2new: unknown): unknown };

let enabled = true;

/** For the test that proves the replacement writes the same bytes as jsPDF's own encoder. */
export function useLinearGlyfEncoder(on: boolean): void {
	enabled = on;
}

function linearEncode(glyphs: Record<string, Glyph | undefined>, mapping: string[], old2new: unknown) {
	const table: number[] = [];
	const offsets: number[] = [];
	for (const id of mapping) {
		const glyph = glyphs[id];
		offsets.push(table.length);
		if (glyph) {
			const bytes = glyph.encode(old2new);
			for (let i = 0; i < bytes.length; i++) table.push(bytes[i]!);
		}
	}
	offsets.push(table.length);
	return { table, offsets };
}

const original = new WeakMap<object, GlyfTable['encode']>();

/**
 * With a CJK font, a page of text uses hundreds of glyphs of a few hundred bytes each and the
 * concat loop costs ~150 ms per document; the linear loop takes a few. Applied per font instance,
 * and only when the internals look as expected, so a jsPDF upgrade falls back to its own code.
 */
export function installLinearGlyfEncoder(doc: jsPDF, family: string, style: string): void {
	// jsPDF's getFont accepts (family, style) at runtime; its typings only declare the no-argument form.
	const getFont = doc.getFont as unknown as (family: string, style: string) => { metadata?: { glyf?: GlyfTable } };
	const font = getFont.call(doc, family, style);
	const glyf = font.metadata?.glyf;
	if (!glyf || typeof glyf.encode !== 'function') return;
	const proto = Object.getPrototypeOf(glyf) as GlyfTable;
	if (!original.has(proto)) original.set(proto, proto.encode);
	const own = original.get(proto)!;
	glyf.encode = enabled ? linearEncode : own;
}
