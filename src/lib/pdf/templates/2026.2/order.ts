// The contract with an order attachment (附：订单信息) of template CD-OR-2026.2 (and of later versions over their text): columns sized for 24-digit ids and 15-digit amounts, totals as the last rows.
import { capitalAmount } from '../../../domain/capitalAmount';
import type { OrderContract } from '../../../domain/contract';
import { formatYuan } from '../../../domain/money';
import { cnDate } from './format';
import { type CellLine, type Column, CONTENT_WIDTH, type Layout, type Row } from './layout';
import { agreement, attachment, type Execution } from './sections';
import { orderFields } from '../2026.1/order';
import type { TemplateText } from './text';

const SIZE = 8;
const PAD = 3;
/**
 * What each fixed column must hold whole, at the table's size: the widest value it can be given (any one of
 * a list). The billing column holds the text's billing-mode labels.
 */
const capacity = (t: TemplateText) =>
	({
		index: ['1000'],
		id: ['0'.repeat(24)],
		billing: [t.LABELS.prepaid, t.LABELS.postpaid],
		paidAt: ['2026年12月31日'],
		amount: ['9,999,999,999,999.99']
	}) as const;

export function renderOrder(l: Layout, r: OrderContract, e: Execution, t: TemplateText): void {
	agreement(l, r, e, t);
	attachment(l, t.HEADINGS.orderAttachment, [
		[t.LABELS.number, r.number, 'number'],
		[t.LABELS.orderCount, String(r.orders.length), 'orders']
	]);
	l.space(6);
	const CAPACITY = capacity(t);
	const need = (values: readonly string[], title: string) =>
		Math.ceil(Math.max(...values.map((v) => l.measure(v, 'normal', SIZE)), l.measure(title, 'bold', SIZE))) + 2 * PAD;
	const fixed = [
		need(CAPACITY.index, t.ORDER_COLUMNS[0]),
		need(CAPACITY.id, t.ORDER_COLUMNS[1]),
		0,
		0,
		need(CAPACITY.billing, t.ORDER_COLUMNS[4]),
		need(CAPACITY.paidAt, t.ORDER_COLUMNS[5]),
		need(CAPACITY.amount, t.ORDER_COLUMNS[6])
	];
	const rest = CONTENT_WIDTH - fixed.reduce((a, b) => a + b, 0);
	const widths = fixed.map((w, i) => (i === 2 ? Math.floor(rest * 0.42) : i === 3 ? rest - Math.floor(rest * 0.42) : w));
	const columns: Column[] = t.ORDER_COLUMNS.map((title, i) => ({
		title,
		width: widths[i]!,
		align: i === 0 ? 'center' : i === t.ORDER_COLUMNS.length - 1 ? 'right' : 'left'
	}));
	const one = (text: string, i: number): CellLine[] => [l.fit(text, widths[i]! - 2 * PAD, 'normal', SIZE)];
	const wrap = (text: string, i: number): CellLine[] =>
		l.lines(text, widths[i]! - 2 * PAD, 'normal', SIZE).map((t) => ({ text: t, size: SIZE }));
	const rows: Row[] = r.orders.map((o, i) => ({
		kind: 'cells',
		cells: [
			one(String(i + 1), 0),
			one(o.id, 1),
			wrap(o.product, 2),
			wrap(o.spec, 3),
			one(o.billingMode === 'prepaid' ? t.LABELS.prepaid : t.LABELS.postpaid, 4),
			one(cnDate(o.paidAt), 5),
			one(formatYuan(o.amountFen), 6)
		],
		fields: orderFields(i)
	}));
	rows.push(
		{
			kind: 'span',
			parts: [
				{ from: 0, to: 5, text: t.LABELS.totalFigures, align: 'right', face: 'bold', field: 'template.total' },
				{ from: 6, to: 6, text: `${t.LABELS.yuanSign}${formatYuan(r.totalFen)}`, align: 'right', face: 'normal', field: 'totalFen' }
			]
		},
		{
			kind: 'span',
			parts: [
				{ from: 0, to: 1, text: t.LABELS.totalCapital, align: 'right', face: 'bold', field: 'template.total' },
				{ from: 2, to: 6, text: `${t.LABELS.rmb}${capitalAmount(r.totalFen)}`, align: 'left', face: 'normal', field: 'totalFen' }
			]
		}
	);
	// The totals close the table on a page with at least the last three orders, and 以下空白 under them.
	l.table(columns, rows, { size: SIZE, continued: t.LABELS.continued, keepLast: Math.min(3, r.orders.length) + 2, tail: 9 * 1.6 });
	l.line(t.LABELS.blankBelow, 'center', 'template.blankBelow', 9);
}
