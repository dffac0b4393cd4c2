// The layout audit's in-page checks (overflow, clipped text, target size, tab bar, zh-CN punctuation) and axe, as findings.
import axe from 'axe-core';
import type { Page } from '@playwright/test';

export type Rule = 'overflow' | 'clipped' | 'target' | 'tabbar' | 'punctuation' | 'axe' | 'state';

/** One problem on one page: `detail` is the same at every width (so widths merge), `measure` is what differs. */
export interface Finding {
	rule: Rule;
	element: string;
	text: string;
	detail: string;
	measure?: string;
}

export interface CheckOptions {
	/** The viewport the page was laid out for (CSS px). */
	width: number;
	height: number;
	/** Also look for ASCII punctuation next to Chinese (the zh-CN UI only). */
	punctuation: boolean;
}

/**
 * The rules, decided once and documented here (the spec's findings cite them):
 * - overflow: the document's scrollWidth is over the viewport width, or a visible element's box leaves the viewport
 *   sideways. Only the innermost such elements are named (their parents are wide because of them). Content of a
 *   scroll or clip container other than html/body is left to that container (it scrolls, or `clipped` judges it), and
 *   the print view's invisible PDF text layer is left out (the document's scrollWidth still counts it), and so is what
 *   sits in a fixed bar (placed against a viewport that widens with the page: the tab bar rule judges the bar).
 * - clipped: an element with `overflow` hidden/clip whose own text runs past its box: sideways by more than 1 px, or a
 *   line whose middle is outside it vertically. An element that means to cut (`text-overflow: ellipsis` or
 *   `-webkit-line-clamp`) may, as long as it still shows three characters' width; form controls scroll their value.
 * - target: buttons, links, inputs, selects, textareas, summaries and ARIA widgets smaller than 44×44 CSS px. A
 *   checkbox or radio counts with its label(s) where they touch it (within 8 px: the label toggles it; a label elsewhere
 *   is a separate target). A link inside a sentence (inline, with text
 *   of the same block around it) is WCAG 2.5.8's inline exception. Visually hidden controls are not targets.
 * Screen-reader-only elements (a 1 px box or a clip: .visually-hidden, SvelteKit's route announcer) are not laid out
 * for eyes and are left out of overflow, clipped and target (their text still counts for punctuation).
 * - tabbar: on a page with the app's navigation, the bar's box must lie inside the viewport.
 * - punctuation: in zh-CN, ASCII `: ? ! ; , ( )` directly (or across one space) next to a Chinese character or
 *   full-width mark, in the rendered text of the page (visible or read by screen readers: text nodes, placeholders,
 *   aria-labels, titles, document.title). URLs are removed first; numbers and times never touch a Chinese character
 *   through these marks; user data (form values, elements marked `data-user-data`) and the PDF text layer are exempt.
 */
