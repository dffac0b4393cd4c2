// Imports point one way: the app's library (src/lib) never reaches into scripts/ (build tools) or server/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const LIB = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|svelte)$/.test(e.name) ? [join(dir, e.name)] : []
	);
}

it('no module of src/lib imports from scripts/ or server/', () => {
	const offenders = sources(LIB).filter((file) =>
		/(?:from|import)\s*\(?\s*['"](?:\.\.\/)+(?:scripts|server)\//.test(readFileSync(file, 'utf8'))
	);
	// Tests may use the build tools (e.g. coverage.test.ts reads the GBK list); the modules may not.
	expect(offenders.filter((f) => !f.endsWith('.test.ts')).map((f) => relative(LIB, f))).toEqual([]);
});
