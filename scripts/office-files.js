// Build plugin: the client build's back-office files (chunks of office modules only, their CSS, the scanner's wasm), given to the service worker as `virtual:office-files` so it precaches none of them.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const OFFICE_FILES_ID = 'virtual:office-files';
/**
 * Kit builds the service worker with a configuration (and plugin instances) of its own, after the client: the list
 * goes through a file, not through this module's memory.
 */
const LIST = resolve('.svelte-kit/output/office-files.json');
const RESOLVED = `\0${OFFICE_FILES_ID}`;

/** The office's own modules and the scanner's decoder; Kit's generated route nodes count for neither side. */
const OFFICE_MODULE = /\/src\/(routes\/office|lib\/features\/office)\/|\/node_modules\/(barcode-detector|zxing-wasm)\//;
const NEUTRAL_MODULE = /\/\.svelte-kit\/generated\/|^\0/;

/**
 * A chunk holding office modules and nothing of the customers' app (a chunk shared with it stays precached).
 * @param {{ moduleIds: readonly string[] }} chunk
 */
export function officeOnly(chunk) {
	const own = chunk.moduleIds.filter((id) => !NEUTRAL_MODULE.test(id));
	return own.length > 0 && own.every((id) => OFFICE_MODULE.test(id));
}

/** @returns {import('vite').Plugin} */
export function officeFiles() {
	// The client environment may write more than one bundle (Kit's web workers have their own): the union is kept.
	/** @type {Set<string>} */
	const all = new Set();
	return {
		name: 'contract-desk-office-files',
		generateBundle(_options, bundle) {
			if (this.environment?.name !== 'client') return;
			const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
			const office = new Set(chunks.filter(officeOnly).map((c) => c.fileName));
			const out = new Set(office);
			for (const c of chunks) {
				if (!office.has(c.fileName)) continue;
				for (const css of c.viteMetadata?.importedCss ?? []) out.add(css);
				for (const asset of c.viteMetadata?.importedAssets ?? []) out.add(asset);
			}
			for (const o of Object.values(bundle))
				if (o.type === 'asset' && o.fileName.endsWith('.wasm')) out.add(o.fileName);
			mkdirSync(dirname(LIST), { recursive: true });
			for (const f of out) all.add(`/${f}`);
			writeFileSync(LIST, JSON.stringify([...all].sort()));
		},
		resolveId(id) {
			return id === OFFICE_FILES_ID ? RESOLVED : undefined;
		},
		load(id) {
			if (id !== RESOLVED) return undefined;
			// Outside a build (dev server, type checks) there is no client bundle and nothing to leave out.
			const files = existsSync(LIST) ? readFileSync(LIST, 'utf8') : '[]';
			return `export default ${files};`;
		}
	};
}
