// Lint configuration: ESLint's and typescript-eslint's recommended rules, promise rules with type information,
// Svelte's rules; formatting is Prettier's alone (eslint-config-prettier turns the overlapping rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Released template versions are frozen byte for byte (their sources feed the font cut): never linted or fixed. */
const RELEASED_TEMPLATES = ['2026.1', '2026.2', '2026.3', '2026.4'].map((v) => `src/lib/pdf/templates/${v}/`);

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'static/',
			'data/',
			'.bench/',
			'test-results/',
			'playwright-report/',
			'src/lib/pdf/generated/',
			...RELEASED_TEMPLATES
		]
	},
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: { allowDefaultProject: ['*.js', 'server/render/*.mjs', 'src/service-worker.ts'] },
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		// The Svelte options live in vite.config.ts (SvelteKit 3), which the parser cannot read; it needs only runes mode.
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig: { compilerOptions: { runes: true } } } }
	},
	{
		rules: {
			// A promise nobody awaits loses its error; `void` marks the ones left running on purpose.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			// `_name` marks what a destructuring or a signature leaves out on purpose.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			// The app is a static SPA served at the root (no paths.base): resolve() would return every href unchanged.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Test helpers live under tests/support/ (mirroring the folder they serve); the product never imports them.
		files: ['src/**', 'server/**'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/tests/**'], message: 'test helpers are for tests only' }] }
			]
		}
	}
);
