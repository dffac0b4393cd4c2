// Which rows of a long, fixed-row-height list scrolled with the page are on screen: the arithmetic of a windowed list.

export type Window = { start: number; end: number };

/**
 * Rows `start` (inclusive) to `end` (exclusive) that intersect the viewport, plus `overscan` rows on each side.
 * `listTop` is the list body's top relative to the viewport (getBoundingClientRect().top): negative once scrolled past.
 */
export function visibleRange(
	count: number,
	rowHeight: number,
	listTop: number,
	viewportHeight: number,
	overscan = 4
): Window {
	if (count <= 0 || !(rowHeight > 0)) return { start: 0, end: Math.min(count, overscan * 2) };
	const first = Math.floor(Math.max(0, -listTop) / rowHeight);
	const last = Math.ceil(Math.max(0, viewportHeight - listTop) / rowHeight);
	const start = Math.max(0, Math.min(count, first) - overscan);
	const end = Math.min(count, Math.max(start, last) + overscan);
	return { start, end };
}

/** Index a key press moves the active row to, or null if the key is not a list key. */
export function movedIndex(key: string, index: number, count: number, pageRows: number): number | null {
	const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
	switch (key) {
		case 'ArrowDown':
			return clamp(index + 1);
		case 'ArrowUp':
			return clamp(index - 1);
		case 'PageDown':
			return clamp(index + Math.max(1, pageRows));
		case 'PageUp':
			return clamp(index - Math.max(1, pageRows));
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}
