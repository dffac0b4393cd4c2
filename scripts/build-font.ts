// Cuts the contract fonts from Noto Serif SC at build time: the regular faces (GBK cut; from 2026.3 the complete face, split into core and rest) and, per font set, a headings-only bold face.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { readCmap, readCmapGlyphs } from '../src/lib/pdf/cmap';
import { FONT_SETS, type FontSet, fontFiles, regularFiles, type SplitFace } from '../src/lib/pdf/fontSets';
import { splitFont } from '../src/lib/pdf/fontSplit';
import { GENERAL_STANDARD_FILE, generalStandardCodePoints } from './general-standard-chars';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FONT_DIR = join(ROOT, 'static', 'fonts');
const STAMP_FILE = '.stamp';
/** Font URL → the revision the service worker caches it under (src/service-worker.ts). */
export const REVISIONS_FILE = '.revisions.json';

const require = createRequire(import.meta.url);
// subset-font ships no type declarations; this is the part of its API we use.
type SubsetOptions = {
	targetFormat: 'truetype';
	noHinting?: boolean;
	noLayoutClosure?: boolean;
	dropTables?: string[];
};
const subsetFont = require('subset-font') as (font: Buffer, text: string, options: SubsetOptions) => Promise<Buffer>;
const SOURCE = {
	regular: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
	bold: require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')
};

// Punctuation and symbols a contract uses beyond GBK's own repertoire (most are in GBK already).
const EXTRA = '、。，；：？！（）「」『』【】《》“”‘’—…·￥¥×÷±≤≥℃№§①②③④⑤⑥⑦⑧⑨⑩　';

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Double-byte codes that GB18030-2005 maps to the Private Use Area and GB18030-2022 to standard characters
 * (vertical forms, ideographic description characters, CJK components; the WHATWG Encoding standard took
 * the change in 2024, Node 22+ and current browsers decode them so). The released GBK cut (2026.1–2026.2)
 * was made with the 2005 mapping, which left them out as private use; naming them here keeps the cut, and so
 * those versions' PDFs, byte for byte whichever runtime runs the build.
 */
const PUA_IN_GB18030_2005: readonly (readonly [number, number])[] = [
	[0xa2e3, 0xa2e3],
	[0xa3a0, 0xa3a0],
	[0xa6d9, 0xa6df],
	[0xa6ec, 0xa6ed],
	[0xa6f3, 0xa6f3],
	[0xa8bc, 0xa8bc],
	[0xa8bf, 0xa8bf],
	[0xa989, 0xa995],
	[0xfe50, 0xfe50],
	[0xfe54, 0xfe6b],
	[0xfe6d, 0xfe75],
	[0xfe77, 0xfe7e],
	[0xfe80, 0xfe90],
	[0xfe92, 0xfea0]
];

/** The one character a GBK double-byte code stands for, or undefined for an unmapped or private-use code. */
function gbkCharacter(decoder: TextDecoder, lead: number, trail: number): number | undefined {
	const code = (lead << 8) | trail;
	if (PUA_IN_GB18030_2005.some(([from, to]) => code >= from && code <= to)) return undefined;
	const s = decoder.decode(new Uint8Array([lead, trail]));
	const cp = s.codePointAt(0);
	if (cp === undefined || [...s].length !== 1 || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff)) return undefined;
	return cp;
}

/** Every character GBK encodes, found by decoding each double-byte code; private-use mappings are left out. */
export function gbkCodePoints(): number[] {
	const decoder = new TextDecoder('gbk', { fatal: false });
	const out = new Set<number>();
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f) continue;
			const cp = gbkCharacter(decoder, lead, trail);
			if (cp !== undefined) out.add(cp);
		}
	}
	return [...out].sort((a, b) => a - b);
}

function regularCodePoints(): number[] {
	const set = new Set<number>([
		...range(0x20, 0x7e), // ASCII
		...range(0xff01, 0xff5e), // full-width forms
		...range(0xffe0, 0xffe5),
		...range(0x3000, 0x3011),
		...gbkCodePoints(),
		...[...EXTRA].map((c) => c.codePointAt(0)!)
	]);
	return [...set].sort((a, b) => a - b);
}

/** Every character GB 2312 encodes (rows 0xA1–0xF7 of the double-byte area, decoded with the GBK superset). */
export function gb2312CodePoints(): number[] {
	const decoder = new TextDecoder('gbk', { fatal: false });
	const out = new Set<number>();
	for (let lead = 0xa1; lead <= 0xf7; lead++) {
		for (let trail = 0xa1; trail <= 0xfe; trail++) {
			const cp = gbkCharacter(decoder, lead, trail);
			if (cp !== undefined) out.add(cp);
		}
	}
	return [...out].sort((a, b) => a - b);
}

