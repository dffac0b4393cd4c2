// The provider's holiday calendar in the store: seeding from the bundled package, publishing, revisions for the pull.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holidaySchedule, normaliseSchedule, type HolidaySchedule } from '../../src/lib/domain/holidayCalendar';
import { returnDueDate, workCalendar } from '../../src/lib/domain/workdays';
import { bundledSchedules } from './holiday-seed';
import { openSqliteStore, type SqliteStore } from '../store/index';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'contract-desk-holidays-'));
	store = openSqliteStore(dir);
});
afterEach(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

const NOW = '2026-12-02T03:00:00.000Z';
const Y2027: HolidaySchedule = {
	year: 2027,
	holidays: [
		{ date: '2027-01-01', name: '元旦' },
		{ date: '2027-02-06', name: '春节' },
		{ date: '2027-02-08', name: '春节' }
	],
	workdays: [{ date: '2027-02-13', name: '春节' }]
};

describe('the bundled package as the first publications', () => {
	it('gives every year it knows, each valid, with the New Year days of late December under the next year', () => {
		const years = bundledSchedules();
		expect(years[0]!.year).toBe(2004);
		expect(years.at(-1)!.year).toBe(2026);
		expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
		for (const y of years) expect(holidaySchedule.safeParse(y).success, String(y.year)).toBe(true);
		const y2019 = years.find((y) => y.year === 2019)!;
		expect(y2019.holidays.slice(0, 3).map((d) => d.date)).toEqual(['2018-12-30', '2018-12-31', '2019-01-01']);
		const y2018 = years.find((y) => y.year === 2018)!;
		expect(y2018.holidays.some((d) => d.date >= '2018-12-25')).toBe(false);
		expect(years.find((y) => y.year === 2026)!.workdays.map((d) => d.date)).toEqual([
			'2026-01-04',
			'2026-02-14',
			'2026-02-28',
			'2026-05-09',
			'2026-09-20',
			'2026-10-10'
		]);
	});
});

describe('store: holiday years', () => {
	it('seeds the missing years under one revision, never replacing a published one, and says which it inserted', async () => {
		const bundled = bundledSchedules();
		const first = await store.seedHolidayYears(bundled, NOW);
		expect(first).toHaveLength(23);
		const listed = await store.listHolidayYears();
		expect(listed.map((y) => y.year)).toEqual(first);
		expect(new Set(listed.map((y) => y.revision)).size).toBe(1);
		expect(listed[0]).toMatchObject({ source: 'bundled', publishedAt: NOW });
		expect(await store.seedHolidayYears(bundled, NOW)).toEqual([]);

		const edited = { ...bundled.find((y) => y.year === 2026)!, workdays: [] };
		await store.publishHolidayYear({ schedule: edited, now: NOW });
		expect(await store.seedHolidayYears(bundled, NOW)).toEqual([]);
		expect((await store.listHolidayYears()).find((y) => y.year === 2026)!.workdays).toEqual([]);
	});

	it('publishes a new year, replaces it with a newer revision, and leaves the same days alone', async () => {
		await store.seedHolidayYears(bundledSchedules(), NOW);
		const seededRevision = (await store.listHolidayYears())[0]!.revision;

		const created = await store.publishHolidayYear({ schedule: Y2027, now: NOW });
		expect(created.kind).toBe('created');
		expect(created.year).toMatchObject({ ...Y2027, source: 'admin', publishedAt: NOW });
		expect(created.year.revision).toBeGreaterThan(seededRevision);
		// Devices that hold everything up to the seed get only the new year.
		expect((await store.listHolidayYears(seededRevision)).map((y) => y.year)).toEqual([2027]);

		const same = await store.publishHolidayYear({ schedule: Y2027, now: '2026-12-03T00:00:00.000Z' });
		expect(same).toEqual({ kind: 'unchanged', year: created.year });

		const amended = normaliseSchedule({
			...Y2027,
			holidays: [...Y2027.holidays, { date: '2027-02-07', name: '春节' }]
		});
		const updated = await store.publishHolidayYear({ schedule: amended, now: '2026-12-04T00:00:00.000Z' });
		expect(updated.kind).toBe('updated');
		expect(updated.year.revision).toBeGreaterThan(created.year.revision);
		expect(updated.year.holidays.map((d) => d.date)).toEqual(['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08']);
		expect((await store.listHolidayYears(created.year.revision)).map((y) => y.year)).toEqual([2027]);
		expect(await store.listHolidayYears(updated.year.revision)).toEqual([]);

		const log = (await store.listAdminActions()).map((a) => `${a.action} ${a.target}`);
		expect(log).toEqual(['seedHolidayYears calendar', 'publishHolidayYear 2027', 'replaceHolidayYear 2027']);
	});

	it('keeps the calendar across a reopen (a migrated file)', async () => {
		await store.publishHolidayYear({ schedule: Y2027, now: NOW });
		await store.close();
		store = openSqliteStore(dir);
		expect((await store.listHolidayYears()).map((y) => y.year)).toEqual([2027]);
	});

	it('the server computes the due date the device does, from the same published years', async () => {
		await store.seedHolidayYears(bundledSchedules(), NOW);
		const calendar = workCalendar(await store.listHolidayYears());
		expect(returnDueDate('2026-09-25T02:00:00Z', calendar)).toEqual({ due: '2026-10-22', provisional: false });
		expect(returnDueDate('2026-12-15T02:00:00Z', calendar)).toEqual({
			due: '2027-01-05',
			provisional: true,
			unpublishedYear: 2027
		});
		await store.publishHolidayYear({ schedule: Y2027, now: NOW });
		const after = workCalendar(await store.listHolidayYears());
		// 2027-01-01 is a holiday now: one working day later, and final.
		expect(returnDueDate('2026-12-15T02:00:00Z', after)).toEqual({ due: '2027-01-06', provisional: false });
	});
});
