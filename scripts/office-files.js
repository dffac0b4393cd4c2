// Build plugin: the client build's back-office files (the office… chunks, the route nodes that load them, their CSS, the scanner's wasm), given to the service worker as `virtual:office-files` so it precaches none of them.

export const OFFICE_FILES_ID = 'virtual:office-files';
const RESOLVED = `\0${OFFICE_FILES_ID}`;

/** @returns {import('vite').Plugin} */
export function officeFiles() {
	/** @type {string[]} */
	let files = [];
	return {
		name: 'contract-desk-office-files',
		generateBundle(_options, bundle) {
			if (this.environment?.name !== 'client') return;
			const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
			const office = new Set(
				chunks.filter((c) => c.name === 'office' || c.name === 'office-scan').map((c) => c.fileName)
			);
			// Kit's route nodes of /office: entries that import the office chunk (the customers' never do).
			for (const c of chunks) if (c.isEntry && c.imports.some((i) => office.has(i))) office.add(c.fileName);
			const out = new Set(office);
			for (const c of chunks) {
				if (!office.has(c.fileName)) continue;
				for (const css of c.viteMetadata?.importedCss ?? []) out.add(css);
				for (const asset of c.viteMetadata?.importedAssets ?? []) out.add(asset);
			}
			for (const o of Object.values(bundle))
				if (o.type === 'asset' && o.fileName.endsWith('.wasm')) out.add(o.fileName);
			files = [...out].map((f) => `/${f}`).sort();
		},
		resolveId(id) {
			return id === OFFICE_FILES_ID ? RESOLVED : undefined;
		},
		load(id) {
			return id === RESOLVED ? `export default ${JSON.stringify(files)};` : undefined;
		}
	};
}
