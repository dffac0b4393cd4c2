// The provider's holiday calendar as one live value for every due date on screen (a list's badges share one query).
import { liveQuery } from 'dexie';
import { readWorkCalendar } from '../../db/holidays';
import type { WorkCalendar } from '../../domain/workdays';

let current = $state.raw<WorkCalendar | undefined>(undefined);
let subscribed = false;

function subscribe(): void {
	subscribed = true;
	// For the app's lifetime: a pull that brings a year updates every due date shown.
	liveQuery(readWorkCalendar).subscribe({
		next: (calendar) => (current = calendar),
		// A closed database (sign-out, another tab's upgrade): the next reader subscribes again.
		error: () => (subscribed = false)
	});
}

/** The published years on this device; undefined until first read (show no due date rather than a wrong one). */
export const sharedCalendar = {
	get current(): WorkCalendar | undefined {
		if (!subscribed) subscribe();
		return current;
	}
};
