// The contract with a filing attachment (附：备案信息) of template CD-FL-2026.2 (and of later versions over their text): one domain per line, continued rows marked （续）.
import type { FilingContract } from '../../../domain/contract';
import { domainForms } from '../../../domain/filing';
import { cnCalendarDate } from './format';
import { CONTENT_WIDTH, type CellLine, type Layout } from './layout';
import { agreement, attachment, type Execution } from './sections';
import type { TemplateText } from './text';

const SIZE = 8;
const PAD = 3;
/** The widest filing number a site can carry (the schema allows 10 digits and -999). */
const SITE_NUMBER_CAPACITY = '京ICP备1234567890号-999';

/** A domain as people read it, with the form a resolver uses beside it when they differ (IDN). */
export function domainLabel(domain: string): string {
	const { unicode, ascii } = domainForms(domain);
	return unicode === ascii ? ascii : `${unicode}（${ascii}）`;
}

export function renderFiling(l: Layout, r: FilingContract, e: Execution, t: TemplateText): void {
	agreement(l, r, e, t);
	attachment(l, t.HEADINGS.filingAttachment, [
		[t.LABELS.number, r.number, 'number'],
		[t.LABELS.filingNumber, r.filing.filingNumber, 'filing.filingNumber'],
		[t.LABELS.filingOrderNumber, r.filing.orderNumber, 'filing.orderNumber'],
		[t.LABELS.entityName, r.filing.entityName, 'filing.entityName'],
		[t.LABELS.filedOn, cnCalendarDate(r.filing.filedOn), 'filing.filedOn']
	]);
	l.heading(t.HEADINGS.sites);
	const numberWidth = Math.ceil(l.measure(SITE_NUMBER_CAPACITY, 'normal', SIZE)) + 2 * PAD;
	const nameWidth = Math.round((CONTENT_WIDTH - numberWidth) * 0.3);
	const domainWidth = CONTENT_WIDTH - numberWidth - nameWidth;
	const columns = [
		{ title: t.SITE_COLUMNS[0], width: numberWidth },
		{ title: t.SITE_COLUMNS[1], width: nameWidth },
		{ title: t.SITE_COLUMNS[2], width: domainWidth }
	];
	l.table(
		columns,
		r.filing.sites.map((s, i) => {
			const number = [l.fit(s.siteNumber, numberWidth - 2 * PAD, 'normal', SIZE)];
			const name = l.lines(s.name, nameWidth - 2 * PAD, 'normal', SIZE).map((text): CellLine => ({ text, size: SIZE }));
			const domains = s.domains.flatMap((d) => l.fitOrWrap(domainLabel(d), domainWidth - 2 * PAD, SIZE, t.LABELS.wrapMark));
			return {
				kind: 'cells' as const,
				cells: [number, name, domains],
				fields: [`filing.sites[${i}].siteNumber`, `filing.sites[${i}].name`, `filing.sites[${i}].domains`],
				repeat: [number, name, undefined]
			};
		}),
		{ size: SIZE, continued: t.LABELS.continued }
	);
	l.line(t.LABELS.blankBelow, 'center', 'template.blankBelow', 9);
}
