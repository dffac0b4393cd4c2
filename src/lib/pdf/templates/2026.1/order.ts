// The contract with an order attachment (附：订单信息): the agreement, then the order table and its total.
import { capitalAmount } from '../../../domain/capitalAmount';
import type { OrderContract } from '../../../domain/contract';
import { formatYuan } from '../../../domain/money';
import { shanghaiDate } from './format';
import type { Column, Layout } from './layout';
import { agreement, attachment } from './sections';
import { HEADINGS, LABELS, ORDER_COLUMNS } from './text';

const WIDTHS = [26, 104, 78, 110, 44, 54, 67.28] as const;

export function renderOrder(l: Layout, r: OrderContract): void {
	agreement(l, r);
	attachment(l, HEADINGS.orderAttachment, [
		[LABELS.number, r.number, 'number'],
		[LABELS.orderCount, String(r.orders.length), 'orders']
	]);
	l.space(6);
	const columns: Column[] = ORDER_COLUMNS.map((title, i) => ({
		title,
		width: WIDTHS[i]!,
		align: i === 0 ? 'center' : i === ORDER_COLUMNS.length - 1 ? 'right' : 'left'
	}));
	l.table(
		columns,
		r.orders.map((o, i) => ({
			cells: [
				String(i + 1),
				o.id,
				o.product,
				o.spec,
				o.billingMode === 'prepaid' ? LABELS.prepaid : LABELS.postpaid,
				shanghaiDate(o.paidAt),
				formatYuan(o.amountFen)
			],
			fields: orderFields(i)
		}))
	);
	l.space(4);
	l.heading(HEADINGS.total);
	l.keyValues(
		[
			[LABELS.totalFigures, `￥${formatYuan(r.totalFen)}`, 'totalFen'],
			[LABELS.totalCapital, `人民币${capitalAmount(r.totalFen)}`, 'totalFen']
		],
		110
	);
}

/** The record fields an order row's cells show, column by column (the index column stands for the list). */
export function orderFields(i: number): string[] {
	return ['orders', `orders[${i}].id`, `orders[${i}].product`, `orders[${i}].spec`, `orders[${i}].billingMode`, `orders[${i}].paidAt`, `orders[${i}].amountFen`];
}