const TEMPLATES_DIR = join(ROOT, 'src', 'lib', 'pdf', 'templates');

/** Every character written in a template folder's sources (its fixed text, labels and formats). */
function templateText(template: string): string {
	const dir = join(TEMPLATES_DIR, template);
	return readdirSync(dir)
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
		.sort()
		.map((f) => readFileSync(join(dir, f), 'utf8'))
		.join('');
}

/**
 * What a device gets on its first visit: the characters of nearly all real Chinese text (GB 2312) and of today's
 * names and places (通用规范汉字表: 1,467 more, such as 喆 and 堃, so that a first contract seldom waits for the rest),
 * ASCII, Latin-1, the punctuation and symbols blocks, and every character the template itself draws.
 */
export function coreCodePoints(face: SplitFace): number[] {
	const set = new Set<number>([
		...range(0x20, 0x7e),
		...range(0xa0, 0xff),
		...range(0x2000, 0x206f),
		...range(0x3000, 0x303f),
		...range(0xff01, 0xff5e),
		...range(0xffe0, 0xffe6),
		...gb2312CodePoints(),
		...generalStandardCodePoints(),
		...[...EXTRA].map((c) => c.codePointAt(0)!),
		...[...templateText(face.template)].map((c) => c.codePointAt(0)!)
	]);
	return [...set].sort((a, b) => a - b);
}

function boldCodePoints(texts: readonly string[]): number[] {
	const set = new Set<number>([...range(0x20, 0x7e), ...[...texts.join('')].map((c) => c.codePointAt(0)!)]);
	return [...set].sort((a, b) => a - b);
}

function stamp(): string {
	const hash = createHash('sha256');
	hash.update(readFileSync(fileURLToPath(import.meta.url)));
	hash.update(JSON.stringify(FONT_SETS));
	hash.update(readFileSync(GENERAL_STANDARD_FILE));
	// A split face's core follows its template's characters.
	for (const set of Object.values(FONT_SETS as Record<string, FontSet>)) {
		if (typeof set.regular !== 'string') hash.update(templateText(set.regular.template));
	}
	for (const file of Object.values(SOURCE)) hash.update(`${file}:${statSync(file).size}`);
	return hash.digest('hex');
}

/**
 * Writes through a temporary file in the same folder and renames it into place: a concurrent reader
 * (another test worker, a running build) sees the old file or the new one, never a half-written one.
 */
function writeAtomic(path: string, data: string | Uint8Array): void {
	const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	try {
		writeFileSync(temp, data);
		renameSync(temp, path);
	} finally {
		rmSync(temp, { force: true });
	}
}

export type FontBuildResult = { files: string[]; skipped: boolean; missing: number[] };

/** Writes a file with its precompressed siblings for the server (it serves .br/.gz when present). */
function writeWithCompressed(out: string, data: Uint8Array): void {
	writeAtomic(out, data);
	// Otherwise every first download of a multi-MB face would be gzipped on the fly. Brotli quality 5: 5.6 MB
	// for the 10 MB GBK face in ~0.5 s; 11 saves 0.6 MB for 20 s.
	writeAtomic(
		`${out}.br`,
		brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } })
	);
	writeAtomic(`${out}.gz`, gzipSync(data, { level: 9 }));
}

async function subset(source: string, codePoints: number[]): Promise<{ font: Uint8Array; missing: number[] }> {
	const src = readFileSync(source);
	const available = readCmap(src);
	const missing = codePoints.filter((cp) => !available.has(cp));
	const wanted = codePoints.filter((cp) => available.has(cp));
	const text = String.fromCodePoint(...wanted);
	const font = await subsetFont(src, text, {
		targetFormat: 'truetype',
		noHinting: true,
		noLayoutClosure: true,
		// jsPDF neither shapes nor sets vertical text; these tables would only add weight.
		dropTables: ['GSUB', 'GPOS', 'GDEF', 'BASE', 'vhea', 'vmtx', 'VORG', 'DSIG', 'gasp', 'meta']
	});
	const got = readCmap(font);
	const lost = wanted.filter((cp) => !got.has(cp));
	if (lost.length) throw new Error(`subset lost ${lost.length} characters, e.g. U+${lost[0]!.toString(16)}`);
	return { font: new Uint8Array(font), missing };
}

async function cut(source: string, codePoints: number[], out: string): Promise<number[]> {
	const { font, missing } = await subset(source, codePoints);
	writeWithCompressed(out, font);
	return missing;
}

/**
 * The complete regular face (every code point of the source), written as core + rest. The complete font is
 * cut like the others (no hinting, no layout tables) so that it is the same font whichever part a device has.
 */
