// Long values break only where a reader expects, on a 390×844 phone in zh-CN and English: an e-mail address only after
// `@` or a dot, numbers (contract, order, credit, phone, tracking) never, and labels never one CJK character per line
// nor inside an English word. Measured from the rendered line boxes of every character (Range.getClientRects).
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, fillContact, fillReturnAddress, signIn } from '../support/e2e/helpers';

test.use({ viewport: { width: 390, height: 844 } });

const EMAIL = 'lina.wang.contracts@zhekun-network-technology.com.cn';
const TRACKING = 'JDVA12345678901234567890';

type Report = { problems: string[]; emails: string[][]; numbers: string[]; labels: number };

/** Line-box measurement of the values and labels on the page. */
function measure(page: Page): Promise<Report> {
	return page.evaluate(() => {
		const visible = (el: Element) => {
			if (el.closest('.visually-hidden, [hidden], dialog:not([open])')) return false;
			const r = el.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
		};
		/** The element's text split into rendered lines: a new line starts where a character sits below the last one. */
		const lines = (el: Element): string[] => {
			const out: string[] = [];
			let cur = '';
			let lastTop: number | null = null;
			let lastHeight = 0;
			const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			const range = document.createRange();
			for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
				for (let i = 0; i < node.data.length; i++) {
					range.setStart(node, i);
					range.setEnd(node, i + 1);
					const rect = range.getClientRects()[0];
					if (!rect || rect.height === 0) continue;
					if (lastTop !== null && rect.top > lastTop + lastHeight / 2) {
						out.push(cur);
						cur = '';
					}
					cur += node.data[i];
					lastTop = rect.top;
					lastHeight = rect.height;
				}
			}
			if (cur) out.push(cur);
			return out;
		};
		const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
		const problems: string[] = [];
		const emails: string[][] = [];
		const numbers: string[] = [];
		for (const el of document.querySelectorAll('[data-value="email"]')) {
			if (!visible(el)) continue;
			const ls = lines(el);
			emails.push(ls);
			ls.slice(0, -1).forEach((l) => {
				if (!/[@.]$/.test(l)) problems.push(`e-mail broken after "${l}"`);
			});
		}
		for (const el of document.querySelectorAll('.mono:not(.hash), .nobreak, [data-value="number"]')) {
			if (!visible(el) || el.closest('[data-value="email"], .hash')) continue;
			const ls = lines(el);
			numbers.push(ls.join(''));
			if (ls.length > 1) problems.push(`number on ${ls.length} lines: ${ls.join(' | ')}`);
		}
		let labels = 0;
		for (const el of document.querySelectorAll('dt, th, legend, [role="columnheader"]')) {
			if (!visible(el)) continue;
			labels++;
			const ls = lines(el)
				.map((l) => l.trim())
				.filter(Boolean);
			for (const l of ls)
				if (ls.length > 1 && [...l].length === 1 && cjk.test(l))
					problems.push(`label one character per line: ${ls.join(' | ')}`);
			for (let i = 0; i + 1 < ls.length; i++) {
				const a = ls[i]!.at(-1)!;
				const b = ls[i + 1]![0]!;
				if (
					/[A-Za-z0-9]/.test(a) &&
					/[A-Za-z0-9]/.test(b) &&
					!/\s$/.test(lines(el)[i]!) &&
					!/^\s/.test(lines(el)[i + 1]!)
				)
					problems.push(`label broken inside a word: ${ls.join(' | ')}`);
			}
		}
		return { problems, emails, numbers, labels };
	});
}

