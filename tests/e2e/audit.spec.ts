// The layout audit: every route in every state a user can reach, zh-CN and English, 320/360/390/430 px wide (320 also with
// WCAG 1.4.12 text spacing): nothing wider than the phone, no text cut, targets ≥ 44 px, the tab bar on screen, no axe
// violation, no ASCII punctuation beside Chinese. Every finding of every page is reported together, naming the element.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../../scripts/server-process';
import {
	arrive,
	buildStates,
	go,
	LANGS,
	setLanguage,
	settle,
	type AppStates,
	type Lang,
	type Scene
} from '../support/e2e/app-states';
import { axeFindings, inPageFindings, textSpacing, type Finding } from '../support/e2e/audit-checks';

/** The widths checked, narrowest first; 390 last because axe and the Chinese punctuation run there, once per page. */
const WIDTHS = [
	{ label: '320', width: 320 },
	{ label: '320+spacing', width: 320, spacing: true },
	{ label: '360', width: 360 },
	{ label: '430', width: 430 },
	{ label: '390', width: 390 }
];
const HEIGHT = 844;
const ADMIN_TOKEN = randomBytes(18).toString('hex');

type Located = Finding & { route: string; state: string; lang: Lang; width: string };

let server: ServerProcess | undefined;
let states: AppStates | undefined;
let buildSeconds = 0;

test.describe('layout audit', () => {
	// The states change the demo accounts (a renamed entity, a verified second account): a server of their own.
	test.beforeAll(async ({ browser }) => {
		test.setTimeout(300_000);
		const started = Date.now();
		server = await startServerProcess({ ADMIN_TOKEN });
		const log = (line: string) => console.log(`audit: ${((Date.now() - started) / 1000).toFixed(0)} s ${line}`);
		states = await buildStates(browser, { base: server.base, adminToken: ADMIN_TOKEN, log });
		buildSeconds = (Date.now() - started) / 1000;
	});

	test.afterAll(async () => {
		await states?.close();
		await server?.stop();
	});

	/**
	 * Findings merged for reading: one line per route, element and problem, with the languages, widths (and what was
	 * measured at each) and states it shows in; the same element in many rows (a list) counts once, with its texts.
	 */
	function report(found: Located[]): { text: string; distinct: number } {
		type Group = {
			f: Located;
			langs: Set<string>;
			states: Set<string>;
			widths: Map<string, string>;
			texts: Set<string>;
		};
		const groups = new Map<string, Group>();
		for (const f of found) {
			const key = [f.rule, f.route, f.element, f.detail].join('\u0000');
			let g = groups.get(key);
			if (!g) groups.set(key, (g = { f, langs: new Set(), states: new Set(), widths: new Map(), texts: new Set() }));
			g.langs.add(f.lang);
			g.states.add(f.state);
			if (!g.widths.has(f.width)) g.widths.set(f.width, f.measure ?? '');
			if (f.text) g.texts.add(f.text);
		}
		const lines: string[] = [];
		let rule = '';
		let route = '';
		const sorted = [...groups.values()].sort(
			(a, b) =>
				a.f.rule.localeCompare(b.f.rule) || a.f.route.localeCompare(b.f.route) || a.f.element.localeCompare(b.f.element)
		);
		for (const g of sorted) {
			if (g.f.rule !== rule) {
				lines.push('', `== ${(rule = g.f.rule)} ==`);
				route = '';
			}
			if (g.f.route !== route) lines.push((route = g.f.route));
			const texts = [...g.texts];
			const text = texts.length
				? ` «${texts[0]}»${texts.length > 1 ? ` (+${texts.length - 1} more like it)` : ''}`
				: '';
			const widths = [...g.widths].map(([w, m]) => (m ? `${w} (${m})` : w)).join(', ');
			lines.push(
				`  ${g.f.element}${text} — ${g.f.detail}; ${[...g.langs].join('+')} at ${widths}; in: ${[...g.states].join(' | ')}`
			);
		}
		return { text: lines.join('\n'), distinct: groups.size };
	}

	test('every route in every state fits 320–430 px in zh-CN and English, with 44 px targets, no axe violation and Chinese punctuation', async () => {
		test.setTimeout(600_000);
		const started = Date.now();
		const found: Located[] = [];
		let visits = 0;
		let scans = 0;
		for (const phase of states!.phases) {
			if (phase.before) await phase.before();
			const page = phase.page;
			for (const lang of LANGS) {
				await setLanguage(page, lang);
				for (const scene of phase.scenes) {
					const at = (width: string) => (f: Finding) => ({ ...f, route: scene.route, state: scene.state, lang, width });
					visits++;
					const t0 = Date.now();
					try {
						await go(page, scene.path);
						await arrive(page, scene);
					} catch (e) {
						found.push(stateNotReached(scene, lang, e));
					}
					const tA = Date.now();
					for (const w of WIDTHS) {
						await page.setViewportSize({ width: w.width, height: HEIGHT });
						if (w.spacing) await textSpacing(page, true);
						await settle(page);
						const punctuation = lang === 'zh-CN' && w.label === '390';
						found.push(
							...(await inPageFindings(page, { width: w.width, height: HEIGHT, punctuation })).map(at(w.label))
						);
						if (w.spacing) await textSpacing(page, false);
					}
					const t1 = Date.now();
					// One axe scan per route × state × language, at 390 px: the rules it checks do not depend on the width.
					found.push(...(await axeFindings(page)).map(at('390')));
					scans++;
					if (process.env.AUDIT_VERBOSE)
						console.log(
							`audit: ${lang} ${scene.route} · ${scene.state}: arrive ${((tA - t0) / 1000).toFixed(1)} s, ` +
								`widths ${((t1 - tA) / 1000).toFixed(1)} s, ` +
								`axe ${((Date.now() - t1) / 1000).toFixed(1)} s`
						);
					if (scene.cleanup)
						await scene.cleanup(page).catch((e: unknown) => found.push(stateNotReached(scene, lang, e)));
				}
			}
		}
		const visitSeconds = (Date.now() - started) / 1000;
		const { text, distinct } = report(found);
		const summary =
			`Layout audit: ${found.length} findings (${distinct} distinct) over ${visits} visits × ${WIDTHS.length} widths, ` +
			`${scans} axe scans; states built in ${buildSeconds.toFixed(0)} s, visited in ${visitSeconds.toFixed(0)} s.`;
		await writeFile(test.info().outputPath('audit-findings.txt'), `${summary}\n${text}\n`);
		console.log(summary);
		expect(distinct, `${summary}\n${text}`).toBe(0);
	});
});

