// The render worker's messages, and its errors carried across the thread boundary with their class and fields.
import { ZodError } from 'zod';
import type { ContractRecord } from '../../domain/contract';
import { GlyphPendingError, MissingGlyphError } from '../../pdf/coverage';
import type { FontSetId } from '../../pdf/fontSets';
import type { RenderOptions } from '../../pdf/types';
import type { RenderedPdf } from './pdfDocument';

export type RenderRequest =
	| { id: number; type: 'fonts'; templateVersion: string }
	/** `as: 'document'`: answered with the stored form (RenderedPdf), not the bytes. */
	| { id: number; type: 'render'; record: ContractRecord; options?: RenderOptions; as?: 'document' }
	| { id: number; type: 'warm'; templateVersion: string };

/**
 * Not a request (no answer): characters the user has typed or will print. The worker starts fetching the font's rest
 * if its core lacks any of them, so the document that needs them does not wait for megabytes after the click.
 */
export type CharactersHint = { type: 'characters'; templateVersion: string; text: string };

/** Everything the page posts to the worker. */
export type PageMessage = RenderRequest | CharactersHint;

/** What a 'fonts' (and a 'warm') request answers: the set loaded in the worker (its rest may still be on its way). */
export type FontsLoaded = { set: FontSetId | undefined };

/** A span of the worker's work, in the worker's clock (`origin` is its performance.timeOrigin). */
export type WorkerTiming = { name: string; start: number; duration: number };

/** `id` 0 answers no request: a throwaway render the worker did on its own, bringing only its spans. */
export type RenderResponse =
	| {
			id: number;
			ok: true;
			value: Uint8Array | RenderedPdf | FontsLoaded | null;
			origin: number;
			timings: WorkerTiming[];
	  }
	| { id: number; ok: false; error: SerializedError; origin: number; timings: WorkerTiming[] };

/**
 * Sent during a 'render' request, before its response: the record needs characters of the font's rest, which the
 * worker waits for ('fonts'), then renders ('rendering'); the page shows the phase (a phone downloads megabytes).
 */
export type RenderProgress = { id: number; progress: RenderPhase };
export type RenderPhase = 'fonts' | 'rendering';

/** Everything the worker posts to the page. */
export type WorkerMessage = RenderResponse | RenderProgress;

export type SerializedError = {
	name: string;
	message: string;
	stack?: string;
	/** MissingGlyphError, GlyphPendingError. */
	char?: string;
	field?: string;
	/** UnknownTemplateVersionError. */
	version?: string;
	kind?: string;
	/** ZodError. */
	issues?: unknown[];
};

export function serializeError(e: unknown): SerializedError {
	if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
	const out: SerializedError = { name: e.name, message: e.message, stack: e.stack };
	const fields = e as Partial<Record<'char' | 'field' | 'version' | 'kind', unknown>>;
	for (const key of ['char', 'field', 'version', 'kind'] as const) {
		if (typeof fields[key] === 'string') out[key] = fields[key];
	}
	if (e instanceof ZodError) out.issues = JSON.parse(JSON.stringify(e.issues)) as unknown[];
	return out;
}

const BUILT_IN: Record<string, ErrorConstructor> = { TypeError, RangeError, SyntaxError, ReferenceError };

/**
 * The error as the page would have seen it rendering itself: the UI tells a missing glyph, a pending glyph, a
 * schema error and an offline font fetch (TypeError, or "font …") apart by class and fields.
 * UnknownTemplateVersionError's class lives beside the renderers: loaded only on that rare path.
 */
export async function reviveError(s: SerializedError): Promise<Error> {
	let e: Error;
	if (s.name === 'MissingGlyphError' && s.char && s.field !== undefined) e = new MissingGlyphError(s.char, s.field);
	else if (s.name === 'GlyphPendingError' && s.char && s.field !== undefined)
		e = new GlyphPendingError(s.char, s.field);
	else if (s.name === 'ZodError' && s.issues) e = new ZodError(s.issues as ZodError['issues']);
	else if (s.name === 'UnknownTemplateVersionError' && s.version !== undefined) {
		const { UnknownTemplateVersionError } = await import('../../pdf/registry');
		e = new UnknownTemplateVersionError(s.version, s.kind);
	} else {
		e = new (BUILT_IN[s.name] ?? Error)(s.message);
		if (!BUILT_IN[s.name]) e.name = s.name;
	}
	if (s.stack) e.stack = s.stack;
	return e;
}