test('e-mails break at @ and dots, numbers never, labels never per character: zh-CN and English', async ({
	page,
	request
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'demo');

	// A framework agreement with a long e-mail address, then its paper copy with long tracking numbers.
	await page.goto('/contracts');
	await page.getByTestId('start-framework').click();
	await expect(page.locator('#contact-person')).toBeVisible();
	await fillContact(page, '李喆');
	await page.locator('#contact-email').fill(EMAIL);
	await page.getByTestId('to-confirm').click();
	await page.getByTestId('generate').click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	const id = new URL(page.url()).pathname.split('/').at(-1)!;
	await page.getByTestId('stamping-link').click();
	await fillReturnAddress(page, { courier: '顺丰速运', trackingNumber: 'SF1234567890123456789012' });
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
	const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
	for (const step of ['received', 'stamped'])
		expect((await request.post(`/api/v1/admin/contracts/${id}/stamping/${step}`, { headers: admin })).status()).toBe(
			200
		);
	const returned = await request.post(`/api/v1/admin/contracts/${id}/stamping/returned`, {
		headers: admin,
		data: { courier: '京东物流', trackingNumber: TRACKING }
	});
	expect(returned.status()).toBe(200);
	await page.reload();
	await expect(page.getByTestId('stamp-step-returned')).toContainText(TRACKING, { timeout: 20_000 });

	const pages = [`/contracts/${id}`, `/contracts/${id}/stamping`, '/contracts', '/orders', '/filings', '/'];
	const problems: string[] = [];
	for (const lang of ['zh-CN', 'en'] as const) {
		await page.locator('#lang').selectOption(lang);
		for (const path of pages) {
			await page.goto(path);
			await expect(page.locator('main h1').first()).toBeVisible();
			await page.waitForLoadState('networkidle');
			if (path === `/contracts/${id}`) await expect(page.locator('[data-value="email"]')).toBeVisible();
			if (path.endsWith('/stamping')) await expect(page.getByTestId('stamp-step-returned')).toContainText(TRACKING);
			if (path === '/orders' || path === '/contracts') await expect(page.locator('main .mono').first()).toBeVisible();
			const report = await measure(page);
			problems.push(...report.problems.map((p) => `${lang} ${path}: ${p}`));
			await page.screenshot({
				path: test.info().outputPath(`breaks-${lang}-${path.replaceAll('/', '_').replace(id, 'ID')}.png`),
				fullPage: true
			});
			if (path === `/contracts/${id}`) {
				expect(report.labels).toBeGreaterThan(10);
				// The address is long enough to wrap at 390 px: the test measures real breaks, not a single line.
				expect(report.emails).toHaveLength(1);
				expect(report.emails[0]!.length).toBeGreaterThan(1);
				expect(report.emails[0]!.join('')).toBe(EMAIL);
				expect(report.numbers.some((n) => /^HT-\d{8}-/.test(n))).toBe(true);
			}
			if (path.endsWith('/stamping')) {
				expect(report.labels).toBeGreaterThan(3);
				expect(report.numbers).toContain(TRACKING);
				expect(report.numbers).toContain('SF1234567890123456789012');
				expect(report.numbers).toContain('0755-86013388');
			}
			if (path === '/orders') expect(report.numbers.filter((n) => /^\d{10,24}$/.test(n)).length).toBeGreaterThan(5);
		}
	}
	expect(problems, problems.join('\n')).toEqual([]);
	// No page scrolls sideways on the phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

type Typeset = { problems: string[]; headings: number; companies: string[][]; kept: string[] };

/**
 * Chinese line breaking as measured on the page: no heading, button, badge or paragraph ends with one character alone
 * on its last line, a number keeps its unit or suffix (15号, 0755-12345678, 粤ICP备…号-1) on one line, a company name
 * breaks only between its parts while a part fits, and nothing is wider than the phone.
 */
function typeset(page: Page): Promise<Typeset> {
	return page.evaluate(() => {
		const visible = (el: Element) => {
			if (el.closest('.visually-hidden, [hidden], dialog:not([open])')) return false;
			const r = el.getBoundingClientRect();
			return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
		};
		type Char = { ch: string; top: number; height: number };
		/** The element's characters with the top of the line box each sits on. */
		const chars = (el: Element): Char[] => {
			const out: Char[] = [];
			const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			const range = document.createRange();
			for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
				if (!visible(node.parentElement!)) continue;
				for (let i = 0; i < node.data.length; i++) {
					range.setStart(node, i);
					range.setEnd(node, i + 1);
					const rect = range.getClientRects()[0];
					out.push({ ch: node.data[i]!, top: rect?.height ? rect.top : NaN, height: rect?.height ?? 0 });
				}
			}
			return out;
		};
		const lines = (cs: Char[]): string[] => {
			const out: string[] = [];
			let cur = '';
			let last: Char | null = null;
			for (const c of cs) {
				if (Number.isNaN(c.top)) continue;
				if (last && c.top > last.top + last.height / 2) {
					out.push(cur);
					cur = '';
				}
				cur += c.ch;
				last = c;
			}
			if (cur) out.push(cur);
			return out;
		};
		const han = /\p{Script=Han}/u;
		const problems: string[] = [];
		let headings = 0;
		// Headings and buttons (balanced) and running text (pretty): no last line of one character (and its marks).
		for (const el of document.querySelectorAll(
			'main h1, main h2, main h3, legend, button, .button, .badge, main p, main li, dialog p, dialog li'
		)) {
			if (!visible(el)) continue;
			if (/^(H\d|LEGEND|BUTTON)$/.test(el.tagName) || el.matches('.button')) headings++;
			const ls = lines(chars(el))
				.map((l) => l.trim())
				.filter(Boolean);
			const lastLine = ls.at(-1)?.replace(/[\s：:，,。.；;！!？?）)」』、…]+$/u, '') ?? '';
			if (ls.length > 1 && [...lastLine].length === 1 && han.test(lastLine))
				problems.push(`one character on the last line: ${ls.join(' | ')}`);
		}
		// Numbers with their unit or suffix, phone numbers and ICP numbers stay on one line wherever they are written.
		const kept: string[] = [];
		const main = document.querySelector('main')!;
		const roots = [main, ...document.querySelectorAll('dialog[open]')];
		const keep = /\d{3,4}-\u2060?\d{7,8}|粤ICP备\d+号-\d+|\d+(?:[ \u00a0]?[号楼层室个份项条])/gu;
		for (const root of roots) {
			for (const block of root.querySelectorAll('p, li, dd, dt, span, h1, h2, h3, td, label, legend, small')) {
				if (!visible(block) || [...block.children].some((c) => /^(P|LI|DD|DIV|UL|DL)$/.test(c.tagName))) continue;
				const cs = chars(block);
				const text = cs.map((c) => c.ch).join('');
				for (const m of text.matchAll(keep)) {
					const tops = new Set(cs.slice(m.index, m.index + m[0].length).map((c) => Math.round(c.top)));
					kept.push(m[0]);
					if (tops.size > 1) problems.push(`"${m[0]}" broken in 「${text.trim().slice(0, 60)}」`);
				}
			}
		}
		// Company names: a part that fits the line is never cut.
		const companies: string[][] = [];
		for (const el of document.querySelectorAll('[data-value="company"]')) {
			if (!visible(el)) continue;
			const width = el.parentElement!.getBoundingClientRect().width;
			companies.push(lines(chars(el)));
			for (const piece of el.querySelectorAll('.company-piece')) {
				const pieceLines = lines(chars(piece));
				if (pieceLines.length > 1 && piece.textContent!.length * 18 < width)
					problems.push(`company part cut: ${pieceLines.join(' | ')} (in ${lines(chars(el)).join(' | ')})`);
			}
		}
		if (document.documentElement.scrollWidth > window.innerWidth)
			problems.push(`page ${document.documentElement.scrollWidth} px wide`);
		return { problems, headings, companies, kept: [...new Set(kept)] };
	});
}

