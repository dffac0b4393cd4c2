// The contract with a filing attachment (附：备案信息): the agreement, then the ICP filing and its sites.
import type { FilingContract } from '../../../domain/contract';
import { CONTENT_WIDTH, type Layout } from './layout';
import { agreement, attachment } from './sections';
import { HEADINGS, LABELS, SITE_COLUMNS } from './text';

export function renderFiling(l: Layout, r: FilingContract): void {
	agreement(l, r);
	attachment(l, HEADINGS.filingAttachment, [
		[LABELS.number, r.number, 'number'],
		[LABELS.filingNumber, r.filing.filingNumber, 'filing.filingNumber'],
		[LABELS.filingOrderNumber, r.filing.orderNumber, 'filing.orderNumber'],
		[LABELS.entityName, r.filing.entityName, 'filing.entityName'],
		[LABELS.filedOn, r.filing.filedOn, 'filing.filedOn']
	]);
	l.heading(HEADINGS.sites);
	const w = CONTENT_WIDTH;
	l.table(
		[
			{ title: SITE_COLUMNS[0], width: w * 0.3 },
			{ title: SITE_COLUMNS[1], width: w * 0.28 },
			{ title: SITE_COLUMNS[2], width: w * 0.42 }
		],
		r.filing.sites.map((s, i) => ({
			cells: [s.siteNumber, s.name, s.domains.join(' ')],
			fields: [`filing.sites[${i}].siteNumber`, `filing.sites[${i}].name`, `filing.sites[${i}].domains`]
		})),
		9
	);
}
