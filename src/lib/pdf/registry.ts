// One renderer per released template version: a record renders with the template it was generated with.
import { templateVersionInfo, type TemplateVersion } from '../domain/templateVersions';
import { renderer2026_1 } from './templates/2026.1/render';
import { renderer2026_2 } from './templates/2026.2/render';
import { renderer2026_3 } from './templates/2026.3/render';
import { renderer2026_4 } from './templates/2026.4/render';
import { renderer2026_5 } from './templates/2026.5/render';
import type { TemplateRenderer } from './types';

/** Typed over TemplateVersion: releasing a version without a renderer does not compile. */
export const RENDERERS: Record<TemplateVersion, TemplateRenderer> = {
	'CD-FA-2026.1': renderer2026_1,
	'CD-FA-2026.2': renderer2026_2,
	'CD-FL-2026.2': renderer2026_2,
	'CD-OR-2026.2': renderer2026_2,
	'CD-FA-2026.3': renderer2026_3,
	'CD-FL-2026.3': renderer2026_3,
	'CD-OR-2026.3': renderer2026_3,
	'CD-FA-2026.4': renderer2026_4,
	'CD-FL-2026.4': renderer2026_4,
	'CD-OR-2026.4': renderer2026_4,
	'CD-FA-2026.5': renderer2026_5,
	'CD-FL-2026.5': renderer2026_5,
	'CD-OR-2026.5': renderer2026_5
};

export class UnknownTemplateVersionError extends Error {
	override name = 'UnknownTemplateVersionError';
	constructor(
		readonly version: string,
		readonly kind?: string
	) {
		super(
			kind === undefined
				? `No renderer for template version "${version}"`
				: `Template version "${version}" has no renderer for ${kind} contracts`
		);
	}
}

/** The renderer of a version that serves this kind; throws UnknownTemplateVersionError otherwise. */
export function rendererFor(version: string, kind?: string): TemplateRenderer {
	const info = templateVersionInfo(version);
	if (!info || !Object.hasOwn(RENDERERS, version)) throw new UnknownTemplateVersionError(version);
	if (kind !== undefined && !(info.kinds as readonly string[]).includes(kind))
		throw new UnknownTemplateVersionError(version, kind);
	return RENDERERS[version as TemplateVersion];
}