test('Chinese line breaking at 320 and 390 px: no lone last character, numbers with their units, company names by parts', async ({
	page
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 390, height: 844 });
	await signIn(page, 'demo');
	await page.goto('/contracts');
	await page.getByTestId('start-framework').click();
	await expect(page.locator('#contact-person')).toBeVisible();
	await fillContact(page, '李喆');
	await page.getByTestId('to-confirm').click();
	await page.getByTestId('generate').click();
	await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
	const id = new URL(page.url()).pathname.split('/').at(-1)!;

	// The measure refuses what it must: 合同已生/效 and 科苑路15/号 set greedily; not once balanced or kept together.
	await page.evaluate(() => {
		const probe = (html: string) => document.querySelector('main')!.insertAdjacentHTML('afterbegin', html);
		probe('<p class="probe" style="width: 7.4em; font-size: 20px; text-wrap: wrap">科技园科苑路15号</p>');
		probe(
			'<p class="probe" style="width: 7.4em; font-size: 20px; text-wrap: wrap">科技园科苑路<span class="nobreak">15号</span></p>'
		);
		probe('<h2 class="probe" style="width: 4.3em; font-size: 20px; text-wrap: wrap">合同已生效</h2>');
		probe('<h2 class="probe" style="width: 4.3em; font-size: 20px">合同已生效</h2>');
	});
	const control = await typeset(page);
	expect(control.problems).toEqual([
		'one character on the last line: 合同已生 | 效',
		'one character on the last line: 科技园科苑路15 | 号',
		'"15号" broken in 「科技园科苑路15号」'
	]);
	await page.evaluate(() => document.querySelectorAll('.probe').forEach((el) => el.remove()));

	const problems: string[] = [];
	const seen = new Set<string>();
	let companies = 0;
	for (const width of [320, 390]) {
		await page.setViewportSize({ width, height: 844 });
		for (const lang of ['zh-CN', 'en'] as const) {
			await page.evaluate((l) => localStorage.setItem('contract-desk.locale', l), lang);
			for (const path of [
				'/',
				`/contracts/${id}`,
				`/contracts/${id}/stamping`,
				'/contracts/new/framework',
				'/contracts/new/order',
				'/filings',
				'/more'
			]) {
				await page.goto(path);
				await expect(page.locator('main h1').first()).toBeVisible();
				await page.waitForLoadState('networkidle');
				if (path === `/contracts/${id}`) await expect(page.getByTestId('party-b-name')).toBeVisible();
				if (path.endsWith('/order')) {
					// 已选 300 个订单，合计 ¥…: the count keeps its unit.
					const selectAll = page.getByTestId('select-all-matching');
					await expect(selectAll).toBeVisible({ timeout: 20_000 });
					// The draft keeps the selection between visits: select once, then it is there.
					if (await selectAll.isEnabled()) await selectAll.click();
					await expect(page.getByTestId('selection-text')).not.toContainText(/已选 0 |^0 orders/);
				}
				if (path.endsWith('/stamping')) {
					// The confirm dialog's 「请逐项核对：」 and the form's hint 「如 0755-12345678」 are measured too.
					await fillReturnAddress(page, { address: '科技园科苑路15号' });
					await page.getByTestId('stamp-submit').click();
					await expect(page.getByRole('dialog')).toBeVisible();
				}
				const report = await typeset(page);
				// The order picker's table at 320 px is issue 19's item 1 (its own fix and the audit measure its width).
				const picker320 = width === 320 && path.endsWith('/order');
				problems.push(
					...report.problems
						.filter((p) => !(picker320 && / px wide$/.test(p)))
						.map((p) => `${width} ${lang} ${path.replace(id, 'ID')}: ${p}`)
				);
				report.kept.forEach((k) => seen.add(k));
				companies += report.companies.length;
				expect(report.headings, `${width} ${lang} ${path}`).toBeGreaterThan(0);
				await page.screenshot({
					path: test.info().outputPath(`typeset-${width}-${lang}-${path.replaceAll('/', '_').replace(id, 'ID')}.png`),
					fullPage: true
				});
				if (path.endsWith('/stamping')) await page.keyboard.press('Escape');
			}
		}
	}
	// The cases the issue names were on the pages: measured, not skipped.
	expect([...seen]).toEqual(expect.arrayContaining(['0755-\u206012345678', '15号', '粤ICP备2023012345号-1', '18号']));
	expect(
		[...seen].some((k) => /^\d+ 个$/.test(k)),
		[...seen].join(' ')
	).toBe(true);
	expect(companies).toBeGreaterThan(8);
	expect(problems, problems.join('\n')).toEqual([]);
});
