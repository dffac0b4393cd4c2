// The device gets the provider's holiday calendar with its pull (in-process app + SQLite): all years first, then only newer revisions.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetDb, getDb } from '../../src/lib/db/database';
import { readWorkCalendar } from '../../src/lib/db/holidays';
import { changesResponse } from '../../src/lib/domain/changes';
import { META, setMeta, type Session } from '../../src/lib/db/meta';
import { returnDueDate } from '../../src/lib/domain/workdays';
import { applyChanges } from '../../src/lib/db/merge';
import { pull } from '../../src/lib/sync/pull';
import { bundledSchedules } from '../../server/calendar/holiday-seed';
import { DEMO_ACCOUNT_ID } from '../../server/seed';
import { makeEnv, signIn, type TestEnv } from '../support/server/app';
import { clearSessionExpiry } from '../../src/lib/sync/session-expiry';

let env: TestEnv;
let token: string;
let requests: string[] = [];

beforeAll(async () => {
	env = await makeEnv();
	await env.store.seedHolidayYears(bundledSchedules(), '2026-11-01T00:00:00.000Z');
	token = await signIn(env.app);
});
afterAll(() => env.cleanup());

beforeEach(async () => {
	requests = [];
	vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
		requests.push(String(input));
		return env.app.request(String(input), init);
	});
	await getDb().delete();
	forgetDb();
	clearSessionExpiry();
	await setMeta(META.session, { token, accountId: DEMO_ACCOUNT_ID } satisfies Session);
});
afterEach(() => {
	vi.unstubAllGlobals();
	getDb().close();
});

const calendarSince = () =>
	requests.filter((r) => r.includes('/changes')).map((r) => new URL(r, 'http://x').searchParams.get('calendarSince'));

describe('the calendar in the pull', () => {
	it('a fresh device gets every published year, asks only past its newest revision afterwards, and a new year settles its due dates', async () => {
		await pull({ limit: 1000 });
		const years = await getDb().holidayYears.toArray();
		expect(years.map((y) => y.year)).toEqual(bundledSchedules().map((y) => y.year));
		const revision = Math.max(...years.map((y) => y.revision));
		expect(calendarSince()).toEqual(['0']);

		const before = await readWorkCalendar();
		expect(returnDueDate('2026-12-11T02:00:00Z', before)).toEqual({
			due: '2027-01-01',
			provisional: true,
			unpublishedYear: 2027
		});

		await pull({ limit: 1000 });
		expect(calendarSince()).toEqual(['0', String(revision)]);
		expect(await getDb().holidayYears.count()).toBe(years.length);

		// The back office publishes 2027 (made up for the test): New Year's Day off, Saturday 01-02 on.
		await env.store.publishHolidayYear({
			schedule: {
				year: 2027,
				holidays: [{ date: '2027-01-01', name: '元旦' }],
				workdays: [{ date: '2027-01-02', name: '元旦' }]
			},
			now: '2026-12-02T00:00:00.000Z'
		});
		await pull({ limit: 1000 });
		const y2027 = await getDb().holidayYears.get(2027);
		expect(y2027?.revision).toBeGreaterThan(revision);
		expect(returnDueDate('2026-12-11T02:00:00Z', await readWorkCalendar())).toEqual({
			due: '2027-01-02',
			provisional: false
		});
	});

	it('a replayed older revision never replaces the newer one on the device', async () => {
		await pull({ limit: 1000 });
		const newer = {
			year: 2026,
			holidays: [{ date: '2026-01-01', name: '元旦' }],
			workdays: [],
			publishedAt: '2026-12-02T00:00:00.000Z',
			revision: 10_000
		};
		await getDb().holidayYears.put(newer);
		const res = await env.app.request('/api/v1/changes', { headers: { Authorization: `Bearer ${token}` } });
		await applyChanges(changesResponse.parse(await res.json()));
		expect(await getDb().holidayYears.get(2026)).toEqual(newer);
	});
});