async function cutSplit(
	face: SplitFace
): Promise<{ coreBytes: number; restBytes: number; full: number; coreChars: number }> {
	const all = [...readCmap(readFileSync(SOURCE.regular))].sort((a, b) => a - b);
	const { font } = await subset(SOURCE.regular, all);
	const glyphs = readCmapGlyphs(font);
	const coreChars = coreCodePoints(face).filter((cp) => glyphs.has(cp));
	const keep = new Set<number>([0, ...coreChars.map((cp) => glyphs.get(cp)!)]);
	const sha = createHash('sha256').update(font).digest();
	const { core, rest } = splitFont(font, keep, new Uint8Array(sha));
	writeWithCompressed(join(FONT_DIR, face.core), core);
	writeWithCompressed(join(FONT_DIR, face.rest), rest);
	return { coreBytes: core.length, restBytes: rest.length, full: font.length, coreChars: coreChars.length };
}

/**
 * The revision a font file is cached under: its content, so a release that leaves its bytes alone (a new template
 * version on the same set, refactored template code, a build in another folder) has devices download nothing.
 */
export function fontRevision(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Every font file's URL with its revision, as written to REVISIONS_FILE. */
export function fontRevisions(dir: string = FONT_DIR): Record<string, string> {
	return Object.fromEntries(fontFiles().map((f) => [`/fonts/${f}`, fontRevision(readFileSync(join(dir, f)))]));
}

/** Builds every face of every font set (src/lib/pdf/fontSets.ts) into static/fonts unless the stamp says they are current. */
export async function buildFonts(
	options: { force?: boolean; log?: (line: string) => void } = {}
): Promise<FontBuildResult> {
	const log = options.log ?? (() => {});
	const files = fontFiles().map((f) => join(FONT_DIR, f));
	const sets = Object.values(FONT_SETS as Record<string, FontSet>);
	const regulars = [...new Set(sets.map((s) => s.regular).filter((r): r is string => typeof r === 'string'))];
	const splits = sets.map((s) => s.regular).filter((r): r is SplitFace => typeof r !== 'string');
	const compressed = [...regulars, ...splits.flatMap(regularFiles)];
	const stampPath = join(FONT_DIR, STAMP_FILE);
	const want = stamp();
	const current =
		[...files, ...compressed.flatMap((f) => [`${join(FONT_DIR, f)}.br`, `${join(FONT_DIR, f)}.gz`])].every((f) =>
			existsSync(f)
		) &&
		existsSync(stampPath) &&
		readFileSync(stampPath, 'utf8') === want;
	if (current && !options.force) {
		if (!existsSync(join(FONT_DIR, REVISIONS_FILE)))
			writeAtomic(join(FONT_DIR, REVISIONS_FILE), JSON.stringify(fontRevisions(), null, '\t'));
		return { files, skipped: true, missing: [] };
	}

	mkdirSync(FONT_DIR, { recursive: true });
	// The sets up to 2026.2 share the one GBK regular cut; a set with another repertoire names other files.
	const missing = new Set<number>();
	for (const file of regulars) {
		const path = join(FONT_DIR, file);
		for (const cp of await cut(SOURCE.regular, regularCodePoints(), path)) missing.add(cp);
		log(`${file}: ${statSync(path).size} bytes, ${missing.size} requested characters absent from the source font`);
	}
	for (const face of splits) {
		const r = await cutSplit(face);
		log(
			`${face.core}: ${r.coreBytes} bytes (${r.coreChars} characters' outlines), ${face.rest}: ${r.restBytes} bytes; complete face ${r.full} bytes`
		);
	}
	for (const set of sets) {
		const path = join(FONT_DIR, set.bold);
		const missingBold = await cut(SOURCE.bold, boldCodePoints(set.boldTexts), path);
		if (missingBold.length)
			throw new Error(`bold source lacks template characters: ${String.fromCodePoint(...missingBold)}`);
		log(`${set.bold}: ${statSync(path).size} bytes`);
	}
	writeAtomic(join(FONT_DIR, REVISIONS_FILE), JSON.stringify(fontRevisions(), null, '\t'));
	// The stamp goes last: until it matches, readers treat the fonts as stale.
	writeAtomic(stampPath, want);
	return { files, skipped: false, missing: [...missing] };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const started = performance.now();
	const result = await buildFonts({ force: process.argv.includes('--force'), log: console.log });
	if (result.missing.length) {
		console.log(
			`absent from the source font: ${result.missing.map((cp) => `U+${cp.toString(16).toUpperCase()}`).join(' ')}`
		);
	}
	console.log(
		result.skipped
			? `fonts are up to date (${FONT_DIR})`
			: `fonts written to ${FONT_DIR} in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
}
