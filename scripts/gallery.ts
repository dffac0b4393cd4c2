// The gallery: every route × state × language of the built app at 390×844, one PNG each and an index.html, for eyes.
// Builds the states exactly as the layout audit does (tests/support/e2e/app-states.ts) on a fresh demo server. Builds nothing:
// run `npm run build` first. Writes to $TMPDIR/contract-desk-gallery/ (or GALLERY_DIR): not test-results/, which every e2e
// run empties.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { arrive, buildStates, go, LANGS, setLanguage, type Lang } from '../tests/support/e2e/app-states';
import { ROOT, startServerProcess } from './server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ADMIN_TOKEN = randomBytes(18).toString('hex');

const slug = (s: string) =>
	s
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '') || 'home';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

type Shot = { route: string; state: string; files: Partial<Record<Lang, string>>; problems: string[] };

async function main(): Promise<void> {
	if (!existsSync(join(ROOT, 'build', '200.html'))) throw new Error('no build/ — run `npm run build` first');
	if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
	const out = resolve(process.env.GALLERY_DIR ?? join(tmpdir(), 'contract-desk-gallery'));
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	const started = Date.now();
	const log = (line: string) => console.log(`${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s ${line}`);

	const server = await startServerProcess({ ADMIN_TOKEN });
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
	const shots = new Map<string, Shot>();
	let n = 0;
	try {
		const states = await buildStates(browser, { base: server.base, adminToken: ADMIN_TOKEN, log });
		try {
			for (const phase of states.phases) {
				if (phase.before) await phase.before();
				const page = phase.page;
				for (const lang of LANGS) {
					await setLanguage(page, lang);
					for (const [i, scene] of phase.scenes.entries()) {
						const key = `${phase.name}\u0000${i}`;
						const shot = shots.get(key) ?? { route: scene.route, state: scene.state, files: {}, problems: [] };
						shots.set(key, shot);
						try {
							await go(page, scene.path);
							await arrive(page, scene);
						} catch (e) {
							// The picture of what shows instead is still worth having; the index says the state was not reached.
							shot.problems.push(`${lang}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
						}
						const file = `${String(++n).padStart(3, '0')}-${lang}-${slug(phase.name)}-${slug(scene.route)}-${slug(scene.state)}.png`;
						await page.screenshot({ path: join(out, file), fullPage: true, animations: 'disabled', caret: 'hide' });
						shot.files[lang] = file;
						if (scene.cleanup) await scene.cleanup(page).catch(() => undefined);
					}
				}
				log(`${phase.name}: ${phase.scenes.length} scenes in ${LANGS.length} languages`);
			}
		} finally {
			await states.close();
		}
	} finally {
		await browser.close();
		await server.stop();
	}

	const rows = [...shots.values()]
		.map(
			(s) =>
				`<tr><th>${escape(s.route)}<br><small>${escape(s.state)}</small>${s.problems
					.map((p) => `<br><strong>state not reached — ${escape(p)}</strong>`)
					.join(
						''
					)}</th>${LANGS.map((l) => `<td>${s.files[l] ? `<img src="${s.files[l]}" loading="lazy" alt="">` : ''}</td>`).join('')}</tr>`
		)
		.join('\n');
	writeFileSync(
		join(out, 'index.html'),
		`<!doctype html><meta charset="utf-8"><title>Contract Desk gallery</title>
<style>body{font:14px sans-serif}th{text-align:left;vertical-align:top;width:14em}img{width:390px;border:1px solid #ccc}</style>
<table><tr><th></th>${LANGS.map((l) => `<th>${l}</th>`).join('')}</tr>
${rows}</table>\n`
	);
	log(`wrote ${n} screenshots and index.html to ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((e: unknown) => {
		console.error(e);
		process.exitCode = 1;
	});
}
