// Node font loading (server, tests, scripts): reads the built font files; it never builds them (`npm run font` does).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CURRENT_TEMPLATE_VERSION } from '../domain/templateVersions';
import { FONT_SETS, type FontSet, type FontSetId, fontSetOf, type SplitFace } from './fontSets';
import { assembleFont } from './fontSplit';
import type { ContractFonts } from './types';

/** Where scripts/build-font.ts writes the fonts (and the app build copies them from). */
export const FONT_DIR = fileURLToPath(new URL('../../../static/fonts/', import.meta.url));

const loading = new Map<string, Promise<ContractFonts>>();

async function read(dir: string, file: string): Promise<Uint8Array> {
	try {
		return new Uint8Array(await readFile(`${dir.replace(/\/?$/, '/')}${file}`));
	} catch (error) {
		throw new Error(`contract font ${file} is missing from ${dir}: run \`npm run font\``, { cause: error });
	}
}

/** The complete face of a split set, put together from core and rest and checked against its SHA-256. */
export async function readSplitFace(
	dir: string,
	face: SplitFace,
	withRest = true
): Promise<{ font: Uint8Array; pending: ReadonlySet<number> }> {
	const core = await read(dir, face.core);
	const rest = withRest ? await read(dir, face.rest) : undefined;
	const { font, sha256, pending } = assembleFont(core, rest);
	if (rest && !createHash('sha256').update(font).digest().equals(sha256)) {
		throw new Error(
			`contract font ${face.core} + ${face.rest} do not make the font they were cut from: run \`npm run font\``
		);
	}
	return { font, pending };
}

async function readRegular(dir: string, set: FontSet): Promise<Uint8Array> {
	return typeof set.regular === 'string' ? read(dir, set.regular) : (await readSplitFace(dir, set.regular)).font;
}

/** The faces a record of `templateVersion` renders with, read once per font set and folder. */
export function loadContractFontsNode(
	templateVersion: string = CURRENT_TEMPLATE_VERSION.framework,
	dir: string = FONT_DIR
): Promise<ContractFonts> {
	const set: FontSetId = fontSetOf(templateVersion);
	const key = `${dir}\0${set}`;
	let fonts = loading.get(key);
	if (!fonts) {
		const files: FontSet = FONT_SETS[set];
		fonts = Promise.all([readRegular(dir, files), read(dir, files.bold)]).then(
			([regular, bold]) => ({ regular, bold, set }),
			(error: unknown) => {
				loading.delete(key);
				throw error;
			}
		);
		loading.set(key, fonts);
	}
	return fonts;
}
