// Size budget of the built app (issue 5): the home route's first-load JS + CSS stays ≤ 80 KB gzip, and the PDF
// engine and fonts stay out of it. Sizes of one build are exact, so this is a test, not a benchmark.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_MANIFEST, firstLoad } from '../../scripts/bench-pwa';

test('the home route loads at most 80 KB of gzipped JS and CSS, without jsPDF, zod or the fonts', () => {
	const manifest = JSON.parse(readFileSync(CLIENT_MANIFEST, 'utf8'));
	const { files, gzipBytes } = firstLoad(manifest);
	expect(gzipBytes / 1024, files.join('\n')).toBeLessThanOrEqual(80);
	const code = files.map((f) => readFileSync(join('build', f), 'utf8')).join('\n');
	expect(code).not.toContain('jsPDF');
	expect(code).not.toContain('.ttf');
	// pdf.js (print view) loads only with that view.
	expect(code).not.toContain('GlobalWorkerOptions');
	expect(code).not.toContain('pdf.worker');
	// zod's core error class: schemas load with the pages and the sync engine that need them.
	expect(code).not.toContain('$ZodError');
});
