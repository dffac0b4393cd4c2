// Vitest global setup: cuts the contract fonts once, in the main process, before any test worker starts.
import { buildFonts } from '../../../scripts/build-font';

// Several test files load the fonts (PDF rendering, contract generation, server re-render). Without this,
// each worker on a fresh clone would cut the 10 MB font itself, in parallel, racing the others.
export default async function setup(): Promise<void> {
	const started = performance.now();
	const result = await buildFonts();
	if (!result.skipped) console.log(`fonts cut for the tests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
