// jsPDF's Arabic shaping and bidi reordering passed over for text they leave as it is (Chinese, Latin, digits, punctuation).
import { jsPDF } from 'jspdf';

/*
 * jsPDF runs two passes over every string drawn: its Arabic parser (preProcessText: letter forms, ligatures) and
 * its bidi engine (postProcessText: the Unicode bidirectional algorithm, visual left-to-right in by default).
 * Neither changes text without right-to-left letters: no Arabic form or ligature applies, and at an even
 * embedding level left-to-right text and numbers (raised two levels, reversed twice) keep their order. For a
 * 1,000-order contract the two passes are ~15 % of a render. Here they run only when a string has a character
 * outside SAFE or the text's options ask the bidi engine for something else; otherwise the text gets the shape
 * they give it (each piece of an array as a one-element array, a [text, x, y] piece as a new triple) and the
 * options the same isInputVisual, so what jsPDF draws next is identical.
 *
 * SAFE is narrower than "no right-to-left letter": printable ASCII but the backslash (the Arabic parser splits
 * on the literal two characters \s+), Latin-1 and Latin Extended-A/B but the soft hyphen, general punctuation
 * but the invisible formatting and direction marks, symbols, CJK (punctuation, kana, ideographs), the Private
 * Use Area (the stand-ins of characters outside the BMP) and full-width forms. textPasses.test.ts holds both of
 * jsPDF's passes to leaving every character of it unchanged.
 */
export const SAFE =
	/^[\u0020-\u005b\u005d-\u007e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e\u2100-\u2bff\u3000-\u9fff\ue000-\ufaff\ufe30-\ufe4f\uff01-\uffef]*$/;

type Piece = string | [string, unknown?, unknown?];
type Options = {
	isInputVisual?: unknown;
	isOutputVisual?: unknown;
	isInputRtl?: unknown;
	isOutputRtl?: unknown;
	isSymmetricSwapping?: unknown;
};
type Payload = { text: string | Piece[]; options?: Options };
type Handler = (this: unknown, payload: Payload) => unknown;

/** The text as the pass would return it when it changes no string, or undefined when some string may change. */
function unchanged(text: unknown): Payload['text'] | undefined {
	if (typeof text === 'string') return SAFE.test(text) ? text : undefined;
	if (!Array.isArray(text)) return undefined;
	const out: Piece[] = [];
	for (const piece of text as unknown[]) {
		if (Array.isArray(piece)) {
			if (typeof piece[0] !== 'string' || !SAFE.test(piece[0])) return undefined;
			out.push([piece[0], piece[1], piece[2]]);
		} else {
			if (typeof piece !== 'string' || !SAFE.test(piece)) return undefined;
			out.push([piece]);
		}
	}
	return out;
}

let enabled = true;

/** Off: jsPDF's passes run on every string (the tests that compare with jsPDF's own path). */
export function useTextShortcuts(on: boolean): void {
	enabled = on;
}

function arabicUnlessPlain(pass: Handler): Handler {
	return function (this: unknown, payload) {
		const text = enabled && payload ? unchanged(payload.text) : undefined;
		if (text === undefined) return pass.call(this, payload);
		payload.text = text;
		return payload;
	};
}

function bidiUnlessPlain(pass: Handler): Handler {
	return function (this: unknown, payload) {
		const o: Options = payload?.options || {};
		const visualLtrIn = typeof o.isInputVisual !== 'boolean' || o.isInputVisual;
		const plainOptions = visualLtrIn && !o.isOutputVisual && !o.isInputRtl && !o.isOutputRtl && !o.isSymmetricSwapping;
		const text = enabled && plainOptions ? unchanged(payload.text) : undefined;
		if (text === undefined) return pass.call(this, payload);
		// What the pass leaves behind besides the text.
		o.isInputVisual = typeof o.isInputVisual === 'boolean' ? o.isInputVisual : true;
		payload.text = text;
	};
}

type Api = { events: [string, unknown][]; processArabic?: unknown };
const api = jsPDF.API as unknown as Api;

/** jsPDF's own passes, as found (textPasses.test.ts expects one of each). */
export const jsPdfPasses: { arabic?: Handler; bidi?: Handler; found: number } = { found: 0 };

// Each document subscribes jsPDF.API's handlers when it is made: replaced once, before any document.
for (const entry of api.events) {
	const [name, handler] = entry;
	if (typeof handler !== 'function') continue;
	if (name === 'preProcessText' && handler === api.processArabic) {
		jsPdfPasses.arabic = handler as Handler;
		jsPdfPasses.found++;
		entry[1] = arabicUnlessPlain(handler as Handler);
	} else if (name === 'postProcessText' && /isInputVisual/.test(String(handler))) {
		jsPdfPasses.bidi = handler as Handler;
		jsPdfPasses.found++;
		entry[1] = bidiUnlessPlain(handler as Handler);
	}
}
