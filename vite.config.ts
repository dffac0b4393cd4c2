// Vite configuration for the app build and for the unit/component/server tests (vitest).
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { firstVisitChunk } from './scripts/first-visit-build.js';

export default defineConfig({
	plugins: [sveltekit()],
	server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
	build: {
		rolldownOptions: {
			// Everything a first visit runs before the sign-in form is painted in one chunk (and one stylesheet): one
			// request instead of thirty, each paying a round trip and ~800 bytes of headers on a phone's network.
			output: { codeSplitting: { groups: [{ name: firstVisitChunk, priority: 10 }] } }
		}
	},
	test: {
		include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['./vitest.setup.ts'],
		globalSetup: ['./tests/unit/support/global-setup.ts', './tests/unit/support/pg-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000
	},
	resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined
});
