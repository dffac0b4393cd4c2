// CLI: render a built-in example or a stored record to PDF; refuses invalid records and characters the font lacks.
import { readFile, writeFile } from 'node:fs/promises';
import { ZodError } from 'zod';
import { contractRecord } from '../src/lib/domain/contract';
import { isKnownTemplateVersion, TEMPLATE_VERSIONS, type TemplateVersion } from '../src/lib/domain/templateVersions';
import { MissingGlyphError } from '../src/lib/pdf/coverage';
import { EXAMPLES, type ExampleKind } from '../src/lib/pdf/examples';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { buildFonts } from './build-font';
import { renderContractPdf } from '../src/lib/pdf/render';

const USAGE = `usage:
  npm run render -- --example framework|filing|order OUT.pdf [--record OUT.json] [--version TEMPLATE_VERSION]
  npm run render -- RECORD.json OUT.pdf`;

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

async function main(argv: string[]): Promise<void> {
	const recordAt = argv.indexOf('--record');
	const recordOut = recordAt >= 0 ? argv[recordAt + 1] : undefined;
	if (recordAt >= 0 && !recordOut) fail(USAGE);
	const versionAt = argv.indexOf('--version');
	const version = versionAt >= 0 ? argv[versionAt + 1] : undefined;
	if (versionAt >= 0 && !version) fail(USAGE);
	const skip = new Set<number>();
	if (recordAt >= 0) skip.add(recordAt).add(recordAt + 1);
	if (versionAt >= 0) skip.add(versionAt).add(versionAt + 1);
	const args = argv.filter((_, i) => !skip.has(i));

	let input: unknown;
	let out: string | undefined;
	if (args[0] === '--example') {
		const kind = args[1] as ExampleKind;
		if (!(kind in EXAMPLES)) fail(`unknown example "${args[1] ?? ''}"\n${USAGE}`);
		if (version !== undefined && !isKnownTemplateVersion(version, kind)) {
			fail(
				`template version "${version}" does not serve ${kind} contracts; known: ${Object.keys(TEMPLATE_VERSIONS).join(', ')}`
			);
		}
		input = EXAMPLES[kind](version as TemplateVersion | undefined);
		out = args[2];
	} else if (args[0]) {
		try {
			input = JSON.parse(await readFile(args[0], 'utf8'));
		} catch (error) {
			fail(`cannot read ${args[0]}: ${(error as Error).message}`);
		}
		out = args[1];
	}
	if (!out || args.length > 3) fail(USAGE);

	const parsed = contractRecord.safeParse(input);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(record)'}: ${i.message}`);
		fail(`record fails the contract schema:\n${lines.join('\n')}`);
	}
	const started = performance.now();
	await buildFonts();
	const fonts = await loadContractFontsNode(parsed.data.templateVersion);
	const pdf = await renderContractPdf(parsed.data, fonts);
	await writeFile(out, pdf);
	if (recordOut) await writeFile(recordOut, `${JSON.stringify(parsed.data, null, '\t')}\n`);
	console.log(
		`${out}: ${parsed.data.kind} ${parsed.data.number}, ${pdf.length} bytes in ${Math.round(performance.now() - started)} ms`
	);
}

main(process.argv.slice(2)).catch((error: unknown) => {
	if (error instanceof MissingGlyphError) {
		fail(
			`the contract font lacks "${error.char}" (U+${error.codePoint.toString(16).toUpperCase()}) in field ${error.field}`
		);
	}
	if (error instanceof ZodError) fail(`record fails the contract schema: ${error.message}`);
	fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
});
