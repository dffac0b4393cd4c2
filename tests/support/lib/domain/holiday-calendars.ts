// The official schedules of 2025 and 2026 (State Council notices, as the bundled package holds them) for the calendar tests.
import type { HolidaySchedule } from '../../../../src/lib/domain/holidayCalendar';

export const SCHEDULE_2025: HolidaySchedule = {
	year: 2025,
	holidays: [
		{ date: '2025-01-01', name: '元旦' },
		{ date: '2025-01-28', name: '春节' },
		{ date: '2025-01-29', name: '春节' },
		{ date: '2025-01-30', name: '春节' },
		{ date: '2025-01-31', name: '春节' },
		{ date: '2025-02-01', name: '春节' },
		{ date: '2025-02-02', name: '春节' },
		{ date: '2025-02-03', name: '春节' },
		{ date: '2025-02-04', name: '春节' },
		{ date: '2025-04-04', name: '清明' },
		{ date: '2025-04-05', name: '清明' },
		{ date: '2025-04-06', name: '清明' },
		{ date: '2025-05-01', name: '劳动节' },
		{ date: '2025-05-02', name: '劳动节' },
		{ date: '2025-05-03', name: '劳动节' },
		{ date: '2025-05-04', name: '劳动节' },
		{ date: '2025-05-05', name: '劳动节' },
		{ date: '2025-05-31', name: '端午' },
		{ date: '2025-06-01', name: '端午' },
		{ date: '2025-06-02', name: '端午' },
		{ date: '2025-10-01', name: '国庆节' },
		{ date: '2025-10-02', name: '国庆节' },
		{ date: '2025-10-03', name: '国庆节' },
		{ date: '2025-10-04', name: '国庆节' },
		{ date: '2025-10-05', name: '国庆节' },
		{ date: '2025-10-06', name: '中秋' },
		{ date: '2025-10-07', name: '国庆节' },
		{ date: '2025-10-08', name: '国庆节' }
	],
	workdays: [
		{ date: '2025-01-26', name: '春节' },
		{ date: '2025-02-08', name: '春节' },
		{ date: '2025-04-27', name: '劳动节' },
		{ date: '2025-09-28', name: '国庆节' },
		{ date: '2025-10-11', name: '国庆节' }
	]
};

export const SCHEDULE_2026: HolidaySchedule = {
	year: 2026,
	holidays: [
		{ date: '2026-01-01', name: '元旦' },
		{ date: '2026-01-02', name: '元旦' },
		{ date: '2026-01-03', name: '元旦' },
		{ date: '2026-02-15', name: '春节' },
		{ date: '2026-02-16', name: '春节' },
		{ date: '2026-02-17', name: '春节' },
		{ date: '2026-02-18', name: '春节' },
		{ date: '2026-02-19', name: '春节' },
		{ date: '2026-02-20', name: '春节' },
		{ date: '2026-02-21', name: '春节' },
		{ date: '2026-02-22', name: '春节' },
		{ date: '2026-02-23', name: '春节' },
		{ date: '2026-04-04', name: '清明' },
		{ date: '2026-04-05', name: '清明' },
		{ date: '2026-04-06', name: '清明' },
		{ date: '2026-05-01', name: '劳动节' },
		{ date: '2026-05-02', name: '劳动节' },
		{ date: '2026-05-03', name: '劳动节' },
		{ date: '2026-05-04', name: '劳动节' },
		{ date: '2026-05-05', name: '劳动节' },
		{ date: '2026-06-19', name: '端午' },
		{ date: '2026-06-20', name: '端午' },
		{ date: '2026-06-21', name: '端午' },
		{ date: '2026-09-25', name: '中秋' },
		{ date: '2026-09-26', name: '中秋' },
		{ date: '2026-09-27', name: '中秋' },
		{ date: '2026-10-01', name: '国庆节' },
		{ date: '2026-10-02', name: '国庆节' },
		{ date: '2026-10-03', name: '国庆节' },
		{ date: '2026-10-04', name: '国庆节' },
		{ date: '2026-10-05', name: '国庆节' },
		{ date: '2026-10-06', name: '国庆节' },
		{ date: '2026-10-07', name: '国庆节' }
	],
	workdays: [
		{ date: '2026-01-04', name: '元旦' },
		{ date: '2026-02-14', name: '春节' },
		{ date: '2026-02-28', name: '春节' },
		{ date: '2026-05-09', name: '劳动节' },
		{ date: '2026-09-20', name: '国庆节' },
		{ date: '2026-10-10', name: '国庆节' }
	]
};
