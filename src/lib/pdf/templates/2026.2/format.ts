// Display formats of the 2026.2 documents: one date style everywhere (2026年3月15日), Shanghai time.
import { shanghaiParts } from '../../../domain/time';

// The PDF's own dates are 2026.1's.
export { pdfDate } from '../2026.1/format';

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
