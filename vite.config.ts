// Vite configuration for the app build (SvelteKit: a static SPA with a fallback page, served by server/) and for the
// unit/component/server tests (vitest). Since SvelteKit 3 its options live here, in sveltekit({...}).
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { START_CHUNK, firstVisitChunk, preloadFirstVisit } from './scripts/first-visit-build.js';
import { officeFiles } from './scripts/office-files.js';

// One version per build: the config is evaluated more than once, and every evaluation must agree.
process.env.APP_VERSION ??= String(Date.now());

export default defineConfig({
	plugins: [
		officeFiles(),
		sveltekit({
			preprocess: vitePreprocess(),
			compilerOptions: { runes: true },
			// .br/.gz next to each text asset, picked by server/http/static.ts (serveStatic precompressed): brotli at max quality
			// once per build instead of gzip per request. Kit leaves the .ttf fonts alone; compress() gzips those on the fly.
			adapter: preloadFirstVisit(adapter({ fallback: '200.html', precompress: true, strict: false })),
			// The service worker is registered by lib/pwa so updates can be prompted, not forced.
			serviceWorker: { register: false },
			// No polling of /_app/version.json (Kit 3 polls hourly by default): the service worker finds new releases.
			version: { name: process.env.APP_VERSION, pollInterval: 0 },
			// The page's policy; Kit adds the hash of its inline start-up script to script-src. server/http/security-headers.ts
			// sends the same policy as a header, plus what a <meta> cannot carry (frame-ancestors).
			csp: {
				mode: 'hash',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					// No <style> elements from anywhere else; style attributes (Svelte's style: bindings, the shell's
					// display:contents) cannot run code, and refusing them would break rendering for no gain.
					'style-src': ['self'],
					'style-src-attr': ['unsafe-inline'],
					// blob: only for the print view, which shows the PDF's pages as images it drew on the device.
					'img-src': ['self', 'blob:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'worker-src': ['self'],
					'manifest-src': ['self'],
					// Nothing is framed: the print view draws the PDF's pages itself (pdf.js in a worker from 'self').
					'frame-src': ['none'],
					'object-src': ['none'],
					'base-uri': ['none'],
					'form-action': ['self']
				}
			}
		})
	],
	server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
	// The render worker (src/lib/features/contracts/render.worker.ts) is a module worker in ONE file: Kit's list of
	// immutable files (what the service worker precaches) names a worker's entry but not chunks it splits off, so the
	// renderers' import('jspdf') is inlined there instead of fetched, uncached, on an offline cold start.
	worker: { format: 'es', rolldownOptions: { output: { codeSplitting: false } } },
	environments: {
		client: {
			build: {
				rolldownOptions: {
					// Everything a first visit runs before the sign-in form is painted in one chunk (and one stylesheet): one
					// request instead of thirty, each paying a round trip and ~800 bytes of headers on a phone's network.
					// Client only: the server build runs first in the same process and must not claim the chunk's modules.
					// What Kit's start script needs is claimed first, by a chunk of its own (see START_CHUNK).
					output: {
						codeSplitting: {
							groups: [
								{ ...START_CHUNK, priority: 20 },
								{ name: firstVisitChunk, priority: 10 }
							]
						}
					}
				}
			}
		}
	},
	test: {
		include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['./vitest.setup.ts'],
		globalSetup: ['./tests/support/unit/global-setup.ts', './tests/support/unit/pg-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000
	},
	resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined
});
