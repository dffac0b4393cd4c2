// Vite configuration for the app build and for the unit/component/server tests (vitest).
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
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
