// The contract list's search text, kept for the visit (open a result, come back: the results are still there) and
// never stored: a new visit of the app starts with the whole list rather than a count for a query typed days ago.
export const listSearch = $state({ value: '' });

/** The device forgets its account (sign-out, another account): the next one's list does not open on this query. */
export function forgetListSearch(): void {
	listSearch.value = '';
}
