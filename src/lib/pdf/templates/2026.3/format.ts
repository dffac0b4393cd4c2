// Display formats of the 2026.3 documents: one date style everywhere (2026年3月15日), Shanghai time.
import { shanghaiParts } from '../../../domain/time';

const n = (s: string) => String(Number(s));

/** 2026年3月15日 (no leading zeros) */
export function cnDate(iso: string): string {
	const p = shanghaiParts(iso);
	return `${p.y}年${n(p.m)}月${n(p.d)}日`;
}

/** A calendar date (YYYY-MM-DD, no time) as 2024年3月20日. */
export function cnCalendarDate(ymd: string): string {
	const [y, m, d] = ymd.split('-');
	return `${y}年${n(m!)}月${n(d!)}日`;
}

/** 2026年3月15日 10:30 */
export function cnDateTime(iso: string): string {
	const p = shanghaiParts(iso);
	return `${cnDate(iso)} ${p.hh}:${p.mm}`;
}

/** PDF date string in Shanghai time, e.g. D:20261126103000+08'00'; clamped to the 1970–2037 jsPDF accepts. */
export function pdfDate(iso: string): string {
	const p = shanghaiParts(iso);
	const year = Number(p.y);
	if (year < 1970) return "D:19700101000000+08'00'";
	if (year > 2037) return "D:20371231235959+08'00'";
	return `D:${p.y}${p.m}${p.d}${p.hh}${p.mm}${p.ss}+08'00'`;
}
