// The holiday calendar over HTTP: the back office publishes a year (checked, 4xx with field errors), devices get it with the pull, the admin view's due dates follow it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponse, type ChangesResponse } from '../../src/lib/domain/changes';
import { SCHEDULE_2026 } from '../../tests/support/lib/domain/holiday-calendars';
import { parseChangesQuery } from '../routes/changes-query';
import { bundledSchedules } from './holiday-seed';
import {
	ADMIN_TOKEN,
	auth,
	frameworkRecord,
	makeEnv,
	PDF_SHA,
	put,
	RETURN_ADDRESS,
	signIn,
	type TestEnv
} from '../../tests/support/server/app';

let env: TestEnv;
let token: string;
beforeAll(async () => {
	env = await makeEnv();
	await env.store.seedHolidayYears(bundledSchedules(), new Date(env.clock.now).toISOString());
	token = await signIn(env.app);
});
afterAll(async () => env.cleanup());

const adminHeaders = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
const publish = (year: string | number, body: unknown) =>
	env.app.request(`/api/v1/admin/calendar/${year}`, {
		method: 'PUT',
		headers: adminHeaders,
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

async function pull(query = ''): Promise<ChangesResponse> {
	const res = await env.app.request(`/api/v1/changes${query}`, { headers: auth(token) });
	expect(res.status).toBe(200);
	return changesResponse.parse(await res.json());
}

const Y2027 = {
	holidays: [
		{ date: '2027-01-01', name: '元旦' },
		{ date: '2027-01-02', name: '元旦' }
	],
	workdays: [{ date: '2027-01-09', name: '元旦' }]
};

describe('GET /changes carries the calendar', () => {
	it('every published year on a first pull, only newer revisions after, nothing on later pages', async () => {
		const first = await pull();
		expect(first.holidayYears.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
		expect(first.holidayYears.find((y) => y.year === 2026)).toMatchObject({
			holidays: SCHEDULE_2026.holidays,
			workdays: SCHEDULE_2026.workdays
		});
		const revision = Math.max(...first.holidayYears.map((y) => y.revision));
		expect((await pull(`?calendarSince=${revision}`)).holidayYears).toEqual([]);

		expect((await publish(2027, Y2027)).status).toBe(201);
		const next = await pull(`?since=${first.cursor}&calendarSince=${revision}`);
		expect(next.holidayYears.map((y) => y.year)).toEqual([2027]);
		expect(next.holidayYears[0]!.revision).toBeGreaterThan(revision);

		// A page token means a pull in progress: its first page carried the calendar already.
		const paged = await env.app.request(`/api/v1/changes?limit=1`, { headers: auth(token) });
		const page1 = changesResponse.parse(await paged.json());
		if (page1.next) {
			const page2 = await pull(`?limit=1&page=${encodeURIComponent(page1.next)}`);
			expect(page2.holidayYears).toEqual([]);
		}
	});

	it('refuses a calendar revision that is not a number', async () => {
		expect(parseChangesQuery({ calendarSince: 'x' })).toEqual({ ok: false, fields: { calendarSince: ['cursor'] } });
		const res = await env.app.request('/api/v1/changes?calendarSince=-1', { headers: auth(token) });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { fields: object }).fields).toEqual({ calendarSince: ['cursor'] });
	});
});

describe('the admin calendar API', () => {
	it('needs the admin token', async () => {
		expect((await env.app.request('/api/v1/admin/calendar')).status).toBe(401);
		expect(
			(
				await env.app.request('/api/v1/admin/calendar/2028', {
					method: 'PUT',
					headers: auth(token),
					body: JSON.stringify(Y2027)
				})
			).status
		).toBe(401);
	});

	it('lists the years with their source, and reads one', async () => {
		const list = (await (await env.app.request('/api/v1/admin/calendar', { headers: adminHeaders })).json()) as {
			years: { year: number; source: string; holidays: number }[];
		};
		expect(list.years.find((y) => y.year === 2026)).toMatchObject({
			source: 'bundled',
			holidays: SCHEDULE_2026.holidays.length
		});
		const one = await env.app.request('/api/v1/admin/calendar/2026', { headers: adminHeaders });
		expect(((await one.json()) as { year: { workdays: unknown } }).year.workdays).toEqual(SCHEDULE_2026.workdays);
		expect((await env.app.request('/api/v1/admin/calendar/2090', { headers: adminHeaders })).status).toBe(404);
		expect((await env.app.request('/api/v1/admin/calendar/20x6', { headers: adminHeaders })).status).toBe(400);
	});

	it('answers bad input with 400 and field errors, never 500, and stores nothing', async () => {
		const before = (await env.store.listHolidayYears()).map((y) => y.revision);
		const cases: [string | number, unknown, Record<string, string[]>][] = [
			[2028, 'not json', { $: ['malformedJson'] }],
			[2028, {}, { holidays: expect.any(Array), workdays: expect.any(Array) }],
			[2028, { holidays: [], workdays: [] }, { holidays: ['required'] }],
			[2028, { holidays: [{ date: '2028-02-30', name: '春节' }], workdays: [] }, { 'holidays.0.date': ['date'] }],
			[
				2028,
				{ holidays: [{ date: '2027-10-01', name: '国庆节' }], workdays: [{ date: '2028-01-05', name: '元旦' }] },
				{ 'holidays.0.date': ['outsideYear'], 'workdays.0.date': ['notWeekend'] }
			],
			[
				2028,
				{ holidays: [{ date: '2028-01-01', name: '元旦' }], workdays: [{ date: '2028-01-01', name: '元旦' }] },
				{ 'workdays.0.date': ['duplicate'] }
			],
			[1999, Y2027, { year: ['year'] }],
			['abcd', Y2027, { year: ['year'] }]
		];
		for (const [year, body, fields] of cases) {
			const res = await publish(year, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(((await res.json()) as { fields: unknown }).fields).toEqual(fields);
		}
		expect((await env.store.listHolidayYears()).map((y) => y.revision)).toEqual(before);
	});

	it('publishes, repeats without a change, replaces with a new revision (days kept in date order)', async () => {
		const body = { holidays: [{ date: '2029-01-01', name: '元旦' }], workdays: [] };
		const created = await publish(2029, body);
		expect(created.status).toBe(201);
		const first = (await created.json()) as { year: { revision: number }; changed: boolean };
		expect(first.changed).toBe(true);
		const again = await publish(2029, body);
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual({ ...first, changed: false });
		const amended = await publish(2029, {
			holidays: [
				{ date: '2029-01-02', name: '元旦' },
				{ date: '2029-01-01', name: '元旦' }
			],
			workdays: []
		});
		const third = (await amended.json()) as {
			year: { revision: number; holidays: { date: string }[] };
			changed: boolean;
		};
		expect(third.changed).toBe(true);
		expect(third.year.revision).toBeGreaterThan(first.year.revision);
		expect(third.year.holidays.map((d) => d.date)).toEqual(['2029-01-01', '2029-01-02']);
	});
});

describe('the back office sees the due date the phone computes', () => {
	it('GET /admin/contracts gives each received paper copy its due date on the published calendar', async () => {
		const record = frameworkRecord(env.config);
		expect(
			(await put(env.app, `/api/v1/contracts/${record.id}`, { record, pdfSha256: PDF_SHA }, { token })).status
		).toBe(201);
		expect(
			(await put(env.app, `/api/v1/contracts/${record.id}/stamping`, { returnAddress: RETURN_ADDRESS }, { token }))
				.status
		).toBe(201);
		const rowOf = async () =>
			(
				(await (await env.app.request('/api/v1/admin/contracts', { headers: adminHeaders })).json()) as {
					contracts: { id: string; returnDue: unknown }[];
				}
			).contracts.find((c) => c.id === record.id)!;
		expect((await rowOf()).returnDue).toBeNull();
		// Received on Friday 2026-09-25 (Mid-Autumn) in Shanghai: Golden Week skipped, the make-up Saturday counts.
		env.clock.now = Date.parse('2026-09-25T02:00:00Z');
		expect(
			(
				await env.app.request(`/api/v1/admin/contracts/${record.id}/stamping/received`, {
					method: 'POST',
					headers: adminHeaders
				})
			).status
		).toBe(200);
		expect((await rowOf()).returnDue).toEqual({ due: '2026-10-22', provisional: false });
	});
});
