// The working-day calendar is the provider's data: a due date the provider's calendar cannot settle yet is provisional on the
// phone, and becomes final after the back office publishes the year through the admin API and the phone pulls.
import { expect, test } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shanghaiDate } from '../../src/lib/domain/time';
import type { DueDate } from '../../src/lib/domain/workdays';
import { bundledSchedules } from '../../server/calendar/holiday-seed';
import { ADMIN_TOKEN, generateFramework, signIn, fillReturnAddress } from '../support/e2e/helpers';

// A server of its own that starts with an empty calendar (HOLIDAY_SEED=0): the year of today's receipt is unpublished.
const probe =
	"const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
const PORT = Number(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim());
const BASE = `http://127.0.0.1:${PORT}`;

test.use({ baseURL: BASE, viewport: { width: 390, height: 844 } });

let server: ChildProcess | undefined;
let dataDir = '';

test.beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'contract-desk-calendar-'));
	// node with tsx's loader, not npx: SIGTERM must reach the server itself.
	server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN, HOLIDAY_SEED: '0' },
		stdio: 'ignore'
	});
	await expect
		.poll(async () => (await fetch(`${BASE}/api/v1/health`).catch(() => null))?.ok ?? false, { timeout: 60_000 })
		.toBe(true);
});
test.afterAll(async () => {
	const running = server;
	if (running && running.exitCode === null && running.signalCode === null) {
		await new Promise<void>((resolve) => {
			running.once('exit', () => resolve());
			running.kill('SIGTERM');
		});
	}
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

test('publishing the year through the admin API turns a provisional due date into a final one after a pull', async ({
	page,
	request
}) => {
	test.setTimeout(180_000);
	expect((await (await request.get('/api/v1/admin/calendar', { headers: admin })).json()).years).toEqual([]);

	await signIn(page, 'demo');
	const contractId = await generateFramework(page, '李喆');
	await page.getByTestId('stamping-link').click();
	await fillReturnAddress(page, { phone: '13800138000' });
	await page.getByTestId('stamp-submit').click();
	await page.getByRole('dialog').getByTestId('stamp-confirm-submit').click();
	await expect(page.getByTestId('stamp-send-state')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });

	// The paper contract arrives today; nothing is published for this year: the phone and the back office say "provisional".
	const received = await request.post(`/api/v1/admin/contracts/${contractId}/stamping/received`, { headers: admin });
	expect(received.status()).toBe(200);
	const receivedAt = ((await received.json()) as { event: { at: string } }).event.at;
	const year = Number(shanghaiDate(receivedAt).slice(0, 4));
	const dueOnServer = async () =>
		(
			(await (await request.get('/api/v1/admin/contracts', { headers: admin })).json()) as {
				contracts: { id: string; returnDue: DueDate }[];
			}
		).contracts.find((c) => c.id === contractId)!.returnDue;
	const before = await dueOnServer();
	expect(before).toMatchObject({ provisional: true, unpublishedYear: year });

	await page.reload();
	await expect(page.getByTestId('stamp-due')).toHaveAttribute('data-provisional', 'true', { timeout: 20_000 });
	await expect(page.getByTestId('stamp-due')).toHaveAttribute('data-due', before.due);
	await expect(page.getByTestId('stamp-due-provisional')).toContainText(`${year} 年`);
	await page.screenshot({ path: test.info().outputPath('due-provisional-390.png'), fullPage: true });

	// The back office publishes this year's official schedule through the admin API …
	const bundled = new Map(bundledSchedules().map((s) => [s.year, s]));
	const thisYear = bundled.get(year) ?? { year, holidays: [{ date: `${year}-01-01`, name: '元旦' }], workdays: [] };
	const put = await request.put(`/api/v1/admin/calendar/${year}`, {
		headers: admin,
		data: { holidays: thisYear.holidays, workdays: thisYear.workdays }
	});
	expect(put.status()).toBe(201);
	// … and the next one with the CLI (late-December receipts count into it; made up for the test where unknown).
	const next = bundled.get(year + 1) ?? {
		year: year + 1,
		holidays: [{ date: `${year + 1}-01-01`, name: '元旦' }],
		workdays: []
	};
	const file = join(dataDir, 'next-year.json');
	writeFileSync(
		file,
		JSON.stringify({
			holidays: Object.fromEntries(next.holidays.map((d) => [d.date, d.name])),
			workdays: Object.fromEntries(next.workdays.map((d) => [d.date, d.name]))
		})
	);
	const cli = execFileSync(
		process.execPath,
		['--import', 'tsx', 'scripts/admin.ts', 'publish-calendar', String(year + 1), file],
		{
			env: { ...process.env, BASE_URL: BASE, ADMIN_TOKEN },
			encoding: 'utf8'
		}
	);
	expect(cli).toContain(`published ${year + 1}`);

	const after = await dueOnServer();
	expect(after.provisional).toBe(false);

	// The phone's next pull brings the calendar: the same date as the back office's, no longer provisional.
	await page.reload();
	await expect(page.getByTestId('stamp-due')).toHaveAttribute('data-provisional', 'false', { timeout: 20_000 });
	await expect(page.getByTestId('stamp-due')).toHaveAttribute('data-due', after.due);
	await expect(page.getByTestId('stamp-due')).toContainText(after.due);
	await expect(page.getByTestId('stamp-due-provisional')).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('due-final-390.png'), fullPage: true });
});
