// One-line descriptions of a contract for lists: its attachment in words.
import './i18n';
import type { ContractRecord } from '../../domain/contract';
import { formatYuan } from '../../domain/money';
import { t } from '../../i18n/index.svelte';

export function attachmentSummary(c: ContractRecord): string {
	if (c.kind === 'filing') return t('attachmentFiling', { number: c.filing.filingNumber });
	if (c.kind === 'order') return t('attachmentOrders', { count: c.orders.length, amount: formatYuan(c.totalFen) });
	return t('noAttachment');
}
