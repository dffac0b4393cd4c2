// Display formats for the document, from the fixed-offset Shanghai time of the domain.
import { shanghaiParts } from '../../../domain/time';

export { shanghaiDate } from '../../../domain/time';

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
