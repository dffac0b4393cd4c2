// Shared zod building blocks for user-entered text: trimmed, bounded, no control characters.
import { z } from 'zod';

// Control characters would survive into the PDF as invisible garbage; refuse them at the door.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const text = (max: number, min = 1) =>
	z
		.string()
		.trim()
		.min(min, { message: 'required' })
		.max(max, { message: 'tooLong' })
		.refine((s) => !CONTROL.test(s), { message: 'controlChar' });

export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const uuid = z.uuid();
/** Money is always an integer number of fen (分); never a float. */
export const fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
