// Shared zod building blocks for user-entered text: NFC-normalised, trimmed, bounded, and only well-formed characters.
//
// Every text field is normalised to Unicode NFC *before* it is validated, so a value's length, its check and what
// is stored are all about the normalised string. This changes what is hashed: a contract record is fingerprinted
// (canonical JSON → SHA-256) and rendered from its parsed, normalised form, so "é" typed as e + U+0301 and "é" typed
// as U+00E9 give the same record, the same PDF and the same hash on every device and on the server. A record
// hashed before this rule with decomposed text would hash differently now; records are always parsed first.
import './zod-config';
import { z } from 'zod';

// Control characters would survive into the PDF as invisible garbage; refuse them at the door.
// C0, DEL and C1, plus the Unicode line and paragraph separators (single-line fields only).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

// A high surrogate not followed by a low one, or a low one not preceded by a high one: not text at all, and
// each layer (IndexedDB, JSON, SQLite, the PDF font check) would treat it differently.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane. Never meant for interchange.
const NONCHARACTER = new RegExp(
	`[\\uFDD0-\\uFDEF${Array.from({ length: 17 }, (_, plane) => {
		const base = (plane * 0x10000 + 0xfffe).toString(16);
		return `\\u{${base}}\\u{${(plane * 0x10000 + 0xffff).toString(16)}}`;
	}).join('')}]`,
	'u'
);

export type TextProblem = 'controlChar' | 'loneSurrogate' | 'nonCharacter';

/** The first reason a string is not well-formed text, or null. */
export function textProblem(s: string): TextProblem | null {
	if (LONE_SURROGATE.test(s)) return 'loneSurrogate';
	if (CONTROL.test(s)) return 'controlChar';
	if (NONCHARACTER.test(s)) return 'nonCharacter';
	return null;
}

export const nfc = (s: string): string => s.normalize('NFC');

/** Refines a string schema so that malformed text fails with its reason as the message (the field error key). */
function wellFormed<S extends z.ZodString>(schema: S) {
	return schema.check((ctx) => {
		const problem = textProblem(ctx.value);
		if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
	});
}

/** User-entered text: NFC first, then trimmed and checked. */
export const text = (max: number, min = 1) =>
	wellFormed(z.string().overwrite(nfc).trim().min(min, { message: 'required' }).max(max, { message: 'tooLong' }));

/**
 * The length the limits count, as the schema sees the value: NFC, trimmed, in code points (zod's `max` counts 𬘭 as
 * one), so a form's 「12/30」 and the server agree to the character.
 */
export const textLength = (s: string): number => [...nfc(s).trim()].length;

/** Identifiers and other machine-made strings: not normalised (they are compared byte for byte), but well-formed. */
export const token = (max: number, min = 1) => wellFormed(z.string().min(min).max(max));

export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const uuid = z.uuid();
/** Money is always an integer number of fen (分); never a float. */
export const fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