function stateNotReached(scene: Scene, lang: Lang, e: unknown): Located {
	// eslint-disable-next-line no-control-regex -- Playwright colours its call log
	const all = (e instanceof Error ? e.message : String(e)).replace(/\u001b\[[0-9;]*m/g, '');
	// Playwright's first line says what timed out; its call log says why (what intercepted the tap, what was disabled).
	const why = all
		.split('\n')
		.findLast((l) => /intercepts pointer events|not enabled|not visible|not stable/.test(l))
		?.replace(/\s+/g, ' ')
		.trim();
	const message = `${all.split('\n')[0]!.slice(0, 120)}${why ? ` (${why.length > 200 ? `…${why.slice(-200)}` : why})` : ''}`;
	return {
		rule: 'state',
		element: scene.ready ?? 'main h1',
		text: scene.path,
		detail: `the state was not reached: ${message}`,
		route: scene.route,
		state: scene.state,
		lang,
		width: '390'
	};
}

// The checks themselves: a page made to break each rule once (and to keep each exemption once) gives exactly those.
test('the audit finds each kind of problem and leaves the exemptions alone', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: HEIGHT });
	await page.setContent(`<html lang="zh-CN"><head><style>
		body { margin: 0; font: 16px sans-serif; }
		.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
		button, a, label { display: inline-block; min-width: 44px; min-height: 44px; }
		p a { display: inline; min-height: 0; }
		nav.app-nav { position: fixed; left: 0; right: 0; bottom: -60px; height: 50px; }
	</style></head><body>
		<header class="app-header"><h1>标题</h1></header>
		<main>
			<div id="wide" style="width: 500px">宽</div>
			<p id="cut" style="width: 60px; overflow: hidden; white-space: nowrap">这是一段很长很长的文字</p>
			<p id="ellipsis" style="width: 120px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">这是一段很长很长很长很长的文字</p>
			<p id="tiny-ellipsis" style="width: 20px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis">已送达</p>
			<span class="visually-hidden">屏幕阅读器才读到的很长很长的文字: 不算</span>
			<button id="small" style="min-width: 0; min-height: 0; width: 30px; height: 30px">小</button>
			<p>请先阅读<a href="#">条款</a>后继续。</p>
			<label><input type="checkbox">一个足够大的选项</label>
			<div><input type="checkbox" id="far" style="width: 24px; height: 24px"><div style="height: 40px"></div><label for="far">远处的标签</label></div>
			<p id="colon">生成时间: 2026-12-07 12:30</p>
			<p>上午 9:00 生成，见 https://example.com/a,b</p>
			<p data-user-data>用户写的(数据)</p>
		</main>
		<nav class="app-nav"><a href="/">首页</a></nav>
	</body></html>`);
	const found = (await inPageFindings(page, { width: 390, height: HEIGHT, punctuation: true })).map(
		(f) => `${f.rule} ${f.element}`
	);
	// Elements named by their id stop the path there; the ellipsis that still shows text, the link in a sentence, the
	// checkbox with its label, the time, the URL and the user's data are not findings.
	expect(found.sort()).toEqual([
		'clipped p#cut',
		'clipped p#tiny-ellipsis',
		'overflow div#wide',
		'overflow html',
		'punctuation main > span.visually-hidden',
		'punctuation p#colon',
		'tabbar nav.app-nav',
		'target button#small',
		'target input#far'
	]);
});
