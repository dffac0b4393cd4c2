// Node font loading (server, tests, scripts): reads the built font files; it never builds them (`npm run font` does).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CURRENT_TEMPLATE_VERSION } from '../domain/templateVersions';
import { FONT_SETS, type FontSetId, fontSetOf } from './fontSets';
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

/** The faces a record of `templateVersion` renders with, read once per font set and folder. */
export function loadContractFontsNode(
	templateVersion: string = CURRENT_TEMPLATE_VERSION.framework,
	dir: string = FONT_DIR
): Promise<ContractFonts> {
	const set: FontSetId = fontSetOf(templateVersion);
	const key = `${dir}\0${set}`;
	let fonts = loading.get(key);
	if (!fonts) {
		const files = FONT_SETS[set];
		fonts = Promise.all([read(dir, files.regular), read(dir, files.bold)]).then(
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
