// Dates as people in China read them: always Asia/Shanghai, whatever the device's zone or Intl data.

// China has kept UTC+8 all year since 1991, so a fixed offset is exact for every date we handle and
// needs no time-zone database: Node, browsers and the PDF renderer agree byte for byte.
const SHANGHAI_MS = 8 * 3600 * 1000;

export type ShanghaiParts = { y: string; m: string; d: string; hh: string; mm: string; ss: string };

export function shanghaiParts(when: string | number | Date): ShanghaiParts {
	const ms = when instanceof Date ? when.getTime() : typeof when === 'number' ? when : Date.parse(when);
	const s = new Date(ms + SHANGHAI_MS).toISOString();
	return {
		y: s.slice(0, 4),
		m: s.slice(5, 7),
		d: s.slice(8, 10),
		hh: s.slice(11, 13),
		mm: s.slice(14, 16),
		ss: s.slice(17, 19)
	};
}

/** "2026-11-26" */
export function shanghaiDate(when: string | number | Date): string {
	const p = shanghaiParts(when);
	return `${p.y}-${p.m}-${p.d}`;
}
/** "2026-11" */
export function shanghaiMonth(when: string | number | Date): string {
	return shanghaiDate(when).slice(0, 7);
}
/** "2026-11-26 14:05" */
export function shanghaiDateTime(when: string | number | Date): string {
	const p = shanghaiParts(when);
	return `${p.y}-${p.m}-${p.d} ${p.hh}:${p.mm}`;
}
/**
 * As short as still unambiguous next to `now`: "14:05" today, "11-26 14:05" this year, else the full
 * "2025-12-30 14:05" (a phone's header has room for little more than the time).
 */
export function shanghaiShortDateTime(when: string | number | Date, now: string | number | Date): string {
	const p = shanghaiParts(when);
	const n = shanghaiParts(now);
	if (p.y !== n.y) return shanghaiDateTime(when);
	if (p.m !== n.m || p.d !== n.d) return `${p.m}-${p.d} ${p.hh}:${p.mm}`;
	return `${p.hh}:${p.mm}`;
}
/** The same instant written in Shanghai time with its offset: "2026-11-26T14:05:09.123+08:00". */
export function shanghaiIso(when: Date): string {
	return `${new Date(when.getTime() + SHANGHAI_MS).toISOString().slice(0, 23)}+08:00`;
}
