// SvelteKit configuration: a static SPA with a fallback page, served by server/.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { preloadFirstVisit } from './scripts/first-visit-build.js';

// One version per build: the config is evaluated more than once, and every evaluation must agree.
process.env.APP_VERSION ??= String(Date.now());

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// .br/.gz next to each text asset, picked by server/static.ts (serveStatic precompressed): brotli at max quality
		// once per build instead of gzip per request. Kit leaves the .ttf fonts alone; compress() gzips those on the fly.
		adapter: preloadFirstVisit(adapter({ fallback: '200.html', precompress: true, strict: false })),
		// The service worker is registered by lib/pwa so updates can be prompted, not forced.
		serviceWorker: { register: false },
		version: { name: process.env.APP_VERSION },
		// The page's policy; Kit adds the hash of its inline start-up script to script-src. server/security-headers.ts
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
	}
};
