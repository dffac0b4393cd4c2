// Build-time help for a fast first visit: (1) the modules the first screen needs (root layout, error page, /signin
// and their static imports) form one chunk, "shell", instead of thirty, each paying a round trip and ~800 bytes
// of headers on a phone's network; (2) the fallback page preloads Kit's tiny route nodes that only re-export from
// that chunk, so the sign-in form needs no request after the load event. Plain JS, loaded by vite.config.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** What a first visit renders: the layout, the error page (Kit loads it eagerly), /signin, and the client hooks. */
const ROOTS = [
	'src/routes/+layout.svelte',
	'src/routes/+error.svelte',
	'src/routes/signin/+page.svelte',
	'src/hooks.client.ts',
	'node_modules/@sveltejs/kit/src/runtime/components/error.svelte'
]
	.map((p) => resolve(ROOT, p))
	.map((p) => {
		// Loud, not silent: a moved file (Kit 3 moved its error page) would quietly shrink the shell chunk.
		if (!existsSync(p)) throw new Error(`first-visit-build: ${p} does not exist`);
		return p;
	});

export const SHELL_CHUNK = 'shell';
/**
 * What Kit's start script imports statically (SvelteKit 3: its payload module and Vite's preload helper) gets a
 * chunk of its own, claimed before the shell. The start script sets the payload before the app's modules evaluate;
 * were these in the shell, importing them would evaluate the whole shell first, `$app/env` would read the version
 * before it is set, and every error page would look like a new release and reload itself for ever.
 */
export const START_CHUNK = {
	name: 'start',
	test: /\/@sveltejs\/kit\/src\/runtime\/client\/payload\.js$|vite\/preload-helper/
};

/** @typedef {{ getModuleInfo(id: string): { importedIds: readonly string[] } | null }} ChunkingContext */

/** @type {Set<string> | null} */
let closure = null;

/** @param {ChunkingContext} ctx */
function firstVisitModules(ctx) {
	const seen = new Set();
	const stack = [...ROOTS];
	while (stack.length) {
		const id = /** @type {string} */ (stack.pop());
		if (seen.has(id)) continue;
		seen.add(id);
		for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) stack.push(next);
	}
	return seen;
}

/**
 * Rolldown `output.codeSplitting.groups[].name`: the shell chunk's name for a first-visit module, none for the rest.
 * @param {string} id
 * @param {ChunkingContext} ctx
 */
export function firstVisitChunk(id, ctx) {
	closure ??= firstVisitModules(ctx);
	return closure.has(id) ? SHELL_CHUNK : null;
}

/**
 * Kit's route nodes (entries of the client build) that are only a facade over the shell chunk.
 * @param {string} manifestPath the client build's .vite/manifest.json
 * @returns {string[]} their files, relative to the site root
 */
export function shellFacades(manifestPath) {
	/** @type {Record<string, { file: string; name?: string; imports?: string[]; css?: string[] }>} */
	const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
	const shell = Object.keys(m).find((k) => m[k]?.name === SHELL_CHUNK);
	if (!shell) return [];
	return Object.entries(m)
		.filter(
			([k, c]) =>
				/generated\/(?:build\/)?client-optimized\/nodes\/\d+\.js$/.test(k) &&
				!c.css?.length &&
				c.imports?.length === 1 &&
				c.imports[0] === shell
		)
		.map(([, c]) => c.file);
}

/**
 * Wraps an adapter so the fallback page it writes also modulepreloads the shell's facades (before it compresses).
 * @template {import('@sveltejs/kit').Adapter} A
 * @param {A} adapter
 * @returns {A}
 */
export function preloadFirstVisit(adapter) {
	return {
		...adapter,
		async adapt(builder) {
			const generateFallback = builder.generateFallback.bind(builder);
			const wrapped = Object.create(builder);
			wrapped.generateFallback = async (/** @type {string} */ dest) => {
				await generateFallback(dest);
				const manifest = join(builder.config.outDir, 'output/client/.vite/manifest.json');
				const base = builder.config.paths.base;
				const links = shellFacades(manifest).map((f) => `<link href="${base}/${f}" rel="modulepreload">`);
				const html = readFileSync(dest, 'utf8');
				// After Kit's own preloads, which name the shell chunk first.
				writeFileSync(
					dest,
					html.replace(
						/(<link href="[^"]*" rel="modulepreload">\s*)(?!.*rel="modulepreload")/s,
						`$1${links.join('\n\t\t')}\n\t\t`
					)
				);
			};
			return adapter.adapt(wrapped);
		}
	};
}
