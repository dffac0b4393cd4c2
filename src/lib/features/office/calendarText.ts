// The calendar editor's text form: one day per line, "2027-01-01 元旦", both ways.
import type { z } from 'zod';
import type { scheduleDay } from '../../domain/holidayCalendar';

type Day = z.infer<typeof scheduleDay>;

export function daysToText(days: readonly Day[]): string {
	return days.map((d) => `${d.date} ${d.name}`).join('\n');
}

/** The days of a text, or the first line (from 1) that is not "date name". */
export function textToDays(text: string): { days: Day[] } | { badLine: number } {
	const days: Day[] = [];
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!.trim();
		if (!line) continue;
		const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(line);
		if (!m) return { badLine: i + 1 };
		days.push({ date: m[1]!, name: m[2]!.trim() });
	}
	return { days };
}
