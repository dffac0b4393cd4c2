// Display helpers of the office: dates in Asia/Shanghai, a request's current step.
import { shanghaiDate, shanghaiDateTime } from '../../domain/time';
import type { QueueItem } from '../../domain/office';

export const day = (iso: string | null | undefined): string => (iso ? shanghaiDate(iso) : '');
export const dayTime = (iso: string | null | undefined): string => (iso ? shanghaiDateTime(iso) : '');

/** The step the office takes next on a request, by the queue it is in. */
export function nextAction(item: Pick<QueueItem, 'queue'>): 'receive' | 'stamp' | 'dispatch' | null {
	return item.queue === 'awaiting'
		? 'receive'
		: item.queue === 'received'
			? 'stamp'
			: item.queue === 'stamped'
				? 'dispatch'
				: null;
}
