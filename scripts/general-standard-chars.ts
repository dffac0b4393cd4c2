// Writes scripts/general-standard-chars.txt: the 8,105 characters of 通用规范汉字表 (2013), read from Unicode's Unihan (kTGH).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Debian's unicode-data package; only this script needs it, the build reads the list it writes. */
const UNIHAN = '/usr/share/unicode/Unihan_OtherMappings.txt.bz2';
export const GENERAL_STANDARD_FILE = fileURLToPath(new URL('./general-standard-chars.txt', import.meta.url));

/** The committed list's code points, in the table's order (what the font build keeps in the core). */
export function generalStandardCodePoints(): number[] {
	const text = readFileSync(GENERAL_STANDARD_FILE, 'utf8')
		.split('\n')
		.filter((line) => !line.startsWith('#'))
		.join('');
	return Array.from(text, (c) => c.codePointAt(0)!);
}

/** The characters in the table's own order ("U+5586\tkTGH\t2013:7294" lines). */
export function parseTgh(unihan: string): string[] {
	const byOrdinal: [number, string][] = [];
	for (const line of unihan.split('\n')) {
		const [cp, field, value] = line.split('\t');
		if (field !== 'kTGH' || !cp || !value) continue;
		const ordinal = Number(value.split(':')[1]);
		byOrdinal.push([ordinal, String.fromCodePoint(parseInt(cp.slice(2), 16))]);
	}
	return byOrdinal.sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const chars = parseTgh(execFileSync('bzcat', [UNIHAN], { encoding: 'utf8', maxBuffer: 64 << 20 }));
	if (chars.length !== 8105) throw new Error(`expected 8,105 characters, Unihan gave ${chars.length}`);
	const lines = [];
	for (let i = 0; i < chars.length; i += 50) lines.push(chars.slice(i, i + 50).join(''));
	writeFileSync(
		GENERAL_STANDARD_FILE,
		[
			'# 通用规范汉字表 (General Standard Chinese Characters, 2013): levels 1–3, 8,105 characters in the table order.',
			'# Level 3 (from 6,501) serves names, places, science and classical texts. Written by',
			"# scripts/general-standard-chars.ts from Unicode Unihan (field kTGH) of Debian's unicode-data package.",
			...lines,
			''
		].join('\n')
	);
	console.log(`${GENERAL_STANDARD_FILE}: ${chars.length} characters`);
}
