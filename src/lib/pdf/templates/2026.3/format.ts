// Display formats of the 2026.3 documents: 2026.2's, unchanged.
export { cnCalendarDate, cnDate, cnDateTime, pdfDate } from '../2026.2/format';
