// The contract list's search text, kept for the visit (open a result, come back: the results are still there) and
// never stored: a new visit of the app starts with the whole list rather than a count for a query typed days ago.
export const listSearch = $state({ value: '' });
