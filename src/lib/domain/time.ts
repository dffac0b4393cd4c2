// Dates as people in China read them: always shown in Asia/Shanghai, whatever the device's zone.
const TZ = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: TZ,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: TZ,
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** "2026-11-26" */
export function shanghaiDate(iso: string | number | Date): string {
	return dayFormat.format(new Date(iso));
}
/** "2026-11" */
export function shanghaiMonth(iso: string | number | Date): string {
	return shanghaiDate(iso).slice(0, 7);
}
/** "2026-11-26 14:05" */
export function shanghaiDateTime(iso: string | number | Date): string {
	const d = new Date(iso);
	return `${dayFormat.format(d)} ${timeFormat.format(d)}`;
}