export function inPageFindings(page: Page, options: CheckOptions): Promise<Finding[]> {
	return page.evaluate(({ width: W, height: H, punctuation }) => {
		const out: Finding[] = [];
		const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'BR', 'WBR']);
		const describe = (el: Element): string => {
			let s = el.tagName.toLowerCase();
			// An id made from data (an order number) would keep every row's finding apart.
			if (el.id && !/\d{4}/.test(el.id)) s += `#${el.id}`;
			const testId = el.getAttribute('data-testid');
			if (testId) s += `[data-testid="${testId}"]`;
			const classes = [...el.classList].filter((c) => !c.startsWith('svelte-')).slice(0, 2);
			if (classes.length) s += `.${classes.join('.')}`;
			return s;
		};
		const cssPath = (el: Element): string => {
			const parts: string[] = [];
			for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
				parts.unshift(describe(e));
				if ((e.id && !/\d{4}/.test(e.id)) || e.hasAttribute('data-testid')) break;
			}
			return parts.join(' > ');
		};
		const textOf = (el: Element): string =>
			(
				(el as HTMLElement).innerText ||
				[...((el as HTMLInputElement).labels ?? [])].map((l) => l.innerText).join(' ') ||
				(el as HTMLInputElement).value ||
				el.getAttribute('aria-label') ||
				el.getAttribute('title') ||
				''
			)
				.replace(/\s+/g, ' ')
				.trim()
				.slice(0, 50);
		/** Screen-reader-only (the app's .visually-hidden, SvelteKit's route announcer): a 1 px box or a clip. */
		const srOnlyMemo = new Map<Element, boolean>();
		const srOnly = (el: Element | null): boolean => {
			if (!el || el === document.body) return false;
			let v = srOnlyMemo.get(el);
			if (v === undefined) {
				const r = el.getBoundingClientRect();
				const cs = getComputedStyle(el);
				v =
					(r.width <= 1 && r.height <= 1 && cs.overflow !== 'visible') ||
					(cs.position === 'absolute' && cs.clip !== 'auto' && cs.clip !== '') ||
					srOnly(el.parentElement);
				srOnlyMemo.set(el, v);
			}
			return v;
		};
		const hiddenStyle = (el: Element) =>
			el.closest('.visually-hidden, [hidden], dialog:not([open])') !== null || srOnly(el);
		const shown = (el: Element): boolean => {
			const r = el.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) return false;
			if (hiddenStyle(el)) return false;
			return getComputedStyle(el).visibility !== 'hidden';
		};
		/** Inside a fixed bar: placed against the viewport, so it moves with a page that widens (the tab bar rule judges it). */
		const fixedMemo = new Map<Element, boolean>();
		const inFixed = (el: Element | null): boolean => {
			if (!el || el === document.body) return false;
			let v = fixedMemo.get(el);
			if (v === undefined)
				fixedMemo.set(el, (v = getComputedStyle(el).position === 'fixed' || inFixed(el.parentElement)));
			return v;
		};
		const textLayer = (el: Element) => el.closest('.textLayer') !== null;
		const all = [...document.body.querySelectorAll('*')].filter((el) => !SKIP.has(el.tagName));
		const styles = new Map<Element, CSSStyleDeclaration>();
		const style = (el: Element) => {
			let s = styles.get(el);
			if (!s) styles.set(el, (s = getComputedStyle(el)));
			return s;
		};

		// Overflow.
		const docWidth = document.documentElement.scrollWidth;
		if (docWidth > W)
			out.push({
				rule: 'overflow',
				element: 'html',
				text: '',
				detail: 'the page scrolls sideways',
				measure: `scrollWidth ${docWidth}`
			});
		const inScroller = (el: Element): boolean => {
			for (let e = el.parentElement; e && e !== document.body && e !== document.documentElement; e = e.parentElement)
				if (style(e).overflowX !== 'visible') return true;
			return false;
		};
		const wide = new Set<Element>();
		for (const el of all) {
			if (textLayer(el) || !shown(el) || inScroller(el) || inFixed(el)) continue;
			const r = el.getBoundingClientRect();
			if (r.right > W + 0.5 || r.left < -0.5) wide.add(el);
		}
		for (const el of wide) {
			if ([...el.children].some((c) => wide.has(c))) continue;
			const r = el.getBoundingClientRect();
			out.push({
				rule: 'overflow',
				element: cssPath(el),
				text: textOf(el),
				detail: r.left < -0.5 ? 'leaves the viewport on the left' : 'wider than the viewport',
				measure: `${Math.round(r.left)}…${Math.round(r.right)}`
			});
		}

		// Clipped text.
		for (const el of all) {
			if (textLayer(el) || ['INPUT', 'TEXTAREA', 'SELECT', 'IMG', 'CANVAS', 'VIDEO', 'IFRAME'].includes(el.tagName))
				continue;
			const s = style(el);
			const clipX = s.overflowX === 'hidden' || s.overflowX === 'clip';
			const clipY = s.overflowY === 'hidden' || s.overflowY === 'clip';
			if (!clipX && !clipY) continue;
			const overX = clipX && el.scrollWidth > el.clientWidth + 1;
			const overY = clipY && el.scrollHeight > el.clientHeight + 1;
			if (!(overX || overY) || !shown(el) || !el.textContent?.trim()) continue;
			const box = el.getBoundingClientRect();
			const left = box.left + el.clientLeft;
			const top = box.top + el.clientTop;
			const right = left + el.clientWidth;
			const bottom = top + el.clientHeight;
			const intended =
				s.textOverflow === 'ellipsis' ||
				(s.getPropertyValue('-webkit-line-clamp') !== 'none' && s.getPropertyValue('-webkit-line-clamp') !== '');
			if (intended) {
				const em = parseFloat(s.fontSize) || 16;
				if (el.clientWidth >= 3 * em) continue;
			}
			const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			const range = document.createRange();
			let cut: string | null = null;
			for (let n = walker.nextNode(); n && !cut; n = walker.nextNode()) {
				if (!n.textContent?.trim()) continue;
				const parent = n.parentElement!;
				if (hiddenStyle(parent) || style(parent).visibility === 'hidden') continue;
				range.selectNodeContents(n);
				for (const r of range.getClientRects()) {
					if (r.width === 0) continue;
					const mid = (r.top + r.bottom) / 2;
					if ((clipX && (r.right > right + 1 || r.left < left - 1)) || (clipY && (mid > bottom || mid < top))) {
						cut = n.textContent.trim().slice(0, 30);
						break;
					}
				}
			}
			if (intended && !cut) cut = el.textContent.trim().slice(0, 30);
			if (!cut) continue;
			out.push({
				rule: 'clipped',
				element: cssPath(el),
				text: textOf(el),
				detail: intended
					? `cut to under three characters' width: "${cut}"`
					: `text cut by its box (overflow ${s.overflowX}/${s.overflowY}): "${cut}"`,
				measure: `${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`
			});
		}

		// Targets.
		const TARGETS =
			'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="menuitem"]';
		const blockOf = (el: Element): Element => {
			let e = el.parentElement!;
			while (e.parentElement && style(e).display.startsWith('inline')) e = e.parentElement;
			return e;
		};
		for (const el of document.body.querySelectorAll(TARGETS)) {
			if (!shown(el) || textLayer(el)) continue;
			let r = el.getBoundingClientRect();
			const input = el as HTMLInputElement;
			if (el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio') && input.labels) {
				let { left, top, right, bottom } = r;
				for (const label of input.labels) {
					const l = label.getBoundingClientRect();
					// A label counts where it joins the box: one on another line of the card is a second, separate target.
					const gap = Math.max(l.left - right, left - l.right, l.top - bottom, top - l.bottom);
					if (l.width === 0 || gap > 8) continue;
					left = Math.min(left, l.left);
					top = Math.min(top, l.top);
					right = Math.max(right, l.right);
					bottom = Math.max(bottom, l.bottom);
				}
				r = new DOMRect(left, top, right - left, bottom - top);
			}
			if (r.width >= 43.5 && r.height >= 43.5) continue;
			if (el.tagName === 'A' && style(el).display === 'inline') {
				const block = blockOf(el);
				const around = (block.textContent ?? '').replace(el.textContent ?? '', '');
				if (around.trim()) continue;
			}
			out.push({
				rule: 'target',
				element: cssPath(el),
				text: textOf(el),
				detail: 'target under 44×44 px',
				measure: `${Math.round(r.width)}×${Math.round(r.height)}`
			});
		}

		// The tab bar.
		const nav = document.querySelector('nav.app-nav');
		if (document.querySelector('header.app-header')) {
			const r = nav?.getBoundingClientRect();
			if (!nav || !r || r.width === 0 || style(nav).visibility === 'hidden')
				out.push({ rule: 'tabbar', element: 'nav.app-nav', text: '', detail: 'the tab bar is not shown' });
			else if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5)
				out.push({
					rule: 'tabbar',
					element: 'nav.app-nav',
					text: textOf(nav),
					detail: 'the tab bar is off screen',
					measure: `${Math.round(r.left)},${Math.round(r.top)}…${Math.round(r.right)},${Math.round(r.bottom)}`
				});
		}

		// Chinese punctuation.
		if (punctuation) {
			const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
			const bad = new RegExp(`[${CJK}] ?[:?!;,()]|[:?!;,()] ?[${CJK}]`, 'g');
			const exempt = (el: Element) => el.closest('[data-user-data], .textLayer, textarea') !== null;
			const check = (where: string, raw: string) => {
				const text = raw.replace(/https?:\/\/\S+/g, ' ');
				for (const m of text.matchAll(bad)) {
					const at = m.index;
					out.push({
						rule: 'punctuation',
						element: where,
						text: text
							.slice(Math.max(0, at - 10), at + m[0].length + 10)
							.replace(/\s+/g, ' ')
							.trim(),
						detail: `ASCII "${m[0].replace(/[^:?!;,()]/g, '')}" next to Chinese`
					});
				}
			};
			const blocks = new Map<Element, string>();
			const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const parent = n.parentElement;
				if (!parent || SKIP.has(parent.tagName) || exempt(parent)) continue;
				// Not rendered at all (display: none somewhere above); an <option> has no box but is shown in its list.
				if (parent.getClientRects().length === 0 && !parent.closest('select')) continue;
				const block = parent.tagName === 'OPTION' ? parent : blockOf(n as unknown as Element);
				blocks.set(block, (blocks.get(block) ?? '') + n.textContent);
			}
			for (const [block, text] of blocks) check(cssPath(block), text);
			for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title]')) {
				if (exempt(el)) continue;
				for (const attr of ['placeholder', 'aria-label', 'title'])
					if (el.hasAttribute(attr)) check(`${cssPath(el)} @${attr}`, el.getAttribute(attr)!);
			}
			check('document.title', document.title);
		}
		return out;
	}, options);
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Every axe violation of WCAG 2.2 A/AA and best practice, one finding per element (named by axe's target). axe-core is
 * injected once per document and run in place: AxeBuilder injects it again on every scan and opens a second page to
 * merge its results, which made a scan several times slower here.
 */
export async function axeFindings(page: Page): Promise<Finding[]> {
	if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(axe.source);
	const violations = await page.evaluate(async (tags) => {
		const run = (window as unknown as { axe: typeof axe }).axe.run;
		const result = await run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html }))
		}));
	}, AXE_TAGS);
	return violations.flatMap((v) =>
		v.nodes.map((n) => ({
			rule: 'axe' as const,
			element: n.target.join(' '),
			text: n.html.replace(/\s+/g, ' ').slice(0, 80),
			detail: `${v.id} (${v.impact}): ${v.help}`
		}))
	);
}

/** WCAG 1.4.12's text-spacing override, as the W3C's test bookmarklet sets it. */
const TEXT_SPACING_CSS = `*, *::before, *::after {
	line-height: 1.5 !important;
	letter-spacing: 0.12em !important;
	word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }`;

/**
 * Turns the text-spacing override on or off: a constructed style sheet, which the app's CSP (style-src 'self', no
 * inline styles) lets in, unlike a <style> element.
 */
export async function textSpacing(page: Page, on: boolean): Promise<void> {
	await page.evaluate(
		({ css, on }) => {
			const w = window as unknown as { auditSpacing?: CSSStyleSheet };
			if (on) {
				w.auditSpacing ??= new CSSStyleSheet();
				w.auditSpacing.replaceSync(css);
				document.adoptedStyleSheets = [...document.adoptedStyleSheets, w.auditSpacing];
			} else document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== w.auditSpacing);
		},
		{ css: TEXT_SPACING_CSS, on }
	);
}
