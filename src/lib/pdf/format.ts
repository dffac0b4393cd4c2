// Display formats for the document: Shanghai dates without Intl time-zone data, so Node and browsers agree.
import { formatYuan } from '../domain/money';

// China has kept UTC+8 all year since 1991; a fixed offset is exact for every date we print.
const SHANGHAI_MS = 8 * 3600 * 1000;

function shanghaiParts(iso: string) {
	const d = new Date(Date.parse(iso) + SHANGHAI_MS).toISOString();
	return { y: d.slice(0, 4), m: d.slice(5, 7), d: d.slice(8, 10), hh: d.slice(11, 13), mm: d.slice(14, 16), ss: d.slice(17, 19) };
}

/** 2026-11-26 */
export function shanghaiDate(iso: string): string {
	const p = shanghaiParts(iso);
	return `${p.y}-${p.m}-${p.d}`;
}

/** 2026年11月26日 10:30 */
export function shanghaiDateTime(iso: string): string {
	const p = shanghaiParts(iso);
	return `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}`;
}

/** PDF date string in Shanghai time, e.g. D:20261126103000+08'00'; clamped to the 1970–2037 jsPDF accepts. */
export function pdfDate(iso: string): string {
	const p = shanghaiParts(iso);
	const year = Number(p.y);
	if (year < 1970) return "D:19700101000000+08'00'";
	if (year > 2037) return "D:20371231235959+08'00'";
	return `D:${p.y}${p.m}${p.d}${p.hh}${p.mm}${p.ss}+08'00'`;
}

/** 1,234.56 元 */
export function yuan(amountFen: number): string {
	return formatYuan(amountFen);
}
