// WCAG 1.4.11 non-text contrast of the focus ring and field borders, computed from app.css's colour variables.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const css = readFileSync(join(root, 'src/app.css'), 'utf8');

/** The `--name: #hex` custom properties of the first `:root` block. */
function variables(source: string): Map<string, string> {
	const block = /:root\s*\{([^}]*)\}/.exec(source)?.[1] ?? '';
	return new Map([...block.matchAll(/(--[\w-]+)\s*:\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function channels(hex: string): [number, number, number] {
	const h = hex.slice(1);
	const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
	return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
}

/** Relative luminance, WCAG 2.2's definition. */
function luminance(hex: string): number {
	const [r, g, b] = channels(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
		number,
		number,
		number
	];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function ratio(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

/** The declarations of every rule whose selector list is exactly `selector` (whitespace-insensitive). */
function rulesFor(source: string, selector: string): string[] {
	const want = selector.replace(/\s+/g, ' ').trim();
	return [...source.matchAll(/([^{}]+)\{([^{}]*)\}/g)]
		.filter(
			(m) =>
				m[1]!
					.replace(/\/\*[\s\S]*?\*\//g, '')
					.replace(/\s+/g, ' ')
					.trim() === want
		)
		.map((m) => m[2]!);
}

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []
	);
}

const vars = variables(css);
const color = (name: string): string => {
	const value = vars.get(name);
	if (!value) throw new Error(`app.css defines no ${name}`);
	return value;
};

describe('non-text contrast (WCAG 1.4.11: at least 3:1)', () => {
	it('the WCAG formula itself: black on white is 21:1, the old ring 2.16:1', () => {
		expect(ratio('#000', '#fff')).toBeCloseTo(21, 5);
		expect(ratio('#f0a000', '#ffffff')).toBeCloseTo(2.16, 2);
	});

	// Where the ring is drawn: cards, fields and the tab bar are the surface (#fff), pages the background.
	const light = ['--c-surface', '--c-bg'];
	it.each(light)('the focus ring against %s', (bg) => {
		expect(ratio(color('--c-focus'), color(bg))).toBeGreaterThanOrEqual(3);
	});
	it('the header’s focus ring against the header (--c-primary)', () => {
		expect(ratio(color('--c-focus-on-primary'), color('--c-primary'))).toBeGreaterThanOrEqual(3);
	});
	it.each(light)('a field’s border against %s', (bg) => {
		expect(ratio(color('--c-control-border'), color(bg))).toBeGreaterThanOrEqual(3);
	});

	it('app.css draws the ring and the field borders with those variables', () => {
		expect(rulesFor(css, ':focus-visible').join('')).toMatch(/outline:[^;]*var\(--c-focus\)/);
		expect(rulesFor(css, 'header.app-header :focus-visible').join('')).toMatch(
			/outline-color:\s*var\(--c-focus-on-primary\)/
		);
		expect(rulesFor(css, 'input, select, textarea').join('')).toMatch(/border:[^;]*var\(--c-control-border\)/);
	});

	it('no stylesheet draws a focus outline in a colour of its own', () => {
		const offenders = [join(root, 'src/app.css'), ...svelteFiles(join(root, 'src'))].flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/outline(?:-color)?\s*:[^;]*(#[0-9a-f]{3,8}\b|rgb|hsl)/gi)].map(
				(m) => `${file.slice(root.length + 1)}: ${m[0]}`
			)
		);
		expect(offenders).toEqual([]);
	});
});
